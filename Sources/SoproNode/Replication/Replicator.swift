import Foundation
import Logging
import ServiceLifecycle
import SyncProtocol

/// Keeps the node in step with its peers: pulls whatever a peer has that the node lacks (page by
/// page, resuming from the version vector) and pushes what the peer lacks. Runs as a
/// service-lifecycle `Service` on an injected clock: a round every `interval` with jitter, and
/// exponential backoff up to `maximumBackoff` while a peer fails.
public struct Replicator<C: Clock<Duration>>: Service, CustomStringConvertible {
    public let node: CatalogueNode
    public let peers: [Peer]
    public let client: any PeerClient
    public let clock: C
    public let status: PeerStatusBoard
    public var interval: Duration = .seconds(10)
    public var maximumBackoff: Duration = .seconds(300)
    public var pageSize = 1000
    /// A pull at least this long, that at least doubles the store, defers the catalogue to one
    /// rebuild at its end (`CatalogueUpdate.deferred`): a fresh mirror's bootstrap.
    public var bulkCatchUpMinimum: UInt64 = 2000
    let logger: Logger

    public init(
        node: CatalogueNode, peers: [Peer], client: any PeerClient, clock: C, interval: Duration = .seconds(10),
        logger: Logger = Logger(label: "sopro.replicator")
    ) {
        self.node = node
        self.peers = peers
        self.client = client
        self.clock = clock
        self.interval = interval
        self.status = PeerStatusBoard(peers: peers)
        self.logger = logger
    }

    public var description: String {
        "Replicator(\(node.name) ↔ \(peers.map(\.name).joined(separator: ", ")))"
    }

    /// What one round with one peer moved.
    public struct RoundSummary: Sendable, Hashable {
        public var pulled = 0
        public var pushed = 0
        public var refused = 0
    }

    public func run() async throws {
        await recoverOwnLog()
        guard !peers.isEmpty else {
            // Nothing to replicate: stay up until shutdown, like the server beside it.
            try? await gracefulShutdown()
            return
        }
        await withTaskGroup(of: Void.self) { group in
            for peer in peers {
                group.addTask { await self.runLoop(with: peer) }
            }
        }
    }

    private func runLoop(with peer: Peer) async {
        var failures = 0
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                _ = try await sync(with: peer)
                failures = 0
            } catch {
                failures += 1
            }
            let base = failures == 0 ? interval : min(maximumBackoff, interval * (1 << min(failures, 10)))
            // ±20 % jitter, so peers restarted together do not sync in lockstep.
            let jitter = Double.random(in: 0.8...1.2)
            do {
                // Ends at once on graceful shutdown instead of finishing the wait.
                try await cancelWhenGracefulShutdown { try await clock.sleep(for: base * jitter) }
            } catch {
                return
            }
        }
    }

    /// Before the node signs anything: fetch its own changes from any peer that holds more of
    /// them than the node does (a node restored from a backup, or one that lost its store),
    /// then let it publish. Retries until a peer answers, unless the node has no peers.
    public func recoverOwnLog() async {
        guard let author = node.authorID, !(await node.ownHeadConfirmed) else { return }
        guard !peers.isEmpty else {
            await node.confirmOwnHead()
            return
        }
        // Peers started at the same moment may not answer yet: ask again soon, then less often.
        var pause = min(interval, .seconds(1))
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            for peer in peers {
                guard let theirs = try? await client.heads(of: peer) else { continue }
                guard var ours = try? await node.store.versionVector() else { continue }
                var complete = true
                while theirs[author] > ours[author] {
                    guard let page = try? await client.pull(from: peer, have: ours, limit: pageSize),
                        !page.changes.isEmpty,
                        (try? await node.receive(page.changes)) != nil,
                        let next = try? await node.store.versionVector(),
                        next != ours
                    else {
                        complete = false
                        break
                    }
                    ours = next
                }
                if complete {
                    logger.info(
                        "own log confirmed", metadata: ["peer.url": "\(peer.url)", "sync.seq": "\(ours[author])"])
                    await node.confirmOwnHead()
                    return
                }
            }
            let wait = pause
            try? await cancelWhenGracefulShutdown { try await clock.sleep(for: wait) }
            pause = min(interval, pause * 2)
        }
    }

    /// All peers once, now (`sopro-node sync`, tests).
    public func syncAll() async -> [String: Result<RoundSummary, any Error>] {
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

    /// Pulls pages from `peer` until it has nothing the node lacks, and returns the node's new
    /// version vector. Pipelined: while one page is applied (one core, the store's writer), the
    /// next is already fetched and verified (the other core) — a fresh mirror's bootstrap is
    /// bound by the slower of the two, not by their sum. A page with refusals ends the pipeline;
    /// the next page is then asked for from what the store really holds.
    private func pull(
        from peer: Peer, have start: VersionVector, catalogue: CatalogueUpdate, into summary: inout RoundSummary
    ) async throws
        -> VersionVector
    {
        let node = node
        let client = client
        let pageSize = pageSize
        func fetch(_ have: VersionVector) -> Task<(PullResponse, [Result<VerifiedChange, SyncError>]), any Error> {
            Task {
                let page = try await client.pull(from: peer, have: have, limit: pageSize)
                return (page, await node.verify(page.changes))
            }
        }
        var ours = start
        var next: Task<(PullResponse, [Result<VerifiedChange, SyncError>]), any Error>? = fetch(ours)
        defer { next?.cancel() }
        while let pending = next {
            let (page, verified) = try await pending.value
            if page.changes.isEmpty { break }
            next = page.complete ? nil : fetch(page.continuation)
            let results = try await node.receive(verified: verified, catalogue: catalogue)
            summary.pulled += results.filter { $0 == .accepted }.count
            let refused = results.filter { if case .refused = $0 { true } else { false } }.count
            summary.refused += refused
            let current = try await node.store.versionVector()
            if refused > 0 {
                next?.cancel()
                // Nothing applied: do not spin on refusals. Otherwise ask again from the store.
                next = current == ours ? nil : fetch(current)
            }
            ours = current
        }
        return ours
    }

    /// One round with `peer`: pull until nothing is missing, then push what the peer lacks.
    public func sync(with peer: Peer) async throws -> RoundSummary {
        var summary = RoundSummary()
        var logger = logger
        logger[metadataKey: "peer.url"] = .string(peer.url)
        do {
            let theirs = try await client.heads(of: peer)
            var ours = try await node.store.versionVector()
            await status.update(peer.name) {
                $0.changesBehind = theirs.changesAhead(of: ours)
                $0.changesAhead = ours.changesAhead(of: theirs)
            }
            let behind = theirs.changesAhead(of: ours)
            if behind > 0 {
                let catalogue: CatalogueUpdate =
                    behind >= bulkCatchUpMinimum && behind >= ours.changesAhead(of: VersionVector())
                    ? .deferred : .immediate
                do {
                    ours = try await pull(from: peer, have: ours, catalogue: catalogue, into: &summary)
                } catch {
                    // Whatever arrived before the failure is in the log: show it in the catalogue.
                    _ = try? await node.refreshCatalogue()
                    throw error
                }
                if let lag = try await node.refreshCatalogue() {
                    logger.info("catalogue rebuilt after a bulk catch-up", metadata: ["sync.changes": "\(lag)"])
                }
            }
            if !(await status.status(of: peer.name)?.isReadOnly ?? false), ours.changesAhead(of: theirs) > 0 {
                var have = theirs
                while true {
                    let page = try await node.store.changes(
                        missingFrom: have, maximumCount: pageSize, maximumBytes: 4 << 20)
                    if page.changes.isEmpty { break }
                    guard let results = try await client.push(page.changes, to: peer) else {
                        await status.update(peer.name) { $0.isReadOnly = true }
                        break
                    }
                    summary.pushed += results.filter { $0.status == "accepted" }.count
                    have = page.continuation
                    if page.isComplete { break }
                }
            }
            let now = node.now
            await status.update(peer.name) {
                $0.lastSuccess = now
                $0.consecutiveFailures = 0
                $0.changesBehind = 0
            }
            if let current = await status.status(of: peer.name) { node.metrics.record(current, now: now) }
            if summary.pulled + summary.pushed > 0 {
                logger.info(
                    "synced", metadata: ["sync.pulled": "\(summary.pulled)", "sync.pushed": "\(summary.pushed)"])
            }
            return summary
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
}
