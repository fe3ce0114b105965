import CatalogueStore
import Foundation
import Logging
import NodeAPI
import Replication
import ServiceLifecycle
import SoproTestSupport
import SyncProtocol
import Synchronization
import Testing

/// A peer that is down until told otherwise, then answers with the node's own heads (nothing to
/// exchange: a round that succeeds).
final class SwitchablePeerClient: PeerClient {
    let node: CatalogueNode
    let down = Mutex(true)

    init(node: CatalogueNode) { self.node = node }

    struct Down: Error {}

    func heads(of peer: Peer) async throws -> SyncState {
        if down.withLock({ $0 }) { throw Down() }
        return try await node.store.syncState()
    }
    func pull(from peer: Peer, have: VersionVector, limit: Int) async throws -> PullResponse { throw Down() }
    func push(_ changes: [SignedChange], to peer: Peer) async throws -> [PushResult]? { throw Down() }
    func change(of author: AuthorID, seq: UInt64, from peer: Peer) async throws -> SignedChange? { throw Down() }
    func forks(of peer: Peer) async throws -> [ForksMessage.Fork] { [] }
    func push(forks: [ForksMessage.Fork], to peer: Peer) async throws -> [ForksPushResponse.Result] { [] }
    func federation(of peer: Peer, ifNoneMatch: String?) async throws -> FederationFetch { .unsupported }
    func push(federation: FederationDocumentsMessage, to peer: Peer) async throws -> FederationOfferResponse {
        throw PeerError.unsupported
    }
}

@Suite struct ReplicatorClockTests {
    func makeMirror() async throws -> CatalogueNode {
        try await CatalogueNode(
            store: try SQLiteChangeStore.inMemory(),
            acceptance: ChangeAcceptance(roster: AuthorRoster([]), schema: CatalogueSchema.fieldSchema),
            mode: .mirror, name: "mirror")
    }

    /// `base` give or take the replicator's ±20 % jitter.
    static func isNear(_ pause: Duration, _ base: Duration) -> Bool {
        pause >= base * 0.8 && pause <= base * 1.2
    }

    @Test func aPeerThatIsDownIsAskedLessOftenUpToTheCapThenAtTheIntervalOnceBack() async throws {
        let node = try await makeMirror()
        let clock = ManualClock()
        let client = SwitchablePeerClient(node: node)
        let replicator = Replicator(
            node: node, peers: [Peer(name: "down", url: "http://127.0.0.1:9")], client: client, clock: clock,
            interval: .seconds(1))
        let running = Task { try await replicator.run() }
        // Failures double the pause from the interval: 2, 4, 8, 16 s, then 30 s (the cap).
        let expected: [Duration] = [.seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30), .seconds(30)]
        for (index, base) in expected.enumerated() {
            try await clock.waitForSleeps(index + 1)
            let pause = clock.requested[index]
            #expect(Self.isNear(pause, base), "pause \(index + 1): \(pause), expected about \(base)")
            clock.advance(by: pause)
        }
        // The peer is back: the next round succeeds and the pause is the interval again.
        client.down.withLock { $0 = false }
        try await clock.waitForSleeps(expected.count + 1)
        let recovered = clock.requested[expected.count]
        #expect(Self.isNear(recovered, .seconds(1)), "after recovery: \(recovered)")
        let status = await replicator.status.status(of: "down")
        #expect(status?.consecutiveFailures == 0 && status?.lastSuccess != nil)
        running.cancel()
        _ = await running.result
    }

    @Test func pausesAreJitteredSoPeersDoNotSyncInLockstep() async throws {
        let node = try await makeMirror()
        let clock = ManualClock()
        let client = SwitchablePeerClient(node: node)
        client.down.withLock { $0 = false }
        let replicator = Replicator(
            node: node, peers: [Peer(name: "up", url: "http://127.0.0.1:9")], client: client, clock: clock,
            interval: .seconds(10))
        let running = Task { try await replicator.run() }
        for index in 0..<20 {
            try await clock.waitForSleeps(index + 1)
            clock.advance(by: clock.requested[index])
        }
        let pauses = clock.requested.prefix(20)
        #expect(pauses.allSatisfy { Self.isNear($0, .seconds(10)) })
        // Twenty draws from 8–12 s are not all the same (the chance is nil for a real random source).
        #expect(Set(pauses).count > 1)
        running.cancel()
        _ = await running.result
    }

    @Test func gracefulShutdownEndsTheWaitAtOnce() async throws {
        let node = try await makeMirror()
        let clock = ManualClock()
        let client = SwitchablePeerClient(node: node)
        let replicator = Replicator(
            node: node, peers: [Peer(name: "down", url: "http://127.0.0.1:9")], client: client, clock: clock,
            interval: .seconds(60))
        let group = ServiceGroup(
            configuration: .init(services: [replicator], logger: .init(label: "test")))
        let running = Task { try await group.run() }
        try await clock.waitForSleeps(1)
        // The replicator is waiting two minutes of its clock, which never moves; shutdown must
        // not wait for it.
        let started = ContinuousClock.now
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(ContinuousClock.now - started < .seconds(5))
    }
}
