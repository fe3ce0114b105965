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
    /// Fork evidence per author and seq.
    private var evidence: [AuthorID: [UInt64: ForkEvidence]] = [:]
    /// Where each forked author's applied log ends.
    public private(set) var quarantine = Quarantine()

    public init(acceptance: ChangeAcceptance) {
        self.acceptance = acceptance
        self.clock = HybridLogicalClock(maximumSkewMilliseconds: acceptance.maximumSkewMilliseconds)
        quarantine = Self.quarantine(evidence: [:], cutoffs: acceptance.cutoffs)
    }

    /// Each author's quarantine point: the lowest forked seq, or the seq after its key's cut-off.
    private static func quarantine(
        evidence: [AuthorID: [UInt64: ForkEvidence]], cutoffs: [AuthorID: UInt64]
    )
        -> Quarantine
    {
        var quarantine = Quarantine()
        for (author, forks) in evidence {
            for seq in forks.keys { quarantine.record(author: author, seq: seq) }
        }
        for (author, last) in cutoffs { quarantine.record(author: author, seq: last + 1) }
        return quarantine
    }

    /// Takes the federation's trust as it now stands (a roster version or key event arrived):
    /// who may publish and where retired keys end; the catalogue is recomputed when a cut-off
    /// moved, as the store does.
    public mutating func updateTrust(roster: AuthorRoster, cutoffs: [AuthorID: UInt64]) {
        acceptance.roster = roster
        acceptance.cutoffs = cutoffs
        let updated = Self.quarantine(evidence: evidence, cutoffs: cutoffs)
        guard updated != quarantine else { return }
        quarantine = updated
        rebuild()
    }

    private mutating func rebuild() {
        var rebuilt = CatalogueState()
        for author in logs.keys.sorted() {
            for change in logs[author] ?? [] where quarantine.applies(author: author, seq: change.seq) {
                rebuilt.apply(change)
            }
        }
        state = rebuilt
    }

    /// The result for one received change.
    public enum ReceiveResult: Hashable, Sendable {
        case accepted
        case duplicate
        case refused(SyncError)
    }

    /// Every fork known, by author then seq.
    public var forks: [ForkEvidence] {
        evidence.keys.sorted().flatMap { author in
            (evidence[author] ?? [:]).keys.sorted().compactMap { evidence[author]?[$0] }
        }
    }

    /// What the logs hold: author → highest seq.
    public var versionVector: VersionVector {
        VersionVector(logs.mapValues { UInt64($0.count) })
    }

    /// What the replica applies and exchanges: the logs cut back before each known fork.
    public var exchangedVector: VersionVector { quarantine.capping(versionVector) }

    public func head(of author: AuthorID) -> AuthorHead? {
        logs[author]?.last.map { AuthorHead(seq: $0.seq, id: $0.id, hlc: $0.hlc) }
    }

    /// The change of `author` at `seq` in the log, if held.
    public func change(of author: AuthorID, seq: UInt64) -> VerifiedChange? {
        guard seq >= 1, let log = logs[author], seq <= UInt64(log.count) else { return nil }
        return log[Int(seq - 1)]
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
        let storedChange = self.change(of: change.author, seq: change.seq)
        let known = ChangeAcceptance.AuthorRecord(head: head(of: change.author), storedIDAtSeq: storedChange?.id)
        do {
            switch try acceptance.decide(change, record: known, now: now) {
            case .duplicate:
                return .duplicate
            case .fork(let existing):
                if let kept = storedChange, let fork = ForkEvidence([kept, change]) { record(fork) }
                return .refused(SyncError.fork(existing: existing).about(change.reference))
            case .accept:
                try clock.receive(change.hlc, now: now)
                logs[change.author, default: []].append(change)
                if quarantine.applies(author: change.author, seq: change.seq) { state.apply(change) }
                return .accepted
            }
        } catch {
            return .refused(error)
        }
    }

    /// Records fork evidence (from this replica's own detection or from a peer); returns whether
    /// it told the replica anything new. When the author's quarantine point moves back, the
    /// catalogue is recomputed from the logs cut back before it.
    @discardableResult
    public mutating func record(_ fork: ForkEvidence) -> Bool {
        guard acceptance.roster.contains(fork.author) else { return false }
        let known = evidence[fork.author]?[fork.seq]
        let merged = known.map { $0.merging(fork) } ?? fork
        guard merged != known else { return false }
        evidence[fork.author, default: [:]][fork.seq] = merged
        if quarantine.record(author: fork.author, seq: fork.seq) { rebuild() }
        return true
    }

    /// Creates, signs and applies this node's next change.
    public mutating func publish(
        _ operations: [EntryOperation], editor: String, key: NodeKey, now: Int64
    ) throws
        -> VerifiedChange
    {
        // A forked author's later changes would never be applied anywhere: sign none.
        if let point = quarantine.from[key.authorID], let fork = evidence[key.authorID]?[point],
            let rival = fork.changes.first
        {
            throw SyncError.fork(existing: rival.id).about(rival.reference)
        }
        let head = head(of: key.authorID)
        let hlc = clock.tick(now: now)
        let signed = try ChangeSigner.sign(
            operations: operations, editor: editor, seq: (head?.seq ?? 0) + 1, previous: head?.id, hlc: hlc, key: key)
        let change = try signed.verified()
        if case .refused(let error) = receive(change, now: now) { throw error }
        return change
    }

    /// The changes `peer` lacks, up to each author's quarantine point, per author in seq order
    /// (authors by id), at most
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
            let end = Int(quarantine.cap(author: author, seq: UInt64(log.count)))
            for change in log[..<end].dropFirst(Int(min(peer[author], UInt64(end)))) {
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
