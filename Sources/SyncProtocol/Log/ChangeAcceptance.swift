/// The rules a verified change must pass to enter a log, as a pure function of what the
/// receiving node holds. Shared by the in-memory `Replica` and the node's SQLite store.
public struct ChangeAcceptance: Sendable {
    public var roster: AuthorRoster
    public var schema: FieldSchema
    public var maximumSkewMilliseconds: Int64
    /// Retired keys and the last seq of each that stays valid (see `FederationState.cutoffs`):
    /// later changes by them are refused here, and not applied when already held.
    public var cutoffs: [AuthorID: UInt64]

    public init(
        roster: AuthorRoster, schema: FieldSchema, maximumSkewMilliseconds: Int64 = 5 * 60 * 1000,
        cutoffs: [AuthorID: UInt64] = [:]
    ) {
        self.roster = roster
        self.schema = schema
        self.maximumSkewMilliseconds = maximumSkewMilliseconds
        self.cutoffs = cutoffs
    }

    /// What the node holds of a change's author.
    public struct AuthorRecord: Sendable {
        public var head: AuthorHead?
        /// The id of the stored change with the change's seq, if any (for duplicates and forks).
        public var storedIDAtSeq: ChangeID?

        public init(head: AuthorHead?, storedIDAtSeq: ChangeID?) {
            self.head = head
            self.storedIDAtSeq = storedIDAtSeq
        }
    }

    /// The outcome for a change that passed signature verification.
    public enum Decision: Hashable, Sendable {
        /// Append it to the log and apply it.
        case accept
        /// Already held: nothing to do.
        case duplicate
        /// Another change holds this seq: record the two as fork evidence (the author is then
        /// quarantined from this seq on, see `Quarantine`) and refuse this one.
        case fork(existing: ChangeID)
    }

    /// Decides about `change` given `record`; throws the refusal, naming the change.
    ///
    /// A quarantined author's changes are decided like any other: one that continues the log is
    /// accepted into it (and kept there, not applied — the store's and the replica's business).
    public func decide(_ change: VerifiedChange, record: AuthorRecord, now: Int64) throws(SyncError) -> Decision {
        let reference = change.reference
        guard roster.contains(change.author) else { throw SyncError.unknownAuthor(change.author).about(reference) }
        if let last = cutoffs[change.author], change.seq > last {
            throw SyncError.keyRetired(change.author, last: last).about(reference)
        }
        if let stored = record.storedIDAtSeq {
            return stored == change.id ? .duplicate : .fork(existing: stored)
        }
        let expected = (record.head?.seq ?? 0) + 1
        guard change.seq == expected else {
            throw SyncError.seqGap(expected: expected, got: change.seq).about(reference)
        }
        guard change.previous == record.head?.id else {
            throw SyncError.wrongPrevious(expected: record.head?.id).about(reference)
        }
        if let head = record.head, change.hlc <= head.hlc {
            throw SyncError.clockNotAdvancing(previous: head.hlc).about(reference)
        }
        let ahead = change.hlc.time - now
        if ahead > maximumSkewMilliseconds {
            throw SyncError.clockAhead(by: ahead, limit: maximumSkewMilliseconds).about(reference)
        }
        for (index, operation) in change.operations.enumerated() {
            do {
                try schema.validate(operation, index: index)
            } catch {
                throw error.about(reference)
            }
        }
        return .accept
    }
}
