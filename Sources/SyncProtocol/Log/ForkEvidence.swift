/// Proof that an author equivocated: two or more different, validly signed changes with the same
/// author and seq. It proves itself — anyone holding the author's public key can check it — so
/// it travels between nodes like changes do, and every node that sees it quarantines the author
/// from `seq` on (see `Quarantine`).
public struct ForkEvidence: Hashable, Sendable {
    public let author: AuthorID
    public let seq: UInt64
    /// The rival changes, at least two, ordered by change id (so the evidence of one fork reads
    /// the same on every node, whichever copy it saw first).
    public let changes: [VerifiedChange]

    /// Evidence from changes already verified; `nil` unless they are at least two different
    /// changes of one author at one seq.
    public init?(_ changes: [VerifiedChange]) {
        var distinct: [ChangeID: VerifiedChange] = [:]
        for change in changes { distinct[change.id] = change }
        guard distinct.count >= 2, let first = changes.first,
            changes.allSatisfy({ $0.author == first.author && $0.seq == first.seq })
        else { return nil }
        self.author = first.author
        self.seq = first.seq
        self.changes = distinct.values.sorted { $0.id < $1.id }
    }

    /// Checks evidence as it arrives from a peer: each change's form, limits and signature, and
    /// that they are different changes of one author at one seq. Throws the first problem.
    public init(verifying signed: [SignedChange], limits: ChangeLimits = .standard) throws(SyncError) {
        var verified: [VerifiedChange] = []
        for change in signed { verified.append(try change.verified(limits: limits)) }
        guard let evidence = ForkEvidence(verified) else {
            throw SyncError.malformed(
                "fork evidence needs at least two different changes of one author with one seq")
        }
        self = evidence
    }

    /// The ids of the rival changes, in order.
    public var ids: [ChangeID] { changes.map(\.id) }

    /// This evidence with the changes of `other` (about the same author and seq) added.
    public func merging(_ other: ForkEvidence) -> ForkEvidence {
        guard other.author == author, other.seq == seq else { return self }
        return ForkEvidence(changes + other.changes) ?? self
    }
}

/// Each forked author's quarantine point: the lowest seq at which a fork is known. A node applies
/// an author's changes to the catalogue only below it (later ones are kept in the log, not
/// applied, and not offered to peers), so every node that knows the same forks materialises the
/// same prefix of each log and reaches the same digest, whichever branch it holds.
public struct Quarantine: Hashable, Sendable {
    public private(set) var from: [AuthorID: UInt64] = [:]

    public init(_ evidence: some Sequence<ForkEvidence> = [ForkEvidence]()) {
        for fork in evidence { record(author: fork.author, seq: fork.seq) }
    }

    /// Records a fork at `seq`; returns whether the quarantine point moved (a new or lower seq).
    @discardableResult
    public mutating func record(author: AuthorID, seq: UInt64) -> Bool {
        if let current = from[author], current <= seq { return false }
        from[author] = seq
        return true
    }

    /// Whether a change of `author` at `seq` is applied to the catalogue.
    public func applies(author: AuthorID, seq: UInt64) -> Bool {
        guard let point = from[author] else { return true }
        return seq < point
    }

    /// The last seq of `author` that is applied and exchanged, given the log holds `seq` of it.
    public func cap(author: AuthorID, seq: UInt64) -> UInt64 {
        guard let point = from[author] else { return seq }
        return min(seq, point - 1)
    }

    /// `vector` with every quarantined author cut back to the last seq before its fork.
    public func capping(_ vector: VersionVector) -> VersionVector {
        var capped = vector
        for (author, _) in from { capped[author] = cap(author: author, seq: vector[author]) }
        return capped
    }

    public var isEmpty: Bool { from.isEmpty }
}
