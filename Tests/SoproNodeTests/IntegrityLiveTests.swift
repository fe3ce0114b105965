import AsyncHTTPClient
import DirectoryModel
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NodeAPI
import NodeServer
import Replication
import SoproNode
import SyncProtocol
import Synchronization
import Testing

@testable import CatalogueStore

/// The integrity failures found from outside, reproduced against live nodes (real HTTP on
/// 127.0.0.1, real SQLite stores): concurrent publishes, restored and store-less nodes with
/// only lagging or empty peers reachable, and equivocations pushed to different nodes.
@Suite(.tags(.live)) struct IntegrityLiveTests {
    static func acceptance(_ keys: [NodeKey]) -> ChangeAcceptance {
        ChangeAcceptance(
            roster: AuthorRoster(
                keys.enumerated().map { TrustedAuthor(id: $1.authorID, region: "AT1\($0 + 1)", name: "N\($0)") }),
            schema: CatalogueSchema.fieldSchema)
    }

    static func regional(
        _ key: NodeKey, _ acceptance: ChangeAcceptance, store: SQLiteChangeStore? = nil, name: String = "A",
        needsOwnHead: Bool = false
    )
        async throws -> CatalogueNode
    {
        try await CatalogueNode(
            store: try store ?? SQLiteChangeStore.inMemory(), acceptance: acceptance,
            mode: .regional(key: key, region: "AT11"), name: name, needsOwnHeadFromPeers: needsOwnHead)
    }

    static func operation(_ value: String, entry: String = "0192f3a4-5b6c-7d8e-9f01-23456789abcd") -> EntryOperation {
        EntryOperation(
            kind: "enterprise", entry: entry, action: .set(field: "name.de", value: .string(value), supersedes: []))
    }

    static func enterprises(_ count: Int, label: String) -> Data {
        let entries = (0..<count).map { index in
            """
            {"kind": "enterprise", "id": "\(UUID().uuidString.lowercased())", "name": {"de": "\(label) \(index)"},
             "socialModel": "work-integration", "region": "AT11"}
            """
        }
        return Data("{\"entries\": [\(entries.joined(separator: ","))]}".utf8)
    }

    /// Failure 1: four publishes of 100 new entries and small ones, all at once at one node,
    /// forked its own log. Now they queue: all succeed, the log is gap-free, no fork.
    @Test func concurrentPublishesQueueInsteadOfForking() async throws {
        let key = NodeKey()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sopro-concurrent-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteChangeStore.open(path: directory.appendingPathComponent("store.sqlite").path)
        let node = try await Self.regional(key, Self.acceptance([key]), store: store)
        let app = buildApplication(
            node: node, port: 0, editors: EditorAuthenticator { $0 == "secret" ? "maria" : nil })
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            defer { _ = http.shutdown() }
            let bodies =
                (0..<4).map { Self.enterprises(100, label: "Betrieb \($0)") }
                + (0..<6).map { Self.enterprises(1, label: "Einzeln \($0)") }
            let statuses = try await withThrowingTaskGroup(of: (UInt, String).self) { group in
                for body in bodies {
                    group.addTask {
                        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/publish")
                        request.method = .POST
                        request.headers.add(name: "Authorization", value: "Bearer secret")
                        request.headers.add(name: "Content-Type", value: "application/json")
                        request.body = .bytes(ByteBuffer(data: body))
                        let response = try await http.execute(request, timeout: .seconds(120))
                        let answer = try await response.body.collect(upTo: 1 << 22)
                        return (response.status.code, String(buffer: answer))
                    }
                }
                var all: [(UInt, String)] = []
                for try await status in group { all.append(status) }
                return all
            }
            for (status, body) in statuses { #expect(status == 200, "\(body.prefix(300))") }
            #expect(try await store.forks().isEmpty, "the node's own log is not forked")
            #expect(try await store.verify().isEmpty, "gap-free, hash-chained, catalogue = rebuild")
            let seq = try #require(try await store.heads()[key.authorID]?.seq)
            #expect(seq == 10, "one change per publish, each after the other")
            var query = CatalogueQuery()
            query.limit = 500
            let listing = try await store.entries(matching: query)
            #expect(listing.items.count == 406)
            // And later publishes still work.
            _ = try #require(try await node.publish([Self.operation("danach")], editor: "maria"))
        }
    }

    /// Failure 2: a node restored from a copy taken at seq 2, with only a lagging peer (seq 2)
    /// reachable, signed a new seq 3 although another peer held 3–5. Now it waits for every
    /// regional peer, and signs seq 6 once the current one answers.
    @Test func aRestoredNodeWaitsForItsCurrentPeerInsteadOfSigning() async throws {
        let keyA = NodeKey()
        let keyB = NodeKey()
        let keyC = NodeKey()
        let acceptance = Self.acceptance([keyA, keyB, keyC])
        let original = try await Self.regional(keyA, acceptance)
        var log: [SignedChange] = []
        for value in ["eins", "zwei", "drei", "vier", "fünf"] {
            log.append(try #require(try await original.publish([Self.operation(value)], editor: "maria")).signed)
        }
        let nodeB = try await Self.regional(keyB, acceptance, name: "B")
        let nodeC = try await Self.regional(keyC, acceptance, name: "C")
        #expect(try await nodeB.receive(log).allSatisfy { $0 == .accepted })
        #expect(try await nodeC.receive(Array(log.prefix(2))).allSatisfy { $0 == .accepted })
        // The backup: A's store as it was at seq 2.
        let restored = try await Self.regional(keyA, acceptance, needsOwnHead: true)
        _ = try await restored.receive(Array(log.prefix(2)))
        try await FederationLiveTests.serve(
            [
                .init(name: "B", key: keyB, node: nodeB), .init(name: "C", key: keyC, node: nodeC),
            ][...]
        ) { ports in
            let peers = [
                Peer(name: "B", url: "http://127.0.0.1:\(ports[0])", authorID: keyB.authorID),
                Peer(name: "C", url: "http://127.0.0.1:\(ports[1])", authorID: keyC.authorID),
            ]
            let client = PartitionedPeerClient(HTTPPeerClient.underTestLoad, blocking: ["B"])
            let replicator = Replicator(
                node: restored, peers: peers, client: client, clock: ContinuousClock(), interval: .milliseconds(50))
            await replicator.recoverOwnLog(attempts: 3)
            #expect(await !restored.ownHeadConfirmed, "C lags: it proves nothing about seq 3–5")
            #expect(await restored.ownHead.waitingFor == ["B"])
            let refusal = await #expect(throws: NodeError.self) {
                try await restored.publish([Self.operation("sechs")], editor: "maria")
            }
            #expect(refusal?.code == .ownHeadUnconfirmed)
            #expect(refusal?.description.contains("B") == true, "the refusal names the peer it waits for")
            // The publish endpoint says the same, as a 503 with Retry-After.
            try await buildApplication(
                node: restored, editors: EditorAuthenticator { _ in "maria" }
            ).test(.router) { router in
                try await router.execute(
                    uri: "/v1/publish", method: .post, headers: [.authorization: "Bearer x"],
                    body: ByteBuffer(data: Self.enterprises(1, label: "x"))
                ) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(response.headers[.retryAfter] == "2")
                    #expect(String(buffer: response.body).contains("waiting for B"))
                }
            }

            client.block([])
            await replicator.recoverOwnLog(attempts: 3)
            #expect(await restored.ownHeadConfirmed)
            #expect(try await restored.store.heads()[keyA.authorID]?.seq == 5, "3–5 came back from B")
            let next = try #require(try await restored.publish([Self.operation("sechs")], editor: "maria"))
            #expect(next.seq == 6)
            for peer in peers { _ = try await replicator.sync(with: peer) }
            for node in [restored, nodeB, nodeC] { #expect(try await node.store.forks().isEmpty, "no seq reused") }
            #expect(try await nodeB.store.digest() == (try await restored.store.digest()))
            #expect(try await nodeC.store.digest() == (try await restored.store.digest()))
        }
    }

    /// A node that lost its store, with only an empty mirror and a regional peer with an empty
    /// store reachable: neither proves anything, even once a majority would be enough.
    @Test func emptyPeersAndMirrorsConfirmNothing() async throws {
        let keyA = NodeKey()
        let keyB = NodeKey()
        let keyD = NodeKey()
        let acceptance = Self.acceptance([keyA, keyB, keyD])
        let original = try await Self.regional(keyA, acceptance)
        var log: [SignedChange] = []
        for value in ["eins", "zwei", "drei"] {
            log.append(try #require(try await original.publish([Self.operation(value)], editor: "maria")).signed)
        }
        let nodeB = try await Self.regional(keyB, acceptance, name: "B")
        _ = try await nodeB.receive(log)
        let emptyD = try await Self.regional(keyD, acceptance, name: "D")
        let mirror = try await CatalogueNode(
            store: try SQLiteChangeStore.inMemory(), acceptance: acceptance, mode: .mirror, name: "M")
        let lost = try await Self.regional(keyA, acceptance, needsOwnHead: true)
        try await FederationLiveTests.serve(
            [
                .init(name: "B", key: keyB, node: nodeB), .init(name: "D", key: keyD, node: emptyD),
                .init(name: "M", key: nil, node: mirror),
            ][...]
        ) { ports in
            let peers = [
                Peer(name: "B", url: "http://127.0.0.1:\(ports[0])", authorID: keyB.authorID),
                Peer(name: "D", url: "http://127.0.0.1:\(ports[1])", authorID: keyD.authorID),
                Peer(name: "M", url: "http://127.0.0.1:\(ports[2])"),
            ]
            let client = PartitionedPeerClient(HTTPPeerClient.underTestLoad, blocking: ["B"])
            let replicator = Replicator(
                node: lost, peers: peers, client: client, clock: ContinuousClock(), interval: .milliseconds(50),
                ownHeadQuorumAfter: .zero)
            await replicator.recoverOwnLog(attempts: 3)
            #expect(await !lost.ownHeadConfirmed, "an empty regional peer and a mirror are no quorum")
            #expect(await lost.ownHead.waitingFor == ["B"])
            client.block([])
            await replicator.recoverOwnLog(attempts: 3)
            #expect(await lost.ownHeadConfirmed)
            let seq = try await lost.store.heads()[keyA.authorID]?.seq
            #expect(seq == 3, "its log came back from B")
        }
    }

    /// A node that learns its own log is forked says so everywhere and signs nothing: /v1/node,
    /// publishing (409 own-log-forked, nothing stored).
    @Test func aNodeWithAForkedOwnLogSaysSoAndSignsNothing() async throws {
        let keyA = NodeKey()
        let acceptance = Self.acceptance([keyA])
        let node = try await Self.regional(keyA, acceptance)
        let first = try #require(try await node.publish([Self.operation("eins")], editor: "maria"))
        var copy = Replica(acceptance: acceptance)
        _ = copy.receive([first.signed], now: first.hlc.time + 1)
        let rival = try copy.publish([Self.operation("anders")], editor: "copy", key: keyA, now: first.hlc.time + 5)
        let own = try #require(try await node.publish([Self.operation("zwei")], editor: "maria"))
        #expect(try await node.record([try ForkEvidence(verifying: [own.signed, rival.signed])]) == [true])
        try await buildApplication(node: node, editors: EditorAuthenticator { _ in "maria" }).test(.router) { router in
            try await router.execute(uri: "/v1/node", method: .get) { response in
                let info = try JSONDecoder().decode(NodeInfo.self, from: Data(buffer: response.body))
                #expect(info.ownHeadConfirmed == false)
                #expect(info.ownHead?.forkedAt == 2)
                #expect(info.ownHead?.seq == 2)
            }
            try await router.execute(
                uri: "/v1/publish", method: .post, headers: [.authorization: "Bearer x"],
                body: ByteBuffer(data: Self.enterprises(1, label: "neu"))
            ) { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("own-log-forked"))
            }
        }
        #expect(try await node.store.heads()[keyA.authorID]?.seq == 2, "nothing was signed")
    }

    /// A node that lost its store, whose only regional peer lost its store too, while a mirror
    /// still holds the node's log: the node does not sign before its first round with the
    /// mirror, and gets its log back from it.
    @Test func aReachableMirrorIsAskedBeforeTheNodeSigns() async throws {
        let keyA = NodeKey()
        let keyB = NodeKey()
        let acceptance = Self.acceptance([keyA, keyB])
        let original = try await Self.regional(keyA, acceptance)
        var log: [SignedChange] = []
        for value in ["eins", "zwei", "drei"] {
            log.append(try #require(try await original.publish([Self.operation(value)], editor: "maria")).signed)
        }
        let emptyB = try await Self.regional(keyB, acceptance, name: "B")
        let mirror = try await CatalogueNode(
            store: try SQLiteChangeStore.inMemory(), acceptance: acceptance, mode: .mirror, name: "M")
        _ = try await mirror.receive(log)
        let lost = try await Self.regional(keyA, acceptance, needsOwnHead: true)
        try await FederationLiveTests.serve(
            [.init(name: "B", key: keyB, node: emptyB), .init(name: "M", key: nil, node: mirror)][...]
        ) { ports in
            let b = Peer(name: "B", url: "http://127.0.0.1:\(ports[0])", authorID: keyB.authorID)
            let m = Peer(name: "M", url: "http://127.0.0.1:\(ports[1])")
            let replicator = Replicator(node: lost, peers: [b, m], client: HTTPPeerClient(), clock: ContinuousClock())
            _ = try await replicator.sync(with: b)
            await replicator.evaluateOwnHead()
            #expect(await !lost.ownHeadConfirmed, "the mirror has not been asked yet")
            #expect(await lost.ownHead.waitingFor == ["M"])
            _ = try await replicator.sync(with: m)
            await replicator.evaluateOwnHead()
            #expect(await lost.ownHeadConfirmed)
            let seq = try await lost.store.heads()[keyA.authorID]?.seq
            #expect(seq == 3, "its log came back from the mirror")
            let next = try #require(try await lost.publish([Self.operation("vier")], editor: "maria"))
            #expect(next.seq == 4)
        }
    }

    /// Failure 3: an author's two changes with one seq pushed to two different nodes. Every
    /// node and the mirror find and list the fork, quarantine the author from that seq, and
    /// reach one digest; no round reports success while changes are refused.
    @Test func equivocationsPushedToDifferentNodesAreFoundEverywhere() async throws {
        let keyX = NodeKey()
        let keyB = NodeKey()
        let keyC = NodeKey()
        let acceptance = Self.acceptance([keyX, keyB, keyC])
        // X's two branches: 1, 2 shared; 3a, 4a on one, 3b on the other.
        var branchA = Replica(acceptance: acceptance)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        for (index, value) in ["eins", "zwei"].enumerated() {
            _ = try branchA.publish([Self.operation(value)], editor: "x", key: keyX, now: now + Int64(index))
        }
        var branchB = branchA
        _ = try branchA.publish([Self.operation("drei-a")], editor: "x", key: keyX, now: now + 10)
        _ = try branchA.publish([Self.operation("vier-a")], editor: "x", key: keyX, now: now + 11)
        _ = try branchB.publish([Self.operation("drei-b")], editor: "x", key: keyX, now: now + 12)
        let nodeB = try await Self.regional(keyB, acceptance, name: "B")
        let nodeC = try await Self.regional(keyC, acceptance, name: "C")
        _ = try await nodeB.publish(
            [Self.operation("von B", entry: "0192f3a4-5b6c-7d8e-9f01-000000000002")], editor: "b")
        _ = try await nodeC.publish(
            [Self.operation("von C", entry: "0192f3a4-5b6c-7d8e-9f01-000000000003")], editor: "c")
        let mirror = try await CatalogueNode(
            store: try SQLiteChangeStore.inMemory(), acceptance: acceptance, mode: .mirror, name: "M")
        let toB = branchA.changes(missingFrom: VersionVector()).changes
        let toC = branchB.changes(missingFrom: VersionVector()).changes
        try await FederationLiveTests.serve(
            [
                .init(name: "B", key: keyB, node: nodeB), .init(name: "C", key: keyC, node: nodeC),
                .init(name: "M", key: nil, node: mirror),
            ][...]
        ) { ports in
            let b = Peer(name: "B", url: "http://127.0.0.1:\(ports[0])", authorID: keyB.authorID)
            let c = Peer(name: "C", url: "http://127.0.0.1:\(ports[1])", authorID: keyC.authorID)
            let client = HTTPPeerClient.underTestLoad
            // The equivocation, pushed over HTTP: branch a to B, branch b to C.
            _ = try await client.push(toB, to: b)
            _ = try await client.push(toC, to: c)
            let fromB = Replicator(node: nodeB, peers: [c], client: client, clock: ContinuousClock())
            let fromC = Replicator(node: nodeC, peers: [b], client: client, clock: ContinuousClock())
            let fromM = Replicator(node: mirror, peers: [c], client: client, clock: ContinuousClock())
            for _ in 0..<3 {
                _ = try? await fromB.sync(with: c)
                _ = try? await fromC.sync(with: b)
                _ = try? await fromM.sync(with: c)
            }
            for node in [nodeB, nodeC, mirror] {
                let forks = try await node.store.forks()
                #expect(forks.map(\.author) == [keyX.authorID], "\(node.name) lists the fork")
                #expect(forks.map(\.seq) == [3], "\(node.name) found the seq where the logs part")
            }
            let digests = Set([
                try await nodeB.store.digest(), try await nodeC.store.digest(), try await mirror.store.digest(),
            ])
            #expect(digests.count == 1, "one catalogue everywhere")
            // X's log is applied up to seq 2 only: "zwei" stands, neither "drei" does.
            let entry = try #require(try await mirror.store.entry(kind: "enterprise", id: Self.operation("").entry))
            #expect(entry.register("name.de")?.value == "zwei")
            // A round now is clean and says so: heads equal, digests equal.
            let last = try await fromB.sync(with: c)
            #expect(last.refused == 0)
            let status = try #require(await fromB.status.status(of: "C"))
            #expect(status.lastError == nil)
            #expect(!status.digestMismatch)
        }
    }

    /// Refused changes make the round a failure with the reason, and are not sent again every
    /// round: here B does not trust X, whose changes A relays.
    @Test func refusalsFailTheRoundAndAreNotResentEveryRound() async throws {
        let keyA = NodeKey()
        let keyB = NodeKey()
        let keyX = NodeKey()
        let nodeA = try await Self.regional(keyA, Self.acceptance([keyA, keyB, keyX]), name: "A")
        let nodeB = try await Self.regional(keyB, Self.acceptance([keyA, keyB]), name: "B")
        var x = Replica(acceptance: Self.acceptance([keyX]))
        _ = try x.publish(
            [Self.operation("x")], editor: "x", key: keyX, now: Int64(Date().timeIntervalSince1970 * 1000))
        _ = try await nodeA.receive(x.changes(missingFrom: VersionVector()).changes)
        _ = try await nodeA.publish([Self.operation("a", entry: "0192f3a4-5b6c-7d8e-9f01-00000000000a")], editor: "a")
        try await FederationLiveTests.serve([.init(name: "B", key: keyB, node: nodeB)][...]) { ports in
            let b = Peer(name: "B", url: "http://127.0.0.1:\(ports[0])", authorID: keyB.authorID)
            let counting = CountingPeerClient(HTTPPeerClient.underTestLoad)
            let replicator = Replicator(node: nodeA, peers: [b], client: counting, clock: ContinuousClock())
            await #expect(throws: Replicator<ContinuousClock>.RoundError.self) { try await replicator.sync(with: b) }
            let status = try #require(await replicator.status.status(of: "B"))
            #expect(status.refusedChanges == 1)
            #expect(status.lastError?.contains("not trusted") == true, "\(status.lastError ?? "")")
            #expect(try await nodeB.store.heads()[keyA.authorID]?.seq == 1, "A's own change got through")
            let pushedBefore = counting.pushedChanges
            _ = try? await replicator.sync(with: b)
            _ = try? await replicator.sync(with: b)
            #expect(counting.pushedChanges == pushedBefore, "the refused change is not pushed again")
            let still = try #require(await replicator.status.status(of: "B"))
            #expect(still.lastError?.contains("not exchanged") == true, "the status keeps saying so")
        }
    }

    /// Equal heads with different digests are shown as a mismatch (here B's stored catalogue is
    /// damaged behind its back), and a catalogue left lagging behind its log (an interrupted
    /// catch-up) is refreshed by the next round even when it pulls nothing — not reported as a
    /// mismatch.
    @Test func equalHeadsWithDifferentDigestsAreAMismatch() async throws {
        let keyA = NodeKey()
        let keyB = NodeKey()
        let acceptance = Self.acceptance([keyA, keyB])
        let storeB = try SQLiteChangeStore.inMemory()
        let nodeA = try await Self.regional(keyA, acceptance, name: "A")
        let nodeB = try await Self.regional(keyB, acceptance, store: storeB, name: "B")
        let change = try #require(try await nodeA.publish([Self.operation("eins")], editor: "a"))
        _ = try await nodeB.receive(verified: [.success(change)], catalogue: .deferred)
        // As after a restart in the middle of a catch-up: the merged entries are gone.
        storeB.bulk.abandon()
        try await FederationLiveTests.serve([.init(name: "A", key: keyA, node: nodeA)][...]) { ports in
            let a = Peer(name: "A", url: "http://127.0.0.1:\(ports[0])", authorID: keyA.authorID)
            let replicator = Replicator(node: nodeB, peers: [a], client: HTTPPeerClient(), clock: ContinuousClock())
            let summary = try await replicator.sync(with: a)
            #expect(summary.pulled == 0)
            #expect(try await storeB.refreshCatalogue() == nil, "the round refreshed the catalogue")
            #expect(try await storeB.digest() == nodeA.store.digest())
            #expect(await replicator.status.status(of: "A")?.digestMismatch == false)

            try await storeB.writer.write { db in
                try db.execute(sql: "UPDATE entry SET digestValue = x'7b7d'")
                try db.execute(sql: "UPDATE catalogueVersion SET version = version + 1")
            }
            _ = try await replicator.sync(with: a)
            #expect(await replicator.status.status(of: "A")?.digestMismatch == true)
            try await buildApplication(node: nodeB).test(.router) { router in
                try await router.execute(uri: "/metrics", method: .get) { response in
                    #expect(String(buffer: response.body).contains("sopro_peer_digest_mismatch{peer=\"A\"} 1"))
                }
            }
            _ = try await storeB.rebuild()
            _ = try await replicator.sync(with: a)
            #expect(await replicator.status.status(of: "A")?.digestMismatch == false)
        }
    }

    /// A peer that loops — answers every pull with the same page, "not complete" — is pulled a
    /// bounded number of times, and the round says what went wrong.
    @Test func aLoopingPeerCannotHoldARound() async throws {
        let keyA = NodeKey()
        let keyP = NodeKey()
        let acceptance = Self.acceptance([keyA, keyP])
        var peerLog = Replica(acceptance: acceptance)
        _ = try peerLog.publish(
            [Self.operation("p")], editor: "p", key: keyP, now: Int64(Date().timeIntervalSince1970 * 1000))
        let node = try await Self.regional(keyA, acceptance)
        let looping = LoopingPeerClient(
            page: peerLog.changes(missingFrom: VersionVector()).changes, author: keyP.authorID)
        let peer = Peer(name: "loop", url: "http://127.0.0.1:9", authorID: keyP.authorID)
        let replicator = Replicator(node: node, peers: [peer], client: looping, clock: ContinuousClock())
        let outcome = await #expect(throws: Replicator<ContinuousClock>.RoundError.self) {
            try await replicator.sync(with: peer)
        }
        #expect(outcome?.description.contains("does not advance") == true, "\(String(describing: outcome))")
        #expect(looping.pulls <= 3, "\(looping.pulls) pulls")
        #expect(try await node.store.heads()[keyP.authorID]?.seq == 1, "what it sent once was taken")
    }
}

/// A misbehaving peer: every pull answers the same page and says it is not complete.
final class LoopingPeerClient: PeerClient {
    let page: [SignedChange]
    let author: AuthorID
    private let count = Mutex(0)

    init(page: [SignedChange], author: AuthorID) {
        self.page = page
        self.author = author
    }

    var pulls: Int { count.withLock { $0 } }

    func heads(of peer: Peer) async throws -> SyncState {
        SyncState(heads: [author: .init(seq: 1_000_000, id: page[0].id)], forks: [], digest: "")
    }

    func pull(from peer: Peer, have: VersionVector, limit: Int) async throws -> PullResponse {
        count.withLock { $0 += 1 }
        let body = try JSONEncoder().encode(
            [
                "changes": page.map {
                    ["payload": $0.payload.base64EncodedString(), "signature": $0.signature.base64EncodedString()]
                }
            ])
        var json = try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:]
        json["continuation"] = [author.rawValue: 1]
        json["complete"] = false
        return try JSONDecoder().decode(PullResponse.self, from: try JSONSerialization.data(withJSONObject: json))
    }

    func push(_ changes: [SignedChange], to peer: Peer) async throws -> [PushResult]? { nil }

    func change(of author: AuthorID, seq: UInt64, from peer: Peer) async throws -> SignedChange? { nil }

    func forks(of peer: Peer) async throws -> [ForksMessage.Fork] { [] }

    func push(forks: [ForksMessage.Fork], to peer: Peer) async throws -> [ForksPushResponse.Result] { [] }
    func federation(of peer: Peer, ifNoneMatch: String?) async throws -> FederationFetch { .unsupported }
    func push(federation: FederationDocumentsMessage, to peer: Peer) async throws -> FederationOfferResponse {
        throw PeerError.unsupported
    }
}

/// Seqs from outside beyond what a payload can hold: refused at the boundary, never a trap.
/// Measured before: `GET /v1/sync/changes/{author}/9223372036854775808` killed the node
/// (binding 2^63 as an SQLite integer), and a peer's heads at seq 2^64 − 1 overflowed a count.
@Suite struct HugeSeqTests {
    @Test func theChangeEndpointRefusesSeqsItCannotHold() async throws {
        let key = NodeKey()
        let node = try await IntegrityLiveTests.regional(key, IntegrityLiveTests.acceptance([key]))
        try await buildApplication(node: node).test(.router) { client in
            for seq in ["9223372036854775808", "18446744073709551615", "9007199254740992", "+1", "01", "0"] {
                try await client.execute(uri: "/v1/sync/changes/\(key.authorID.rawValue)/\(seq)", method: .get) {
                    #expect($0.status == .badRequest, "seq \(seq)")
                }
            }
            try await client.execute(uri: "/v1/sync/changes/\(key.authorID.rawValue)/9007199254740991", method: .get) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok, "still alive") }
        }
    }

    @Test func headsAndVectorsBeyondTheLargestSeqAreRefused() throws {
        let author = NodeKey().authorID.rawValue
        let vector = Data(#"{"\#(author)": 18446744073709551615}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(VersionVector.self, from: vector) }
        let heads = Data(
            #"{"heads": {"\#(author)": {"seq": 9223372036854775809, "id": "\#(String(repeating: "a", count: 64))"}}, "forks": [], "digest": ""}"#
                .utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SyncState.self, from: heads) }
        // Counts saturate, whatever vectors are built in memory.
        let a = NodeKey().authorID
        let b = NodeKey().authorID
        let big = VersionVector([a: UInt64.max, b: UInt64.max])
        #expect(big.changesAhead(of: VersionVector()) == UInt64.max)
    }
}

/// Request bodies with a member twice are refused (Foundation's decoder kept one silently).
@Suite struct DuplicateMemberTests {
    @Test func bodiesWithAMemberTwiceAreBadRequests() async throws {
        let key = NodeKey()
        let node = try await IntegrityLiveTests.regional(key, IntegrityLiveTests.acceptance([key]))
        try await buildApplication(node: node).test(.router) { client in
            for (uri, body) in [
                ("/v1/sync/push", #"{"changes": [], "changes": []}"#),
                ("/v1/sync/forks", #"{"forks": [], "\u0066orks": []}"#),
                ("/v1/sync/pull", #"{"have": {}, "have": {}, "limit": 1.5e1}"#),
            ] {
                try await client.execute(
                    uri: uri, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(String(buffer: response.body).contains("duplicate member"), "\(uri)")
                }
            }
            // Decimals, which payloads may not hold, are fine in a body.
            try await client.execute(
                uri: "/v1/sync/pull", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"have": {}, "limit": 10}"#)
            ) { #expect($0.status == .ok) }
        }
    }
}
