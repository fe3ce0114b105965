package import CatalogueStore
import DirectoryModel
import Foundation
package import Logging
import NodeAPI
import ServiceLifecycle
package import SyncProtocol

/// Keeps the node in step with its peers. A round with a peer:
///
/// 1. reads the peer's heads (seq and id per author), forks and digest;
/// 2. exchanges fork evidence either way, so a fork found anywhere is known everywhere;
/// 3. compares the peer's head of each author with its own change at that seq — different ids
///    mean the logs part somewhere below: a binary search over the peer's changes finds where,
///    and the two changes there are recorded (and passed on) as evidence;
/// 4. pulls what the peer has that the node lacks (page by page, resuming from the version
///    vector) and pushes what the peer lacks;
/// 5. when both hold the same heads and forks, compares state digests.
///
/// Refused changes make the round a failure (`lastError`, `refusedChanges`), and an author whose
/// changes were refused is not exchanged with that peer again until one side's head of it moves
/// (so the same refused changes are not sent every round). Runs as a service-lifecycle `Service`
/// on an injected clock: a round every `interval` with jitter, and exponential backoff up to
/// `maximumBackoff` while a peer cannot be reached.
package struct Replicator<C: Clock<Duration>>: Service, CustomStringConvertible {
    package let node: CatalogueNode
    package let peers: [Peer]
    package let client: any PeerClient
    package let clock: C
    package let status: PeerStatusBoard
    package var interval: Duration = .seconds(10)
    /// Longest pause after failures. A peer that is back is seen at the next attempt, so the
    /// status shows its last error at most this long after it returned: measured with 300 s, a
    /// peer back after a one-minute outage was shown failing for 27 s and up to minutes after
    /// longer ones; with 60 s, 33 s. A try every 30 s costs a dead peer one refused connection.
    package var maximumBackoff: Duration = .seconds(30)
    package var pageSize = 1000
    /// A pull at least this long, that at least doubles the store, defers the catalogue's index
    /// to one pass at its end (`CatalogueUpdate.deferred`): a fresh mirror's bootstrap.
    package var bulkCatchUpMinimum: UInt64 = 2000
    /// The most pages one round pulls from a peer (a million changes): a peer that keeps
    /// answering "not complete" cannot hold a round, or the node, forever.
    package var maximumPagesPerRound = 1000
    let ownHead: OwnHeadConfirmation
    let federationSeen = PeerFederationCache()
    /// One per peer: the live feed's wake-ups for that peer's loop.
    let wakeups: [String: PeerWakeup]
    /// While a peer's live feed is connected, the loop still polls it this often, as a safety
    /// net (a feed that silently stopped announcing is caught within it).
    package var feedPollInterval: Duration = .seconds(300)
    let logger: Logger

    package init(
        node: CatalogueNode, peers: [Peer], client: any PeerClient, clock: C, interval: Duration = .seconds(10),
        ownHeadQuorumAfter: Duration = .seconds(600), logger: Logger = Logger(label: "sopro.replicator")
    ) {
        self.node = node
        self.peers = peers
        self.client = client
        self.clock = clock
        self.interval = interval
        self.status = PeerStatusBoard(peers: peers)
        self.wakeups = Dictionary(peers.map { ($0.name, PeerWakeup()) }, uniquingKeysWith: { first, _ in first })
        self.ownHead = OwnHeadConfirmation(
            regionalPeers: peers.filter { $0.authorID != nil }.map(\.name), allPeers: peers.map(\.name),
            startedAt: node.now,
            quorumAfterMilliseconds: Int64(ownHeadQuorumAfter.components.seconds) * 1000)
        self.logger = logger
    }

    package var description: String {
        "Replicator(\(node.name) ↔ \(peers.map(\.name).joined(separator: ", ")))"
    }

    /// What one round with one peer moved and found.
    package struct RoundSummary: Sendable {
        package var pulled = 0
        package var pushed = 0
        /// Changes refused, either way.
        package var refused = 0
        package var refusals: [SyncError] = []
        /// Forks this round found itself, and forks it learnt from the peer.
        package var forksFound = 0
        package var forksLearned = 0
        /// Roster versions and key events learnt from the peer, and given to it.
        package var federationLearned = 0
        package var federationGiven = 0
        /// Pictures fetched from the peer and stored.
        package var picturesFetched = 0
        /// Other things the peer did wrong (evidence that does not verify, a picture that does not hash to its name …).
        package var problems: [String] = []
    }

    /// Why a round did not complete cleanly although the peer answered.
    package struct RoundError: Error, CustomStringConvertible {
        package var summary: RoundSummary

        package var description: String {
            var parts: [String] = []
            if summary.refused > 0 {
                let first = summary.refusals.first.map { ", the first: \($0)" } ?? ""
                parts.append("\(summary.refused) change\(summary.refused == 1 ? "" : "s") refused\(first)")
            }
            parts += summary.problems
            return parts.joined(separator: "; ")
        }
    }

    package func run() async throws {
        await evaluateOwnHead()
        guard !peers.isEmpty else {
            // Nothing to replicate: stay up until shutdown, like the server beside it.
            try? await gracefulShutdown()
            return
        }
        await withTaskGroup(of: Void.self) { group in
            for peer in peers {
                group.addTask { await self.runLoop(with: peer) }
                group.addTask { await self.feedLoop(with: peer) }
            }
        }
    }

    /// Keeps a subscription to the peer's live feed and wakes the peer's loop on every
    /// announcement; reconnects with backoff (1 s doubling to 60 s); ends when the peer serves no
    /// feed (the loop then polls at the interval).
    private func feedLoop(with peer: Peer) async {
        guard let wakeup = wakeups[peer.name] else { return }
        var failures = 0
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                guard let announcements = try await client.subscribe(to: peer) else {
                    logger.debug("the peer serves no live feed; polling", metadata: ["peer.url": "\(peer.url)"])
                    return
                }
                wakeup.setSubscribed(true)
                await status.update(peer.name) { $0.liveFeed = true }
                logger.debug("live feed connected", metadata: ["peer.url": "\(peer.url)"])
                try await cancelWhenGracefulShutdown {
                    for try await _ in announcements { wakeup.signal() }
                }
                failures = 0
            } catch {
                failures += 1
                logger.debug(
                    "live feed lost; polling until it is back",
                    metadata: ["peer.url": "\(peer.url)", "sync.error": "\(error)"])
            }
            wakeup.setSubscribed(false)
            await status.update(peer.name) { $0.liveFeed = false }
            // The loop polls at the interval meanwhile; one round now catches up on what the
            // feed may have missed.
            wakeup.signal()
            let pause = min(Duration.seconds(60), .seconds(1) * (1 << min(failures, 6))) * Double.random(in: 0.8...1.2)
            do {
                try await cancelWhenGracefulShutdown { try await clock.sleep(for: pause) }
            } catch {
                return
            }
        }
    }

    private func runLoop(with peer: Peer) async {
        var failures = 0
        var quickPause = Duration.milliseconds(500)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                _ = try await sync(with: peer)
                failures = 0
            } catch is RoundError {
                // The peer answered; what it refused is in the status. No backoff for that.
                failures = 0
            } catch {
                failures += 1
            }
            await evaluateOwnHead()
            var base = failures == 0 ? interval : min(maximumBackoff, interval * (1 << min(failures, 10)))
            if !(await node.ownHeadConfirmed) {
                // Until the node may sign, ask its peers again soon (it answers 503 meanwhile).
                base = min(base, quickPause)
                quickPause = min(interval, quickPause * 2)
            }
            let wakeup = wakeups[peer.name]
            if failures == 0, wakeup?.isSubscribed == true { base = max(base, feedPollInterval) }
            // ±20 % jitter, so peers restarted together do not sync in lockstep.
            let pause = base * Double.random(in: 0.8...1.2)
            do {
                // Ends at once on graceful shutdown instead of finishing the wait, and when the
                // peer's live feed announces something.
                try await cancelWhenGracefulShutdown {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { try await clock.sleep(for: pause) }
                        if let wakeup { group.addTask { await wakeup.wait() } }
                        _ = try await group.next()
                        group.cancelAll()
                    }
                }
            } catch {
                return
            }
        }
    }

    /// Rounds with every peer until the node has confirmed its own head (see
    /// `OwnHeadConfirmation`), for a node that must not sign before (`sopro-node sync`, tests).
    /// Returns at once for a mirror or a confirmed node; gives up after `attempts` rounds.
    package func recoverOwnLog(attempts: Int = .max) async {
        guard node.authorID != nil else { return }
        var pause = min(interval, .milliseconds(500))
        var attempt = 0
        while attempt < attempts, !Task.isCancelled, !Task.isShuttingDownGracefully {
            await evaluateOwnHead()
            if await node.ownHeadConfirmed { return }
            for peer in peers { _ = try? await sync(with: peer) }
            await evaluateOwnHead()
            if await node.ownHeadConfirmed { return }
            attempt += 1
            let wait = pause
            try? await cancelWhenGracefulShutdown { try await clock.sleep(for: wait) }
            pause = min(interval, pause * 2)
        }
    }

    /// Tells the node what its own-head confirmation stands at (after each round; public for
    /// tools and tests that run rounds themselves).
    package func evaluateOwnHead() async {
        guard let author = node.authorID, !(await node.ownHeadConfirmed) else { return }
        let seq = (try? await node.store.heads()[author]?.seq) ?? 0
        let decision = await ownHead.status(now: node.now, seq: seq)
        await node.updateOwnHead(decision)
        if decision.confirmed {
            let silent = await ownHead.silentRegionalPeers()
            var metadata: Logger.Metadata = ["sync.seq": "\(seq)", "ownHead.by": "\(decision.confirmedBy ?? "")"]
            if !silent.isEmpty { metadata["ownHead.silent"] = "\(silent.joined(separator: ","))" }
            // A quorum leaves out peers that may hold a later change: say so where it is seen.
            if silent.isEmpty {
                logger.notice("own log confirmed; the node signs again", metadata: metadata)
            } else {
                logger.warning(
                    "own log confirmed by a majority of the regional peers; some did not answer", metadata: metadata)
            }
        }
        node.metrics.record(forks: (try? await node.store.forks().count) ?? 0, ownHeadConfirmed: decision.confirmed)
    }

    /// All peers once, now (`sopro-node sync`, tests).
    package func syncAll() async -> [String: Result<RoundSummary, any Error>] {
        var results: [String: Result<RoundSummary, any Error>] = [:]
        for peer in peers {
            do {
                results[peer.name] = .success(try await sync(with: peer))
            } catch {
                results[peer.name] = .failure(error)
            }
        }
        return results
    }

    /// One round with `peer` (see the type's description). Throws `RoundError` when the peer
    /// answered but changes were refused or it misbehaved, and the transport's error when it
    /// could not be reached.
    package func sync(with peer: Peer) async throws -> RoundSummary {
        do {
            let summary = try await round(with: peer)
            await ownHead.attempted(peer.name)
            return summary
        } catch {
            await ownHead.attempted(peer.name)
            throw error
        }
    }

    private func round(with peer: Peer) async throws -> RoundSummary {
        var summary = RoundSummary()
        var logger = logger
        logger[metadataKey: "peer.url"] = .string(peer.url)
        do {
            // The federation first: a roster version or key event decides which changes count.
            try await exchangeFederation(with: peer, into: &summary, logger: logger)
            let theirs = try await client.heads(of: peer)
            try await exchangeForks(with: peer, theirs: theirs, into: &summary, logger: logger)
            try await findForks(with: peer, theirs: theirs, into: &summary, logger: logger)
            let ours = try await node.store.syncState()
            let quarantine = ours.quarantine
            let theirVector = quarantine.capping(theirs.vector)
            let ourVector = ours.vector

            // Authors stuck at the last round stay out while neither head of them moved.
            let previouslyStuck = await status.status(of: peer.name)?.stuck ?? [:]
            var stuck: [AuthorID: StuckAuthor] = [:]
            for (author, entry) in previouslyStuck
            where entry.ours == ours.heads[author] && entry.theirs == theirs.heads[author] {
                stuck[author] = entry
            }
            var pullHave = ourVector
            var pushHave = theirVector
            for author in stuck.keys {
                let both = max(ourVector[author], theirVector[author])
                pullHave[author] = both
                pushHave[author] = both
            }
            await status.update(peer.name) {
                $0.changesBehind = theirVector.changesAhead(of: ourVector)
                $0.changesAhead = ourVector.changesAhead(of: theirVector)
            }

            var pullRefusals: [SyncError] = []
            let behind = theirVector.changesAhead(of: pullHave)
            if behind > 0 {
                let catalogue: CatalogueUpdate =
                    behind >= bulkCatchUpMinimum && behind >= ourVector.changesAhead(of: VersionVector())
                    ? .deferred : .immediate
                do {
                    pullRefusals = try await pull(
                        from: peer, have: pullHave, overrides: stuck.keys.map { ($0, pullHave[$0]) },
                        catalogue: catalogue, into: &summary)
                } catch {
                    // Whatever arrived before the failure is in the log: show it in the catalogue.
                    _ = try? await node.refreshCatalogue()
                    throw error
                }
            }
            // Also when nothing was pulled: a refresh that failed in an earlier round (the
            // catalogue left lagging behind the log) is tried again in every round.
            let refreshStart = clock.now
            let refreshed = try await node.refreshCatalogue()
            if let refreshed {
                logger.debug(
                    "catalogue indexed after a bulk catch-up",
                    metadata: [
                        "sync.changes": "\(refreshed)",
                        "sync.duration": "\(refreshStart.duration(to: clock.now))",
                    ])
            }

            await fetchPictures(from: peer, into: &summary, logger: logger)

            var refusals = pullRefusals
            if !(await status.status(of: peer.name)?.isReadOnly ?? false), ourVector.changesAhead(of: pushHave) > 0 {
                refusals += try await push(to: peer, have: pushHave, into: &summary)
            }

            // A refusal that shows the logs part (a prev that names another change, another
            // change at a seq held) leads to the fork; the others make the author stuck.
            for error in refusals {
                guard let change = error.change else { continue }
                switch error.code {
                case .wrongPrevious, .fork:
                    let differing = error.code == .fork ? change.seq : change.seq - 1
                    if differing >= 1 {
                        try await findFork(
                            of: change.author, differingAt: differing, with: peer, into: &summary, logger: logger)
                    }
                case .seqGap, .clockAhead:
                    break
                default:
                    stuck[change.author] = StuckAuthor(
                        ours: ours.heads[change.author], theirs: theirs.heads[change.author],
                        reason: error.description)
                }
            }
            summary.refusals = refusals
            summary.refused = refusals.count

            if let author = node.authorID, peer.authorID != nil, !(await node.ownHeadConfirmed) {
                // Only what the node could not fetch of its own log matters here.
                try await witnessOwnHead(author, at: peer, theirs: theirs, refusals: pullRefusals)
            }

            // Compared with the node as the round leaves it: after a pull or a refresh, the
            // state read at the start is not what the node holds now (a catalogue indexed only
            // now would be reported as differing for one round, a pull that made the heads equal
            // only in the next one).
            let settled = summary.pulled > 0 || refreshed != nil ? try await node.store.syncState() : ours
            let sameHeads = theirs.heads == settled.heads && Set(theirs.forks) == Set(settled.forks)
            let mismatch = sameHeads && theirs.digest != settled.digest
            if mismatch {
                logger.warning(
                    "same heads and forks as the peer, but a different state digest",
                    metadata: ["sync.digest": "\(settled.digest)", "peer.digest": "\(theirs.digest)"])
            }
            let now = node.now
            let outcome = summary
            let stuckNow = stuck
            await status.update(peer.name) {
                $0.lastSuccess = now
                $0.consecutiveFailures = 0
                $0.changesBehind = 0
                $0.refusedChanges = outcome.refused
                $0.stuck = stuckNow
                if sameHeads { $0.digestMismatch = mismatch }
                if outcome.refused > 0 || !outcome.problems.isEmpty || !stuckNow.isEmpty {
                    $0.lastError = Self.describe(outcome, stuck: stuckNow)
                    $0.lastErrorAt = now
                } else {
                    $0.lastError = nil
                }
            }
            if let current = await status.status(of: peer.name) { node.metrics.record(current, now: now) }
            if summary.pulled + summary.pushed > 0 {
                logger.debug(
                    "synced", metadata: ["sync.pulled": "\(summary.pulled)", "sync.pushed": "\(summary.pushed)"])
            }
            if summary.refused > 0 || !summary.problems.isEmpty {
                logger.notice("sync round with refusals", metadata: ["sync.error": "\(RoundError(summary: summary))"])
                throw RoundError(summary: summary)
            }
            return summary
        } catch let error as RoundError {
            throw error
        } catch {
            let now = node.now
            await status.update(peer.name) {
                $0.lastError = "\(error)"
                $0.lastErrorAt = now
                $0.consecutiveFailures += 1
            }
            if let current = await status.status(of: peer.name) { node.metrics.record(current, now: now) }
            logger.info("sync failed", metadata: ["sync.error": "\(error)"])
            throw error
        }
    }

    private static func describe(_ summary: RoundSummary, stuck: [AuthorID: StuckAuthor]) -> String {
        var parts: [String] = []
        if summary.refused > 0 || !summary.problems.isEmpty { parts.append(RoundError(summary: summary).description) }
        for (author, entry) in stuck.sorted(by: { $0.key < $1.key }) where summary.refusals.isEmpty {
            parts.append("changes of \(author.short)… are not exchanged until a head moves: \(entry.reason)")
        }
        return parts.joined(separator: "; ")
    }

    /// Records a regional peer as a witness of the node's own head: the node now holds the
    /// peer's copy of its own log (at least as far, and the same change at the peer's head).
    private func witnessOwnHead(
        _ author: AuthorID, at peer: Peer, theirs: SyncState, refusals: [SyncError]
    ) async throws {
        guard !refusals.contains(where: { $0.change?.author == author }) else { return }
        let ourHead = try await node.store.heads()[author]
        if let theirHead = theirs.heads[author] {
            guard theirHead.seq <= ourHead?.seq ?? 0,
                try await node.store.change(of: author, seq: theirHead.seq)?.id == theirHead.id
            else { return }
        }
        await ownHead.answered(peer.name, storeHeldChanges: !theirs.heads.isEmpty)
    }

    /// Offers the peer's roster versions and key events to the node, then gives the peer those
    /// it lacks (a version it does not hold, or signatures it does not have, or an event). A
    /// peer of a version before the roster (no `/v1/federation`) is left alone.
    private func exchangeFederation(with peer: Peer, into summary: inout RoundSummary, logger: Logger) async throws {
        let seen = federationSeen.seen(peer.name)
        let theirs: FederationDocumentsMessage
        // What the node holds, read once when the round offered it nothing.
        var ours: FederationDocumentsMessage?
        switch try await client.federation(of: peer, ifNoneMatch: seen?.tag) {
        case .unsupported:
            return
        case .unchanged:
            // Offered to the node when they came. What the node then refused (a key event that
            // came before its predecessor, a version before its genesis) or dropped since may
            // fit now: offer what it does not hold again.
            guard let seen else { return }
            theirs = seen.documents
            let held = FederationDocumentsMessage(try await node.store.federationDocuments())
            let missing = theirs.missing(from: held)
            if missing.versions.isEmpty && missing.keyEvents.isEmpty {
                ours = held
            } else {
                _ = try await node.offerFederation(
                    versions: missing.versions, events: missing.keyEvents, logger: logger)
            }
        case .documents(let documents, let tag):
            theirs = documents
            if let tag { federationSeen.remember(peer.name, tag: tag, documents: documents) }
            let result = try await node.offerFederation(
                versions: documents.versions, events: documents.keyEvents, logger: logger)
            summary.federationLearned =
                result.versions.filter { $0.outcome == .accepted }.count
                + result.events.filter { $0.outcome == .accepted }.count
            for (id, outcome) in result.versions {
                if case .refused(let error) = outcome {
                    summary.problems.append(
                        "the peer holds roster version \(id.rawValue.prefix(12))… that is refused: \(error)")
                }
            }
        }
        // What the peer lacks.
        let refusedBefore = seen?.refused ?? []
        let held: FederationDocumentsMessage
        if let ours {
            held = ours
        } else {
            held = FederationDocumentsMessage(try await node.store.federationDocuments())
        }
        let given = held.missing(from: theirs)
        let lacking = given.versions.filter { !refusedBefore.contains($0.id.rawValue) }
        let lackingEvents = given.keyEvents.filter { !refusedBefore.contains($0.id.rawValue) }
        guard !lacking.isEmpty || !lackingEvents.isEmpty else { return }
        let answer = try await client.push(
            federation: FederationDocumentsMessage(
                versions: Array(lacking.prefix(FederationLedger.maximumOffered)),
                keyEvents: Array(lackingEvents.prefix(FederationLedger.maximumOffered))),
            to: peer)
        summary.federationGiven = lacking.count + lackingEvents.count
        let results = answer.versions + answer.keyEvents
        federationSeen.gave(
            peer.name, refused: Set(results.filter { $0.status == "refused" }.map(\.id)),
            tookSomething: results.contains { $0.status != "refused" })
        logger.debug(
            "gave the peer roster versions and key events",
            metadata: [
                "sync.versions": "\(lacking.count)", "sync.events": "\(lackingEvents.count)",
                "peer.version": "\(answer.version)",
            ])
    }

    /// Fetches the evidence of forks the peer knows and the node does not, and gives the peer the
    /// evidence it lacks.
    private func exchangeForks(
        with peer: Peer, theirs: SyncState, into summary: inout RoundSummary, logger: Logger
    ) async throws {
        func listed(_ evidence: [ForkEvidence]) -> [SyncState.Fork] {
            evidence.map { SyncState.Fork(author: $0.author, seq: $0.seq, changes: $0.ids) }
        }
        var known = try await node.store.forks()
        // Forks of authors this node does not trust are none of its business.
        let trustedForks = theirs.forks.filter { node.acceptance.roster.contains($0.author) }
        if !SyncState.Fork.unknown(trustedForks, to: listed(known)).isEmpty {
            var evidence: [ForkEvidence] = []
            for fork in try await client.forks(of: peer).prefix(100) {
                do {
                    let verified = try ForkEvidence(verifying: fork.changes, limits: node.limits)
                    if node.acceptance.roster.contains(verified.author) { evidence.append(verified) }
                } catch {
                    summary.problems.append("the peer offered fork evidence that does not hold: \(error)")
                }
            }
            let recorded = try await node.record(evidence)
            let learned = recorded.filter { $0 }.count
            summary.forksLearned += learned
            if learned > 0 {
                logger.warning(
                    "fork evidence learnt from a peer",
                    metadata: ["sync.forks": "\(evidence.map { "\($0.author.short)…#\($0.seq)" })"])
                known = try await node.store.forks()
            }
        }
        // Give the peer the evidence of every fork it does not list (all of it, for one seq).
        let lacking = SyncState.Fork.unknown(listed(known), to: theirs.forks)
        let missing = known.filter { evidence in
            lacking.contains { $0.author == evidence.author && $0.seq == evidence.seq }
        }
        if !missing.isEmpty {
            _ = try await client.push(forks: missing.prefix(100).map(ForksMessage.Fork.init), to: peer)
        }
    }

    /// Where the peer's head of an author is a seq the node holds, the two must be one change;
    /// where they are not, the logs part at or below it.
    private func findForks(
        with peer: Peer, theirs: SyncState, into summary: inout RoundSummary, logger: Logger
    ) async throws {
        let ours = try await node.store.heads()
        for (author, their) in theirs.heads.sorted(by: { $0.key < $1.key }) {
            guard node.acceptance.roster.contains(author), let ourHead = ours[author], their.seq <= ourHead.seq,
                let mine = try await node.store.change(of: author, seq: their.seq), mine.id != their.id
            else { continue }
            try await findFork(of: author, differingAt: their.seq, with: peer, into: &summary, logger: logger)
        }
    }

    /// The peer's change of `author` at seq `high` is not the node's: finds by binary search the
    /// lowest seq at which the two logs hold different changes (below it they agree: each change
    /// names its predecessor's id), and records the two changes there as fork evidence — here and
    /// at the peer.
    private func findFork(
        of author: AuthorID, differingAt high: UInt64, with peer: Peer, into summary: inout RoundSummary,
        logger: Logger
    ) async throws {
        var low: UInt64 = 1
        var high = high
        var theirsAtHigh: SignedChange?
        // Invariant: the logs agree below `low` and differ at `high`. At most 64 steps.
        while low < high {
            let middle = low + (high - low) / 2
            guard let theirs = try await client.change(of: author, seq: middle, from: peer) else {
                summary.problems.append("the peer lists \(author.short)… beyond seq \(middle) but has no change there")
                return
            }
            if try await node.store.change(of: author, seq: middle)?.id == theirs.id {
                low = middle + 1
            } else {
                high = middle
                theirsAtHigh = theirs
            }
        }
        let fetched: SignedChange?
        if let theirsAtHigh {
            fetched = theirsAtHigh
        } else {
            fetched = try await client.change(of: author, seq: high, from: peer)
        }
        guard let theirs = fetched, let mine = try await node.store.change(of: author, seq: high), mine.id != theirs.id
        else { return }
        let evidence: ForkEvidence
        do {
            evidence = try ForkEvidence(verifying: [mine, theirs], limits: node.limits)
        } catch {
            summary.problems.append("the peer's change of \(author.short)… at seq \(high) does not verify: \(error)")
            return
        }
        guard evidence.author == author, evidence.seq == high else {
            summary.problems.append("the peer served another change than \(author.short)…#\(high)")
            return
        }
        if try await node.record([evidence]).first == true {
            summary.forksFound += 1
            logger.warning(
                "fork found: two different changes signed by one author at one seq",
                metadata: ["sync.author": "\(author)", "sync.seq": "\(high)", "sync.changes": "\(evidence.ids)"])
        }
        _ = try? await client.push(forks: [ForksMessage.Fork(evidence)], to: peer)
    }

    /// How many missing pictures a round asks one peer for; the rest follow in later rounds.
    static var picturesPerRound: Int { 16 }

    /// Fetches pictures the catalogue names and the node does not hold from `peer`, each
    /// checked by its hash (and type, limits, no metadata) before it is stored. A picture the
    /// peer does not hold either is asked for again in later rounds (of this peer or another);
    /// one that fails its check is reported as the peer's problem and not stored.
    private func fetchPictures(from peer: Peer, into summary: inout RoundSummary, logger: Logger) async {
        let missing: [PictureHash]
        do {
            missing = try await node.store.missingPictures(limit: Self.picturesPerRound)
        } catch {
            logger.info("could not list missing pictures", metadata: ["sync.error": "\(error)"])
            return
        }
        for sha256 in missing {
            do {
                guard let data = try await client.picture(sha256, from: peer) else { continue }
                try await node.store.store(try StoredPicture(checking: data, named: sha256))
                summary.picturesFetched += 1
            } catch let problem as PictureProblem {
                summary.problems.append("the peer's picture \(sha256.rawValue.prefix(12))… is refused: \(problem)")
            } catch {
                logger.info(
                    "could not fetch a picture", metadata: ["picture.sha256": "\(sha256)", "sync.error": "\(error)"])
                return
            }
        }
        if summary.picturesFetched > 0 {
            logger.debug("pictures fetched", metadata: ["sync.pictures": "\(summary.picturesFetched)"])
        }
    }

    /// Pulls pages from `peer` until it has nothing the node lacks; returns the refusals.
    /// Pipelined: while one page is applied (one core, the store's writer), the next is already
    /// fetched and verified (the other core) — a fresh mirror's bootstrap is bound by the slower
    /// of the two, not by their sum. A page with refusals ends the pipeline; the next page is
    /// then asked for from what the store really holds. A page that does not move the
    /// continuation past what was asked for ends the pull (a peer that loops).
    private func pull(
        from peer: Peer, have start: VersionVector, overrides: [(AuthorID, UInt64)], catalogue: CatalogueUpdate,
        into summary: inout RoundSummary
    ) async throws -> [SyncError] {
        let node = node
        let client = client
        let pageSize = pageSize
        typealias Verification = Task<[Result<VerifiedChange, SyncError>], Never>
        // A page's verification starts as soon as the page is here, so the next page's fetch
        // (and its verification) overlaps this one's, and both overlap the store's write.
        func fetch(_ have: VersionVector) -> Task<(PullResponse, Verification), any Error> {
            Task {
                let page = try await client.pull(from: peer, have: have, limit: pageSize)
                return (page, Task { await node.verify(page.changes) })
            }
        }
        func current() async throws -> VersionVector {
            var vector = try await node.store.versionVector()
            for (author, seq) in overrides { vector[author] = max(vector[author], seq) }
            return vector
        }
        var refusals: [SyncError] = []
        var asked = start
        var next: Task<(PullResponse, Verification), any Error>? = fetch(asked)
        defer { next?.cancel() }
        var pages = 0
        while let pending = next {
            let (page, verification) = try await pending.value
            pages += 1
            if page.changes.isEmpty { break }
            let advances = page.continuation != asked && page.continuation.dominates(asked)
            next = page.complete || !advances || pages >= maximumPagesPerRound ? nil : fetch(page.continuation)
            let verified = await verification.value
            let results = try await node.receive(verified: verified, catalogue: catalogue)
            summary.pulled += results.filter { $0 == .accepted }.count
            let refused = results.compactMap { result -> SyncError? in
                if case .refused(let error) = result { error } else { nil }
            }
            refusals += refused
            if !refused.isEmpty {
                next?.cancel()
                let now = try await current()
                // Nothing applied: do not spin on refusals. Otherwise ask again from the store.
                next = now == asked || pages >= maximumPagesPerRound ? nil : fetch(now)
                asked = now
            } else {
                asked = page.continuation
            }
            if !advances && next == nil && !page.complete {
                summary.problems.append("the peer answered a pull with a page that does not advance")
            }
        }
        return refusals
    }

    /// Pushes what the peer lacks, page by page; returns the refusals.
    private func push(
        to peer: Peer, have start: VersionVector, into summary: inout RoundSummary
    ) async throws
        -> [SyncError]
    {
        var refusals: [SyncError] = []
        var have = start
        while true {
            let page = try await node.store.changes(missingFrom: have, maximumCount: pageSize, maximumBytes: 4 << 20)
            if page.changes.isEmpty { break }
            guard let results = try await client.push(page.changes, to: peer) else {
                await status.update(peer.name) { $0.isReadOnly = true }
                break
            }
            summary.pushed += results.filter { $0.status == "accepted" }.count
            for (change, result) in zip(page.changes, results) where result.status == "refused" {
                let reference = (try? change.rereadFromOwnStore())?.reference
                let code = result.code.flatMap(SyncError.Code.init(rawValue:)) ?? .malformed
                var error = SyncError.refusedByPeer(
                    code: code, detail: result.detail ?? "", expectedSeq: result.expectedSeq)
                if let reference { error = error.about(reference) }
                refusals.append(error)
            }
            have = page.continuation
            if page.isComplete { break }
        }
        return refusals
    }
}
