import DirectoryModel
import Foundation
import SyncProtocol

/// One node of the federation: its store, the rules it applies, its clock and (for a regional
/// node) its key. Writes go through this actor one at a time, so the node never signs two
/// changes with the same seq; verification runs before, on every core.
public actor CatalogueNode {
    public nonisolated let store: any ChangeStore
    public nonisolated let acceptance: ChangeAcceptance
    public nonisolated let mode: NodeMode
    /// A display name, e.g. `Niederösterreich`.
    public nonisolated let name: String
    public nonisolated let limits: ChangeLimits
    /// Counters and gauges for `/metrics`.
    public nonisolated let metrics = NodeMetrics()
    private let wallClock: WallClock
    private var clock: HybridLogicalClock
    /// Whether the node has confirmed, with its peers, that it holds its own latest change.
    /// Until then it signs nothing: a node restored from an old backup would otherwise reuse
    /// a seq, which its peers would see as a fork.
    public private(set) var ownHeadConfirmed: Bool

    public init(
        store: any ChangeStore, acceptance: ChangeAcceptance, mode: NodeMode, name: String,
        limits: ChangeLimits = .standard, wallClock: WallClock = .system, needsOwnHeadFromPeers: Bool = false
    ) async throws {
        self.ownHeadConfirmed = !needsOwnHeadFromPeers
        self.store = store
        self.acceptance = acceptance
        self.mode = mode
        self.name = name
        self.limits = limits
        self.wallClock = wallClock
        // Start the clock after everything already held, so a restarted node's next change
        // orders after its previous ones even if the wall clock went back.
        let latest = try await store.heads().values.map(\.hlc).max() ?? .zero
        self.clock = HybridLogicalClock(latest: latest, maximumSkewMilliseconds: acceptance.maximumSkewMilliseconds)
    }

    /// The node's author id; `nil` for a mirror.
    public nonisolated var authorID: AuthorID? {
        if case .regional(let key, _) = mode { key.authorID } else { nil }
    }

    /// Receives changes from a peer or a push: verifies them in parallel, then applies them in
    /// one transaction.
    public nonisolated func receive(_ changes: [SignedChange]) async throws -> [Replica.ReceiveResult] {
        try await receive(verified: await verify(changes))
    }

    /// Checks form, limits and signatures of `changes` on all cores, without touching the store.
    public nonisolated func verify(_ changes: [SignedChange]) async -> [Result<VerifiedChange, SyncError>] {
        await ChangeVerifier.verify(changes, limits: limits)
    }

    /// Applies changes already checked by `verify(_:)`, in one store transaction; with
    /// `.deferred`, the catalogue catches up at the next `refreshCatalogue()`.
    public func receive(
        verified: [Result<VerifiedChange, SyncError>], catalogue: CatalogueUpdate = .immediate
    ) async throws -> [Replica.ReceiveResult] {
        let now = wallClock.milliseconds
        let results = try await store.apply(verified, acceptance: acceptance, now: now, catalogue: catalogue)
        metrics.record(results)
        for (outcome, result) in zip(verified, results) {
            if case .success(let change) = outcome, result == .accepted {
                try? clock.receive(change.hlc, now: now)
            }
        }
        return results
    }

    /// Signs `operations` as this node's next change and applies it. Nothing is signed when
    /// there is nothing to do.
    public func publish(_ operations: [EntryOperation], editor: String) async throws -> VerifiedChange? {
        guard case .regional(let key, _) = mode else { throw NodeError.readOnlyMirror }
        guard !operations.isEmpty else { return nil }
        guard ownHeadConfirmed else { throw NodeError.ownHeadUnconfirmed }
        let head = try await store.heads()[key.authorID]
        let hlc = clock.tick(now: wallClock.milliseconds)
        let signed = try ChangeSigner.sign(
            operations: operations, editor: editor, seq: (head?.seq ?? 0) + 1, previous: head?.id, hlc: hlc, key: key)
        let change = try signed.verified(limits: limits)
        let result = try await receive(verified: [.success(change)])
        if case .refused(let error)? = result.first { throw error }
        return change
    }

    /// Brings a catalogue left behind by a deferred catch-up up to the log; returns how many
    /// changes that materialized (`nil`: it was current).
    public func refreshCatalogue() async throws -> Int? {
        try await store.refreshCatalogue()
    }

    /// Publishes entries: each becomes the operations that make the merged state say what the
    /// entry says (only the fields its document mentions). The operations are signed in as few
    /// changes as the change limits allow, never splitting one entry's operations unless the
    /// entry alone exceeds a limit.
    public func publish(_ entries: [SourcedEntry], editor: String) async throws -> PublishReport {
        // The changes are computed against the merged entries, which must be current.
        _ = try await refreshCatalogue()
        var report = PublishReport()
        var batches: [[EntryOperation]] = [[]]
        var batchBytes = 0
        // Leave room for the payload's own members (author, hlc, editor …).
        let byteBudget = limits.maximumPayloadBytes - 1024
        for sourced in entries {
            let entry = sourced.entry
            let fields = EntryFields(kind: entry.kind, id: entry.id, document: sourced.document)
            let current = try await store.entry(kind: entry.kind.rawValue, id: entry.id.rawValue)
            let entryOperations = EntryChangePlanner.operations(for: fields, current: current)
            report.entries.append(
                PublishReport.EntryOutcome(
                    id: entry.id, kind: entry.kind,
                    outcome: current == nil
                        ? .created : entryOperations.isEmpty ? .unchanged : .updated(Self.fields(of: entryOperations))))
            let sizes = entryOperations.map { CanonicalJSON.encode($0.syncValue).count + 1 }
            let entryBytes = sizes.reduce(0, +)
            if let last = batches.last, !last.isEmpty,
                batchBytes + entryBytes > byteBudget || last.count + entryOperations.count > limits.maximumOperations
            {
                batches.append([])
                batchBytes = 0
            }
            for (operation, size) in zip(entryOperations, sizes) {
                if let last = batches.last, !last.isEmpty,
                    batchBytes + size > byteBudget || last.count + 1 > limits.maximumOperations
                {
                    batches.append([])
                    batchBytes = 0
                }
                batches[batches.count - 1].append(operation)
                batchBytes += size
            }
        }
        for batch in batches where !batch.isEmpty {
            if let change = try await publish(batch, editor: editor) { report.changes.append(change.reference) }
        }
        return report
    }

    private static func fields(of operations: [EntryOperation]) -> [String] {
        var names: [String] = []
        for operation in operations {
            let name: String =
                switch operation.action {
                case .set(let field, _, _), .add(let field, _), .remove(let field, _, _): field
                case .retract, .restore: "retracted"
                case .unknown(let name): name
                }
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// Records that the node's own log is as long as any peer's copy of it (the replicator
    /// checks this at start).
    public func confirmOwnHead() {
        ownHeadConfirmed = true
    }

    /// What the node's wall clock says, in milliseconds.
    public nonisolated var now: Int64 { wallClock.milliseconds }
}

/// What publishing did, entry by entry.
public struct PublishReport: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        case created
        case updated([String])
        case unchanged
    }

    public struct EntryOutcome: Sendable, Hashable {
        public var id: EntryID
        public var kind: EntryKind
        public var outcome: Outcome
    }

    public var entries: [EntryOutcome] = []
    /// The signed changes; empty when nothing changed.
    public var changes: [ChangeReference] = []
}

/// Why the node refused to do something, apart from refusals of single changes.
public struct NodeError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Reason: Hashable, Sendable {
        case readOnlyMirror
        case ownHeadUnconfirmed
    }

    private let reason: Reason

    public static let readOnlyMirror = NodeError(reason: .readOnlyMirror)
    public static let ownHeadUnconfirmed = NodeError(reason: .ownHeadUnconfirmed)

    public var description: String {
        switch reason {
        case .readOnlyMirror: "this node is a read-only mirror: publish at a regional node"
        case .ownHeadUnconfirmed:
            "this node has not yet confirmed its own latest change with a peer; it signs nothing until then, so a restored node never reuses a seq (check that a peer is reachable)"
        }
    }
}
