package import DirectoryModel
import Foundation
package import Logging
package import SyncProtocol

/// One node of the federation: its store, the rules it applies, its clock and (for a regional
/// node) its key.
///
/// The node's own changes are signed inside the store's write transaction
/// (`ChangeStore.appendOwn`): reading the head, planning against the merged entries, signing and
/// storing are one critical section that no other write (another publish, a pull) can enter, so
/// two publishes at once queue instead of signing one seq twice. (An actor alone did not hold:
/// it is re-entered at every `await`, and two publishes read the same head.) Verification of
/// received changes runs before, on every core.
package actor CatalogueNode {
    package nonisolated let store: any ChangeStore
    /// Whom the node trusts: configuration, or the federation roster it follows.
    package nonisolated let trust: FederationTrust
    /// The rules received and own changes pass, as the trust stands now.
    package nonisolated var acceptance: ChangeAcceptance { trust.acceptance }
    package nonisolated let mode: NodeMode
    /// A display name, e.g. `Niederösterreich`.
    package nonisolated let name: String
    package nonisolated let limits: ChangeLimits
    /// Counters and gauges for `/metrics`.
    package nonisolated let metrics = NodeMetrics()
    /// Announces what the node stores to live-feed subscribers (`GET /v1/sync/feed`).
    package nonisolated let feed = ChangeFeed()
    private nonisolated let wallClock: WallClock
    private nonisolated let clock: NodeClock
    /// Whether the node knows its own latest change (see `OwnHeadStatus`).
    package private(set) var ownHead: OwnHeadStatus

    package init(
        store: any ChangeStore, acceptance: ChangeAcceptance, mode: NodeMode, name: String,
        limits: ChangeLimits = .standard, wallClock: WallClock = .system, needsOwnHeadFromPeers: Bool = false,
        genesis: RosterID? = nil
    ) async throws {
        self.ownHead = OwnHeadStatus(
            confirmed: !needsOwnHeadFromPeers, confirmedBy: needsOwnHeadFromPeers ? nil : "not-needed")
        self.store = store
        self.trust = FederationTrust(configured: acceptance, genesis: genesis)
        self.mode = mode
        self.name = name
        self.limits = limits
        self.wallClock = wallClock
        // Start the clock after everything already held, so a restarted node's next change
        // orders after its previous ones even if the wall clock went back.
        let latest = try await store.heads().values.map(\.hlc).max() ?? .zero
        self.clock = NodeClock(latest: latest, maximumSkewMilliseconds: acceptance.maximumSkewMilliseconds)
        // The federation as held: the same fold as every offer, and the cut-offs it derives
        // written back (a store from before, or a configuration that now names a genesis).
        _ = try await offerFederation(versions: [], events: [])
    }

    /// Offers roster versions and key events (from a peer, a push, the CLI): merged with what
    /// the store holds, the federation state recomputed, trust and cut-offs updated — the
    /// catalogue rebuilt in the same transaction when a cut-off moved.
    package nonisolated func offerFederation(
        versions: [SignedRoster], events: [SignedKeyEvent], logger: Logger? = nil
    ) async throws
        -> FederationLedger.Result
    {
        let ledger = trust.ledger
        let trust = trust
        let (rebuilt, (result, generation)) = try await store.updateFederation(now: wallClock.milliseconds) {
            held in
            let (change, result) = ledger.offer(versions: versions, events: events, to: held)
            return (change, (result, trust.nextGeneration()))
        }
        let before = trust.state
        let trustChanged = trust.update(result.state, generation: generation)
        if let logger { FederationNews.log(from: before, to: result.state, logger: logger) }
        metrics.record(federation: result.state)
        if result.changed { feed.announce() }
        if rebuilt || trustChanged || result.changed {
            metrics.recordFederationChange(
                versionBefore: before.current?.version, after: result.state.current?.version,
                eventsBefore: before.appliedEvents.count, after: result.state.appliedEvents.count)
        }
        return result
    }

    /// The federation as the node holds it now.
    package nonisolated var federation: FederationState { trust.state }

    /// The node's author id; `nil` for a mirror.
    package nonisolated var authorID: AuthorID? {
        if case .regional(let key, _) = mode { key.authorID } else { nil }
    }

    /// Whether the node may sign.
    package var ownHeadConfirmed: Bool { ownHead.confirmed }

    /// Receives changes from a peer or a push: verifies them in parallel, then applies them in
    /// one transaction.
    package nonisolated func receive(_ changes: [SignedChange]) async throws -> [Replica.ReceiveResult] {
        try await receive(verified: await verify(changes))
    }

    /// Checks form, limits and signatures of `changes` on all cores, without touching the store.
    package nonisolated func verify(_ changes: [SignedChange]) async -> [Result<VerifiedChange, SyncError>] {
        await ChangeVerifier.verify(changes, limits: limits)
    }

    /// Applies changes already checked by `verify(_:)`, in one store transaction; with
    /// `.deferred`, the catalogue catches up at the next `refreshCatalogue()`.
    package nonisolated func receive(
        verified: [Result<VerifiedChange, SyncError>], catalogue: CatalogueUpdate = .immediate
    ) async throws -> [Replica.ReceiveResult] {
        let now = wallClock.milliseconds
        let results = try await store.apply(verified, acceptance: acceptance, now: now, catalogue: catalogue)
        metrics.record(results)
        var stored = false
        for (outcome, result) in zip(verified, results) {
            if case .success(let change) = outcome, result == .accepted {
                clock.receive(change.hlc, now: now)
                stored = true
            }
        }
        if stored { feed.announce() }
        return results
    }

    /// Records fork evidence from a peer (verified by `ForkEvidence(verifying:)`); returns, per
    /// evidence, whether it was new here.
    package nonisolated func record(_ evidence: [ForkEvidence]) async throws -> [Bool] {
        let added = try await store.record(evidence, acceptance: acceptance, now: wallClock.milliseconds)
        if added.contains(true) { feed.announce() }
        return added
    }

    /// Signs `operations` as this node's next change and applies it. Nothing is signed when
    /// there is nothing to do.
    package func publish(_ operations: [EntryOperation], editor: String) async throws -> VerifiedChange? {
        guard case .regional = mode else { throw NodeError.readOnlyMirror }
        guard !operations.isEmpty else { return nil }
        return try await signOwn(editor: editor) { _ in ([operations], ()) }.changes.first
    }

    /// Retracts entries (hides them; values and history stay) in one change. An entry that does
    /// not exist is an error and nothing is retracted.
    package func retract(_ targets: [EntryKey], editor: String) async throws -> RetractReport {
        let outcome = try await signOwn(editor: editor) { own in
            var operations: [EntryOperation] = []
            var report = RetractReport()
            for (index, target) in targets.enumerated() {
                guard let state = try own.entry(kind: target.kind, id: target.id), state.hasValues else {
                    throw NodeError.noSuchEntry(index: index, kind: target.kind, id: target.id)
                }
                if state.isRetracted {
                    report.entries.append(.init(key: target, retracted: false))
                } else {
                    operations.append(EntryChangePlanner.retraction(of: state))
                    report.entries.append(.init(key: target, retracted: true))
                }
            }
            return ([operations], report)
        }
        var report = outcome.result
        report.changes = outcome.changes.map(\.reference)
        return report
    }

    /// Shows a retracted entry again, in one change. Answers `false` (and signs nothing) when
    /// it is not retracted; an entry that does not exist is an error.
    package func restore(_ target: EntryKey, editor: String) async throws -> Bool {
        try await signOwn(editor: editor) { own in
            guard let state = try own.entry(kind: target.kind, id: target.id), state.hasValues else {
                throw NodeError.noSuchEntry(index: 0, kind: target.kind, id: target.id)
            }
            guard state.isRetracted else { return ([], false) }
            let restore = EntryOperation(
                kind: target.kind, entry: target.id, action: .restore(supersedes: state.retraction.liveTags))
            return ([[restore]], true)
        }.result
    }

    /// Resolves a conflict of one register: the concurrent value written as `tag` becomes the
    /// value, superseding every value standing now. Answers `false` (and signs nothing) when
    /// that write no longer stands (resolved meanwhile) or already is the value.
    package func keep(_ target: EntryKey, field: String, tag: WriteTag, editor: String) async throws -> Bool {
        try await signOwn(editor: editor) { own in
            guard let state = try own.entry(kind: target.kind, id: target.id), state.hasValues else {
                throw NodeError.noSuchEntry(index: 0, kind: target.kind, id: target.id)
            }
            guard let register = state.register(field), let kept = register.live[tag],
                register.winner?.tag != tag
            else { return ([], false) }
            let write = EntryOperation(
                kind: target.kind, entry: target.id,
                action: .set(field: field, value: kept.value, supersedes: register.liveTags))
            return ([[write]], true)
        }.result
    }

    /// Brings a catalogue left behind by a deferred catch-up up to the log; returns how many
    /// changes that materialized (`nil`: it was current).
    package nonisolated func refreshCatalogue() async throws -> Int? {
        try await store.refreshCatalogue()
    }

    /// Publishes entries: each becomes the operations that make the merged state say what the
    /// entry says (only the fields its document mentions). The operations are signed in as few
    /// changes as the change limits allow, never splitting one entry's operations unless the
    /// entry alone exceeds a limit — and all of them are stored, or none.
    package func publish(_ entries: [PublishItem], editor: String) async throws -> PublishReport {
        let limits = limits
        let outcome = try await signOwn(editor: editor) { own in
            try PublishPlan.make(entries, limits: limits, reading: own)
        }
        var report = outcome.result
        report.changes = outcome.changes.map(\.reference)
        return report
    }

    /// Plans, signs and stores the node's own changes in one store transaction. `plan` gets the
    /// own log and returns batches of operations (one change each; empty batches are skipped).
    private func signOwn<Result: Sendable>(
        editor: String, plan: @escaping @Sendable (OwnLog) throws -> (batches: [[EntryOperation]], result: Result)
    ) async throws -> (changes: [VerifiedChange], result: Result) {
        guard case .regional(let key, _) = mode else { throw NodeError.readOnlyMirror }
        guard ownHead.confirmed else { throw NodeError.ownHeadUnconfirmed(ownHead) }
        let signed: ([VerifiedChange], Result)
        do {
            signed = try await appendOwn(key: key, editor: editor, plan: plan)
        } catch let error as SyncError {
            // The node's own change refused by its own rules: never a generic 500.
            throw NodeError.ownChangeRefused(error)
        }
        let (changes, result) = signed
        metrics.record(changes.map { _ in Replica.ReceiveResult.accepted })
        if !changes.isEmpty { feed.announce() }
        return (changes, result)
    }

    private func appendOwn<Result: Sendable>(
        key: NodeKey, editor: String,
        plan: @escaping @Sendable (OwnLog) throws -> (batches: [[EntryOperation]], result: Result)
    ) async throws -> ([VerifiedChange], Result) {
        let clock = clock
        let wallClock = wallClock
        let limits = limits
        return try await store.appendOwn(
            author: key.authorID, acceptance: acceptance, now: wallClock.milliseconds
        ) { own in
            // A forked log is applied nowhere from its fork on: a change signed now would be
            // acknowledged and then never appear. Refuse, and say what to do.
            if let seq = own.forkedAt { throw NodeError.ownLogForked(seq: seq) }
            let (batches, result) = try plan(own)
            var head = own.head
            var changes: [VerifiedChange] = []
            for batch in batches where !batch.isEmpty {
                let hlc = clock.tick(now: wallClock.milliseconds, after: head?.hlc)
                let change: VerifiedChange
                do {
                    change = try ChangeSigner.sign(
                        operations: batch, editor: editor, seq: (head?.seq ?? 0) + 1, previous: head?.id, hlc: hlc,
                        key: key
                    ).verified(limits: limits)
                } catch let error as SyncError {
                    throw NodeError.ownChangeRefused(error)
                }
                changes.append(change)
                head = AuthorHead(seq: change.seq, id: change.id, hlc: change.hlc)
            }
            return (changes, (changes, result))
        }
    }

    /// Records how far the replicator is with confirming the node's own head.
    package func updateOwnHead(_ status: OwnHeadStatus) {
        // Once confirmed, a node stays confirmed until it restarts.
        guard !ownHead.confirmed else { return }
        ownHead = status
    }

    /// Records that the node's own log is as long as any peer's copy of it.
    package func confirmOwnHead(by reason: String = "peers") {
        guard !ownHead.confirmed else { return }
        ownHead.confirmed = true
        ownHead.confirmedBy = reason
        ownHead.waitingFor = []
    }

    /// An entry the node holds, retracted or not, as every reader sees it (`CatalogueEntry`).
    package nonisolated func catalogueEntry(kind: String, id: String) async throws -> CatalogueEntry? {
        try await store.catalogueEntry(kind: kind, id: id)
    }

    /// An entry shown in the catalogue, with its provenance: the one read behind the pages, the
    /// API, the matcher and linked cards; `nil` when not held, retracted or unreadable.
    package nonisolated func visibleEntry(kind: EntryKind, id: String) async throws -> CatalogueEntry? {
        guard let read = try await store.catalogueEntry(kind: kind.rawValue, id: id), read.isVisible else { return nil }
        return read
    }

    /// What the node's wall clock says, in milliseconds.
    package nonisolated var now: Int64 { wallClock.milliseconds }
}

/// What retracting did, entry by entry.
package struct RetractReport: Sendable, Hashable {
    package struct EntryOutcome: Sendable, Hashable {
        package var key: EntryKey
        /// `false`: it already was retracted.
        package var retracted: Bool
    }

    package var entries: [EntryOutcome] = []
    /// The signed change; empty when nothing changed.
    package var changes: [ChangeReference] = []
}
