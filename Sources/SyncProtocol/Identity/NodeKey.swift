import Crypto
import Foundation

/// A regional node's signing key: the only key that may sign its change log.
///
/// `@unchecked Sendable`: swift-crypto's `PrivateKey` is an immutable value that it has not
/// annotated; it is never mutated after creation.
public struct NodeKey: @unchecked Sendable {
    private let privateKey: Curve25519.Signing.PrivateKey

    /// A new random key.
    public init() {
        privateKey = Curve25519.Signing.PrivateKey()
    }

    /// A key from its 32-byte seed (the form stored in a key file).
    public init(seed: some ContiguousBytes) throws(SyncError) {
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            throw SyncError.malformed("a signing key seed must be 32 bytes")
        }
        privateKey = key
    }

    /// The 32-byte seed; keep it secret.
    public var seed: Data { privateKey.rawRepresentation }

    public var authorID: AuthorID { AuthorID(publicKey: privateKey.publicKey) }

    /// Signs `message` in the given context (see `SignatureContext`).
    public func signature(for message: some DataProtocol, context: SignatureContext) throws -> Data {
        try privateKey.signature(for: context.message(for: message))
    }
}

/// Domain separation for signatures: the signed message is a fixed context string naming the
/// message type and protocol version, a NUL byte, then the payload bytes, so a signature made
/// for one purpose can never be replayed as another.
public struct SignatureContext: Hashable, Sendable {
    /// The context string, e.g. `sopro/change/v1`.
    public let name: String

    public static let change = SignatureContext(name: "sopro/change/v\(SyncProtocolVersion.current)")

    /// Contexts for future message types (a referral between nodes) are made here.
    public init(name: String) {
        self.name = name
    }

    /// `name` as UTF-8, a 0x00 byte, then `payload`.
    public func message(for payload: some DataProtocol) -> Data {
        var message = Data(capacity: name.utf8.count + 1 + payload.count)
        message.append(contentsOf: name.utf8)
        message.append(0)
        message.append(contentsOf: payload)
        return message
    }

    /// Whether `signature` by `author` is valid for `payload` in this context.
    public func isValid(
        signature: some DataProtocol, of payload: some DataProtocol, by key: Curve25519.Signing.PublicKey
    )
        -> Bool
    {
        key.isValidSignature(signature, for: message(for: payload))
    }
}
