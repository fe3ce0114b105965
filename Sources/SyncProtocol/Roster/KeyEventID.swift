import Crypto
import Foundation

/// A key event's id: the SHA-256 of its exact payload bytes, as 64 lower-case hex digits. Each
/// event of a region names its predecessor's.
public struct KeyEventID: SyncIdentifier, Comparable {
    public let rawValue: String

    /// Reads a key event id in its only form: 64 lower-case hex digits.
    public init(parsing text: String) throws(SyncError) {
        guard Hex.isCanonical(text, digits: 64) else {
            throw SyncError.malformed(
                "\(text.prefix(80).debugDescription) is not a key event id (64 lower-case hex digits)")
        }
        rawValue = text
    }

    /// The id of a payload.
    public init(payload: some DataProtocol) {
        rawValue = Hex.encode(SHA256.hash(data: payload))
    }

    public static func < (lhs: KeyEventID, rhs: KeyEventID) -> Bool { lhs.rawValue < rhs.rawValue }
}
