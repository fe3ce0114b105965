/// The last change held from one author: what the next change must follow.
public struct AuthorHead: Hashable, Sendable, Codable {
    public var seq: UInt64
    public var id: ChangeID
    public var hlc: HLCTimestamp

    public init(seq: UInt64, id: ChangeID, hlc: HLCTimestamp) {
        self.seq = seq
        self.id = id
        self.hlc = hlc
    }
}

/// Two different validly signed changes with the same author and seq: evidence that the
/// author's key is compromised or was copied to a second node.
public struct ForkEvidence: Hashable, Sendable {
    /// The change kept in the log (the one that arrived first here).
    public var kept: SignedChange
    /// The other change, kept only as evidence.
    public var rival: SignedChange
    public var author: AuthorID
    public var seq: UInt64

    public init(kept: SignedChange, rival: SignedChange, author: AuthorID, seq: UInt64) {
        self.kept = kept
        self.rival = rival
        self.author = author
        self.seq = seq
    }
}
