/// Which keys sign for which member when a roster version's signatures are counted, beyond the
/// keys the roster lists: the keys members rotated to by key events count for them, and a key a
/// key event retired counts only on roster versions up to the one current at the event (so a
/// stolen key cannot approve anything after its revocation, and a planned rotation does not undo
/// the approvals the old key gave).
public struct SigningKeys: Hashable, Sendable {
    /// Region → keys its key events introduced.
    public var added: [String: Set<AuthorID>]
    /// Key → the last roster version its signature counts on.
    public var countsUpTo: [AuthorID: UInt64]
    /// Whether the signatures counted were each verified already (`FederationState` verifies
    /// every signature once before its fold, then counts without verifying again).
    public var signaturesVerified: Bool

    public init(
        added: [String: Set<AuthorID>] = [:], countsUpTo: [AuthorID: UInt64] = [:], signaturesVerified: Bool = false
    ) {
        self.added = added
        self.countsUpTo = countsUpTo
        self.signaturesVerified = signaturesVerified
    }

    /// Only the keys each roster lists.
    public static let listed = SigningKeys()

    /// The region of `roster` that `key` signs for on version `number`, if any.
    public func region(of key: AuthorID, in roster: Roster, signing number: UInt64) -> String? {
        if let limit = countsUpTo[key], number > limit { return nil }
        if let member = roster.member(holding: key) { return member.region }
        for member in roster.members where added[member.region]?.contains(key) == true { return member.region }
        return nil
    }
}
