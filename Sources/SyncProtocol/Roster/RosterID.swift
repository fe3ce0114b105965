import Crypto
import Foundation

/// A roster version's id: the SHA-256 of its exact payload bytes, as 64 lower-case hex digits.
/// A mirror is configured with the genesis's id; each version names its predecessor's.
public struct RosterID: SyncIdentifier, Comparable {
    public let rawValue: String

    /// Reads a roster id in its only form: 64 lower-case hex digits.
    public init(parsing text: String) throws(SyncError) {
        guard Hex.isCanonical(text, digits: 64) else {
            throw SyncError.malformed(
                "\(text.prefix(80).debugDescription) is not a roster id (64 lower-case hex digits)")
        }
        rawValue = text
    }

    /// The id of a payload.
    public init(payload: some DataProtocol) {
        rawValue = Hex.encode(SHA256.hash(data: payload))
    }

    public static func < (lhs: RosterID, rhs: RosterID) -> Bool { lhs.rawValue < rhs.rawValue }
}
