import Crypto
import Foundation

/// A change's id: the SHA-256 of its exact payload bytes, as 64 lower-case hex digits.
public struct ChangeID: SyncIdentifier, Comparable {
    public let rawValue: String

    /// Reads a change id in its only form: 64 lower-case hex digits.
    public init(parsing text: String) throws(SyncError) {
        guard Hex.isCanonical(text, digits: 64) else {
            throw SyncError.malformed(
                "\(text.prefix(80).debugDescription) is not a change id (64 lower-case hex digits)")
        }
        rawValue = text
    }

    /// Reads a change id typed by a person: upper-case hex digits are taken as lower-case.
    public init(normalizing text: String) throws(SyncError) {
        try self.init(parsing: text.lowercased())
    }

    /// The id of a payload.
    public init(payload: some DataProtocol) {
        rawValue = Hex.encode(SHA256.hash(data: payload))
    }

    public static func < (lhs: ChangeID, rhs: ChangeID) -> Bool { lhs.rawValue < rhs.rawValue }
}
