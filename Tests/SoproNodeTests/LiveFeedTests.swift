import AsyncHTTPClient
import CatalogueStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import NodeAPI
import NodeServer
import Replication
import SoproNode
import SoproTestSupport
import SyncProtocol
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The live change feed over real HTTP: a change reaches a subscribed peer without waiting for
/// the poll interval, relayed changes are announced onward, a peer whose feed fails polls and
/// catches up, a stuck subscriber delays nobody, and the subscription limits hold.
@Suite(.tags(.live)) struct LiveFeedTests {
    static let entry = "0192f3a4-5b6c-7d8e-9f01-0000000000cc"

    static func operation(_ value: String) -> EntryOperation {
        EntryOperation(
            kind: "enterprise", entry: entry, action: .set(field: "name.de", value: .string(value), supersedes: []))
    }

    /// Three nodes A (regional), B (regional), C (mirror) trusting A and B.
    static func nodes() async throws -> (a: CatalogueNode, b: CatalogueNode, c: CatalogueNode, keys: [NodeKey]) {
        let keys = [NodeKey(), NodeKey()]
        let acceptance = IntegrityLiveTests.acceptance(keys)
        let a = try await IntegrityLiveTests.regional(keys[0], acceptance, name: "A")
        let b = try await IntegrityLiveTests.regional(keys[1], acceptance, name: "B")
        let c = try await CatalogueNode(
            store: try SQLiteChangeStore.inMemory(), acceptance: acceptance, mode: .mirror, name: "C")
        return (a, b, c, keys)
    }

    /// How long a change may take to cross a feed in these tests. Far below the poll interval
    /// of the replicators (600 s), so a change that arrives came by the feed; far above what it
    /// takes (tens of milliseconds alone), because the whole test suite runs at once on two
    /// cores and a test's requests then wait their turn for seconds (5–6 s proved too short,
    /// and 30 s too, once, in CI's first minute, when every suite makes its sample node at once
    /// and unrelated tests took 53 s; a reconnect that failed then waits 2 s, 4 s, … before the
    /// next try).
    static let feedDeadline: Double = 90

    /// Waits until `condition` holds, for up to `seconds`; returns whether it did.
    static func eventually(seconds: Double = 10, _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }

    @Test func aChangeReachesAPeerAndIsRelayedWithoutWaitingForThePollInterval() async throws {
        let (a, b, c, keys) = try await Self.nodes()
        let members = [("A", a), ("B", b), ("C", c)].map {
            FederationLiveTests.Member(name: $0.0, key: nil, node: $0.1)
        }
        try await FederationLiveTests.serve(members[...]) { ports in
            let peerA = Peer(name: "A", url: "http://127.0.0.1:\(ports[0])", authorID: keys[0].authorID)
            let peerB = Peer(name: "B", url: "http://127.0.0.1:\(ports[1])", authorID: keys[1].authorID)
            // A chain A → B → C; polling every 10 minutes, so only the feed can be this quick.
            let atB = Replicator(
                node: b, peers: [peerA], client: HTTPPeerClient.underTestLoad, clock: ContinuousClock(),
                interval: .seconds(600))
            let atC = Replicator(
                node: c, peers: [peerB], client: HTTPPeerClient.underTestLoad, clock: ContinuousClock(),
                interval: .seconds(600))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await atB.run() }
                group.addTask { try await atC.run() }
                // The first rounds (at start, and on the feed's first announcement) are done.
                try await Task.sleep(for: .seconds(1))
                for step in 1...5 {
                    let change = try #require(try await a.publish([Self.operation("Schritt \(step)")], editor: "a"))
                    let reached = try await Self.eventually(seconds: Self.feedDeadline) {
                        try await c.store.heads()[keys[0].authorID]?.id == change.id
                    }
                    let atBLink = await atB.status.status(of: "A")
                    let atCLink = await atC.status.status(of: "B")
                    #expect(
                        reached,
                        """
                        step \(step) reached the end of the chain through the feeds; \
                        B from A: feed \(atBLink?.liveFeed ?? false), error \(atBLink?.lastError ?? "none"); \
                        C from B: feed \(atCLink?.liveFeed ?? false), error \(atCLink?.lastError ?? "none")
                        """)
                }
                #expect(b.feed.subscriberCount == 1 && a.feed.subscriberCount == 1)
                group.cancelAll()
            }
        }
    }

    @Test func aSubscriberReconnectsWhenTheFeedEndsAndMissesNothing() async throws {
        let (a, b, _, keys) = try await Self.nodes()
        // Each subscription ends after a second: six publishes span several reconnects.
        try await buildApplication(node: a, port: 0, feedLifetime: .seconds(1)).test(.live) { client in
            let port = try #require(client.port)
            let peerA = Peer(name: "A", url: "http://127.0.0.1:\(port)", authorID: keys[0].authorID)
            let atB = Replicator(
                node: b, peers: [peerA], client: HTTPPeerClient.underTestLoad, clock: ContinuousClock(),
                interval: .seconds(600))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await atB.run() }
                try await Task.sleep(for: .milliseconds(500))
                for step in 1...6 {
                    let change = try #require(try await a.publish([Self.operation("Wieder \(step)")], editor: "a"))
                    let reached = try await Self.eventually(seconds: Self.feedDeadline) {
                        try await b.store.heads()[keys[0].authorID]?.id == change.id
                    }
                    #expect(reached, "step \(step) arrived across the feed's reconnects")
                    try await Task.sleep(for: .milliseconds(400))
                }
                #expect(try await b.store.heads()[keys[0].authorID]?.seq == 6, "every change, in order")
                group.cancelAll()
            }
        }
    }

    @Test func aPeerWhoseFeedFailsPollsAndCatchesUp() async throws {
        let (a, b, _, keys) = try await Self.nodes()
        let members = [("A", a), ("B", b)].map { FederationLiveTests.Member(name: $0.0, key: nil, node: $0.1) }
        try await FederationLiveTests.serve(members[...]) { ports in
            let peerA = Peer(name: "A", url: "http://127.0.0.1:\(ports[0])", authorID: keys[0].authorID)
            let client = FailingFeedPeerClient(HTTPPeerClient())
            let atB = Replicator(
                node: b, peers: [peerA], client: client, clock: ContinuousClock(), interval: .seconds(1))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await atB.run() }
                // After the first round: what follows arrives only by polling (or the round the
                // replicator runs after each failed subscription).
                try await Task.sleep(for: .milliseconds(1500))
                var last: VerifiedChange?
                for step in 1...3 { last = try await a.publish([Self.operation("Ohne Feed \(step)")], editor: "a") }
                let caughtUp = try await Self.eventually(seconds: Self.feedDeadline) {
                    try await b.store.heads()[keys[0].authorID]?.id == last?.id
                }
                #expect(caughtUp, "polling at the interval caught up")
                #expect(client.attempts >= 1, "the feed was tried")
                group.cancelAll()
            }
        }
    }

    @Test func aStuckSubscriberDelaysNobodyAndTheLimitsHold() async throws {
        let (a, _, _, _) = try await Self.nodes()
        try await buildApplication(node: a, port: 0).test(.live) { client in
            let port = try #require(client.port)
            // HEAD answers the headers and subscribes nothing.
            try await client.execute(uri: "/v1/sync/feed", method: .head) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "text/event-stream")
            }
            #expect(a.feed.subscriberCount == 0)
            // A subscriber that never reads: its connection stays open, its announcements pile
            // up nowhere (one pending at most).
            let stuck = try Self.rawSubscriber(port: port)
            defer { close(stuck) }
            #expect(await Self.eventually(seconds: Self.feedDeadline) { a.feed.subscriberCount == 1 })
            let reader = try #require(
                try await HTTPPeerClient().subscribe(to: Peer(name: "A", url: "http://127.0.0.1:\(port)")))
            let heard = Mutex<[UInt64]>([])
            let listening = Task {
                for try await number in reader { heard.withLock { $0.append(number) } }
            }
            defer { listening.cancel() }
            #expect(await Self.eventually(seconds: Self.feedDeadline) { !heard.withLock { $0 }.isEmpty })
            for step in 1...50 { _ = try await a.publish([Self.operation("Viele \(step)")], editor: "a") }
            #expect(
                await Self.eventually(seconds: Self.feedDeadline) { (heard.withLock { $0.last } ?? 0) >= 50 },
                "the reading subscriber heard the 50th announcement")
            let numbers = heard.withLock { $0 }
            #expect(numbers == numbers.sorted(), "in order")
            // Four per client address: two more are taken, the fifth is refused.
            let more = try (0..<2).map { _ in try Self.rawSubscriber(port: port) }
            defer { for socket in more { close(socket) } }
            #expect(await Self.eventually(seconds: Self.feedDeadline) { a.feed.subscriberCount == 4 })
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/sync/feed")
            request.headers.add(name: "Accept", value: "text/event-stream")
            let refused = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
            #expect(refused.status.code == 429)
        }
    }

    /// Opens a socket, asks for the feed, and reads nothing.
    static func rawSubscriber(port: Int) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw CocoaError(.fileReadUnknown)
        }
        let request = "GET /v1/sync/feed HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        _ = request.withCString { send(descriptor, $0, strlen($0), 0) }
        return descriptor
    }
}

/// A peer client whose live feed always fails (a proxy that refuses it), otherwise HTTP.
final class FailingFeedPeerClient: ForwardingPeerClient, @unchecked Sendable {
    private let count = Mutex(0)

    var attempts: Int { count.withLock { $0 } }

    struct FeedRefused: Error {}

    override func subscribe(to peer: Peer) async throws -> AsyncThrowingStream<UInt64, any Error>? {
        count.withLock { $0 += 1 }
        throw FeedRefused()
    }
}
