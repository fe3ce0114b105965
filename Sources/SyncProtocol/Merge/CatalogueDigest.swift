import Crypto
import Foundation

/// The state digest, computed incrementally: SHA-256 (hex) of the canonical JSON array of every
/// entry's `digestValue`, fed in kind-then-id order (UTF-8 byte order). One definition for the
/// in-memory catalogue and for stores that stream the values from disk.
public struct CatalogueDigest {
    private var hasher = SHA256()
    private var first = true

    public init() {
        hasher.update(data: Array("[".utf8))
    }

    /// Adds the next entry's canonical `digestValue` bytes.
    public mutating func add<Bytes: DataProtocol>(_ digestValueJSON: Bytes) {
        if !first { hasher.update(data: Array(",".utf8)) }
        hasher.update(data: digestValueJSON)
        first = false
    }

    /// The hex digest of everything added.
    public func finalize() -> String {
        var hasher = hasher
        hasher.update(data: Array("]".utf8))
        return Hex.encode(hasher.finalize())
    }
}
