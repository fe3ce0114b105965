import Foundation

/// A complete node in memory: trusted authors, per-author logs, fork evidence, the merged
/// catalogue and the clock. Used by tests, benchmarks and tools; the node keeps the same
/// things in SQLite and applies the same rules (`ChangeAcceptance`).
public struct Replica: Sendable {
    public var acceptance: ChangeAcceptance
    public private(set) var clock: HybridLogicalClock
    public private(set) var state = CatalogueState()
    /// Each author's changes, index = seq − 1.
    public private(set) var logs: [AuthorID: [VerifiedChange]] = [:]
    public private(set) var forks: [ForkEvidence] = []
    public private(set) var suspended: Set<AuthorID> = []

    public init(acceptance: ChangeAcceptance) {
        self.acceptance = acceptance
        self.clock = HybridLogicalClock(maximumSkewMilliseconds: acceptance.maximumSkewMilliseconds)
    }

    /// The result for one received change.
    public enum ReceiveResult: Hashable, Sendable {
        case accepted
        case duplicate
        case refused(SyncError)
    }

    public var versionVector: VersionVector {
        VersionVector(logs.mapValues { UInt64($0.count) })
    }

    public func head(of author: AuthorID) -> AuthorHead? {
        logs[author]?.last.map { AuthorHead(seq: $0.seq, id: $0.id, hlc: $0.hlc) }
    }

    public var digest: String { state.digest }

    /// Receives a batch: verifies each change, then applies them in (author, seq) order, so a
    /// batch in any order is applied whole. Results are in the order given.
    public mutating func receive(
        _ batch: [SignedChange], now: Int64, limits: ChangeLimits = .standard
    ) -> [ReceiveResult] {
        receive(verified: batch.map { ChangeVerifier.verify($0, limits: limits) }, now: now)
    }

    /// Applies a batch verified beforehand (by `ChangeVerifier`, possibly on several cores), in
    /// (author, seq) order. Results are in the order given.
    public mutating func receive(verified batch: [Result<VerifiedChange, SyncError>], now: Int64) -> [ReceiveResult] {
        var prepared = ReceiveBatch(batch)
        for (index, change) in prepared.ordered {
            prepared.results[index] = receive(change, now: now)
        }
        return prepared.results
    }

    /// Receives one verified change.
    public mutating func receive(_ change: VerifiedChange, now: Int64) -> ReceiveResult {
        // Look up without holding a copy of the log, so appending below does not copy it.
        let storedChange = logs[change.author].flatMap { log in
            change.seq <= UInt64(log.count) ? log[Int(change.seq - 1)] : nil
        }
        let stored = storedChange?.id
        let record = ChangeAcceptance.AuthorRecord(
            head: head(of: change.author), storedIDAtSeq: stored, suspended: suspended.contains(change.author))
        do {
            switch try acceptance.decide(change, record: record, now: now) {
            case .duplicate:
                return .duplicate
            case .fork(let existing):
                guard let kept = storedChange?.signed else { return .duplicate }
                if !forks.contains(where: { $0.rival == change.signed }) {
                    forks.append(ForkEvidence(kept: kept, rival: change.signed, author: change.author, seq: change.seq))
                }
                suspended.insert(change.author)
                return .refused(SyncError.fork(existing: existing).about(change.reference))
            case .accept:
                try clock.receive(change.hlc, now: now)
                logs[change.author, default: []].append(change)
                state.apply(change)
                return .accepted
            }
        } catch {
            return .refused(error)
        }
    }

    /// Creates, signs and applies this node's next change.
    public mutating func publish(
        _ operations: [EntryOperation], editor: String, key: NodeKey, now: Int64
    ) throws
        -> VerifiedChange
    {
        let head = head(of: key.authorID)
        let hlc = clock.tick(now: now)
        let signed = try ChangeSigner.sign(
            operations: operations, editor: editor, seq: (head?.seq ?? 0) + 1, previous: head?.id, hlc: hlc, key: key)
        let change = try signed.verified()
        if case .refused(let error) = receive(change, now: now) { throw error }
        return change
    }

    /// The changes `peer` lacks, per author in seq order (authors by id), at most
    /// `maximumCount` changes and about `maximumBytes` of payload (always at least one change
    /// when any is missing). `continuation` is `peer` advanced by the page: pass it back to
    /// get the next page; `isComplete` says whether anything is left.
    public func changes(
        missingFrom peer: VersionVector, maximumCount: Int = 1000, maximumBytes: Int = 4 << 20
    )
        -> DeltaPage
    {
        var builder = DeltaPageBuilder(from: peer, maximumCount: maximumCount, maximumBytes: maximumBytes)
        for author in logs.keys.sorted() {
            guard let log = logs[author] else { continue }
            for change in log.dropFirst(Int(min(peer[author], UInt64(log.count)))) {
                guard builder.offer(change.signed, author: author, seq: change.seq) else { return builder.page }
            }
        }
        return builder.page
    }
}

/// One page of a delta: changes in an order a receiver can apply as they come.
public struct DeltaPage: Hashable, Sendable {
    public var changes: [SignedChange]
    /// The requester's vector after applying this page: the checkpoint to ask from next.
    public var continuation: VersionVector
    public var isComplete: Bool

    public init(changes: [SignedChange], continuation: VersionVector, isComplete: Bool) {
        self.changes = changes
        self.continuation = continuation
        self.isComplete = isComplete
    }
}

/// Fills a delta page: at most `maximumCount` changes and about `maximumBytes` (always at least
/// one change), advancing the continuation as changes are taken. Offer changes author by
/// author (in author id order), each author's in seq order, after the requester's head.
public struct DeltaPageBuilder: Sendable {
    public private(set) var page: DeltaPage
    private let maximumCount: Int
    private let maximumBytes: Int
    private var bytes = 0

    public init(from vector: VersionVector, maximumCount: Int, maximumBytes: Int) {
        page = DeltaPage(changes: [], continuation: vector, isComplete: true)
        self.maximumCount = maximumCount
        self.maximumBytes = maximumBytes
    }

    /// Takes `change` if the page has room; returns `false` (and marks the page incomplete)
    /// when it is full.
    public mutating func offer(_ change: SignedChange, author: AuthorID, seq: UInt64) -> Bool {
        let size = change.payload.count + change.signature.count
        if !page.changes.isEmpty && (page.changes.count >= maximumCount || bytes + size > maximumBytes) {
            page.isComplete = false
            return false
        }
        page.changes.append(change)
        bytes += size
        page.continuation[author] = seq
        return true
    }
}
