import Crypto
import Foundation

/// One partner of the federation in a roster version: its region, the keys its node signs with,
/// and a commitment to its recovery key.
public struct RosterMember: Hashable, Sendable {
    /// The NUTS code of the region the member publishes for, e.g. `AT12`; one member per region.
    public var region: String
    /// The member's display name, e.g. `Niederösterreich`.
    public var name: String
    /// Where its node answers (`https://…`), for peers; absent for a member without a public node.
    public var url: String?
    /// The author ids its node signs changes with, current first; at least one.
    public var keys: [AuthorID]
    /// The SHA-256 (hex) of the raw 32-byte public key of the member's recovery key, which is kept
    /// offline and signs only its key rotations: the key itself is shown only when it is used.
    public var recovery: String

    public init(region: String, name: String, url: String? = nil, keys: [AuthorID], recovery: String) {
        self.region = region
        self.name = name
        self.url = url
        self.keys = keys
        self.recovery = recovery
    }

    /// The commitment to a recovery key as a member's `recovery` names it: the SHA-256 of the
    /// raw public key that `key` (the recovery key's id, 64 hex digits) spells.
    public static func commitment(to key: AuthorID) -> String {
        Hex.encode(SHA256.hash(data: Hex.decode(key.rawValue) ?? []))
    }
}
