import Crypto
import Foundation

/// A change's id: the SHA-256 of its exact payload bytes, as 64 lower-case hex digits.
public struct ChangeID: SyncIdentifier, Comparable {
    public let rawValue: String

    public init(parsing text: String) throws(SyncError) {
        let hex = text.lowercased()
        guard hex.utf8.count == 64, Hex.decode(hex) != nil else {
            throw SyncError.malformed("\(text.prefix(80).debugDescription) is not a change id (64 hex digits)")
        }
        rawValue = hex
    }

    /// The id of a payload.
    public init(payload: some DataProtocol) {
        rawValue = Hex.encode(SHA256.hash(data: payload))
    }

    public static func < (lhs: ChangeID, rhs: ChangeID) -> Bool { lhs.rawValue < rhs.rawValue }
}
