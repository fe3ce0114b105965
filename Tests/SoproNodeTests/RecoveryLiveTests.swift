import CatalogueStore
import DirectoryModel
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NodeServer
import Replication
import SoproNode
import SyncProtocol
import Testing

/// Nodes that lost their store or were stopped, over real HTTP on loopback.
@Suite struct RecoveryLiveTests {
    let keyA = NodeKey()
    let keyB = NodeKey()

    var acceptance: ChangeAcceptance {
        ChangeAcceptance(
            roster: AuthorRoster([
                TrustedAuthor(id: keyA.authorID, region: "AT12", name: "A"),
                TrustedAuthor(id: keyB.authorID, region: "HU22", name: "B"),
            ]), schema: CatalogueSchema.fieldSchema)
    }

    func operation(_ value: String) -> EntryOperation {
        EntryOperation(
            kind: "enterprise", entry: "0192f3a4-5b6c-7d8e-9f01-23456789abcd",
            action: .set(field: "name.de", value: .string(value), supersedes: []))
    }

    @Test func aNodeThatLostItsStoreRecoversFromPeersBeforeSigning() async throws {
        let nodeA = try await CatalogueNode(
            store: try SQLiteChangeStore.inMemory(), acceptance: acceptance, mode: .regional(key: keyA, region: "AT12"),
            name: "A")
        let nodeB = try await CatalogueNode(
            store: try SQLiteChangeStore.inMemory(), acceptance: acceptance, mode: .regional(key: keyB, region: "HU22"),
            name: "B")
        for value in ["eins", "zwei", "drei"] { _ = try await nodeA.publish([operation(value)], editor: "maria") }
        try await buildApplication(node: nodeB, port: 0).test(.live) { client in
            let peerB = Peer(name: "B", url: "http://127.0.0.1:\(try #require(client.port))", authorID: keyB.authorID)
            // A pushes its log to B.
            let replicatorA = Replicator(
                node: nodeA, peers: [peerB], client: HTTPPeerClient(), clock: ContinuousClock())
            _ = try await replicatorA.sync(with: peerB)
            #expect(try await nodeB.store.versionVector()[keyA.authorID] == 3)

            // A's disk dies: same key, empty store. It must not sign seq 1 again.
            let restored = try await CatalogueNode(
                store: try SQLiteChangeStore.inMemory(), acceptance: acceptance,
                mode: .regional(key: keyA, region: "AT12"),
                name: "A", needsOwnHeadFromPeers: true)
            let refusal = await #expect(throws: NodeError.self) {
                try await restored.publish([operation("vier")], editor: "maria")
            }
            #expect(refusal?.code == .ownHeadUnconfirmed)
            let replicator = Replicator(
                node: restored, peers: [peerB], client: HTTPPeerClient(), clock: ContinuousClock())
            await replicator.recoverOwnLog()
            #expect(await restored.ownHeadConfirmed)
            #expect(try await restored.store.versionVector()[keyA.authorID] == 3, "its data came back from B")
            let next = try #require(try await restored.publish([operation("vier")], editor: "maria"))
            #expect(next.seq == 4)
            _ = try await replicator.sync(with: peerB)
            #expect(try await nodeB.store.forks().isEmpty, "no seq was reused")
            #expect(try await nodeB.store.digest() == (try await restored.store.digest()))
        }
    }

    @Test func aStoppedNodeCatchesUpAfterRestart() async throws {
        let nodeA = try await CatalogueNode(
            store: try SQLiteChangeStore.inMemory(), acceptance: acceptance, mode: .regional(key: keyA, region: "AT12"),
            name: "A")
        let storeB = try SQLiteChangeStore.inMemory()
        let nodeB = try await CatalogueNode(
            store: storeB, acceptance: acceptance, mode: .regional(key: keyB, region: "HU22"), name: "B")
        // B is down: A's attempts fail and are recorded.
        let unreachable = Peer(name: "B", url: "http://127.0.0.1:9", authorID: keyB.authorID)
        let failing = Replicator(
            node: nodeA, peers: [unreachable], client: HTTPPeerClient(timeout: .milliseconds(500)),
            clock: ContinuousClock())
        for value in ["eins", "zwei"] { _ = try await nodeA.publish([operation(value)], editor: "maria") }
        await #expect(throws: (any Error).self) { try await failing.sync(with: unreachable) }
        let status = await failing.status.status(of: "B")
        #expect(status?.lastError != nil)
        #expect(status?.consecutiveFailures == 1)
        // B comes back (same store) and pulls what it missed.
        try await buildApplication(node: nodeA, port: 0).test(.live) { client in
            let peerA = Peer(name: "A", url: "http://127.0.0.1:\(try #require(client.port))", authorID: keyA.authorID)
            let replicatorB = Replicator(
                node: nodeB, peers: [peerA], client: HTTPPeerClient(), clock: ContinuousClock())
            let summary = try await replicatorB.sync(with: peerA)
            #expect(summary.pulled == 2)
            #expect(try await nodeB.store.digest() == (try await nodeA.store.digest()))
            let second = try await replicatorB.sync(with: peerA)
            #expect(second.pulled + second.pushed + second.refused == 0, "nothing to do when heads agree")
        }
    }
}
