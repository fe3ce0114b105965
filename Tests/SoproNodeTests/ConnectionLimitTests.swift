import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import SyncProtocol
import Synchronization
import Testing

@testable import CatalogueStore
@testable import NodeServer
@testable import SoproNode

/// A node under many idle and slow (slowloris) connections keeps serving others. Measured
/// before the limits: 1,100 idle connections against a 1,024 open-files limit left the node
/// unreachable, then it died; here, with no timeout, the idle connections stayed open forever.
@Suite struct ConnectionLimitTests {
    static let limits = ServerLimits(
        maximumConnections: 64, idleTimeout: .seconds(1), requestHeadTimeout: .seconds(1),
        requestBodyTimeout: .seconds(1))

    /// Measured after the limit came in: as many idle sockets as the limit kept every other
    /// client out until the idle timeout. Near the limit a new connection now closes the one
    /// idle longest, so a client is served at once although the idle timeout is long.
    @Test func idleConnectionsAtTheLimitDoNotLockOthersOut() async throws {
        let node = try await CatalogueNode(
            store: try SQLiteChangeStore.inMemory(),
            acceptance: ChangeAcceptance(roster: AuthorRoster([]), schema: CatalogueSchema.fieldSchema), mode: .mirror,
            name: "mirror")
        let limits = ServerLimits(
            maximumConnections: 64, idleTimeout: .seconds(60), requestHeadTimeout: .seconds(60),
            requestBodyTimeout: .seconds(60))
        let (ports, portSent) = AsyncStream<Int>.makeStream()
        let app = buildApplication(
            node: node, port: 0, limits: limits, logger: Logger(label: "test"),
            onServerRunning: { portSent.yield($0.localAddress?.port ?? 0) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            let services = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "test")))
            group.addTask { try await services.run() }
            var next = ports.makeAsyncIterator()
            let port = try #require(await next.next())
            var idle: [RawConnection] = []
            do {
                for _ in 0..<150 { idle.append(try await RawConnection.open(port: port)) }
                try await Task.sleep(for: .milliseconds(300))
                let open = Self.openConnections(node.metrics)
                #expect(open.map { $0 <= 64 } == true, "at most the limit open (\(open ?? -1))")
                for attempt in 0..<3 {
                    let answer = try await RawConnection.request(
                        "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", port: port,
                        within: .seconds(3))
                    #expect(answer.hasPrefix("HTTP/1.1 200"), "attempt \(attempt): served within 3 s of 60")
                }
            } catch {
                Issue.record(error)
            }
            for connection in idle { await connection.close() }
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
        }
    }

    @Test func idleAndSlowConnectionsAreClosedAndOthersAreServed() async throws {
        let node = try await CatalogueNode(
            store: try SQLiteChangeStore.inMemory(),
            acceptance: ChangeAcceptance(roster: AuthorRoster([]), schema: CatalogueSchema.fieldSchema), mode: .mirror,
            name: "mirror")
        // Served as `sopro-node serve` serves it, not through HummingbirdTesting's live
        // framework: that one rebuilds the configuration without the connection limit.
        let (ports, portSent) = AsyncStream<Int>.makeStream()
        let app = buildApplication(
            node: node, port: 0, limits: Self.limits, logger: Logger(label: "test"),
            onServerRunning: { portSent.yield($0.localAddress?.port ?? 0) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            let services = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "test")))
            group.addTask { try await services.run() }
            var next = ports.makeAsyncIterator()
            let port = try #require(await next.next())
            var idle: [RawConnection] = []
            var slow: [RawConnection] = []
            do {
                for _ in 0..<100 { idle.append(try await RawConnection.open(port: port)) }
                for _ in 0..<5 {
                    slow.append(try await RawConnection.open(port: port, sending: "GET /healthz HTTP/1.1\r\n"))
                }
                try await Task.sleep(for: .milliseconds(300))
                let open = Self.openConnections(node.metrics)
                #expect(open.map { $0 <= 64 } == true, "the server holds at most the limit open (\(open ?? -1))")
                // The slow clients send a header line every 200 ms, for at most 8 s.
                let slowloris = Task { [slow] in
                    for round in 0..<40 where slow.contains(where: \.isOpen) {
                        for connection in slow where connection.isOpen {
                            try? await connection.send("X-Slow-\(round): a\r\n")
                        }
                        try await Task.sleep(for: .milliseconds(200))
                    }
                }
                let answer = try await RawConnection.request(
                    "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", port: port,
                    within: .seconds(15))
                #expect(answer.hasPrefix("HTTP/1.1 200"), "another client is served: \(answer.prefix(80))")
                #expect(await RawConnection.allClosed(idle, within: .seconds(10)), "idle connections are closed")
                #expect(await RawConnection.allClosed(slow, within: .seconds(10)), "slow connections are closed")
                slowloris.cancel()
            } catch {
                Issue.record(error)
            }
            for connection in idle + slow { await connection.close() }
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
        }
    }

    @Test func limitsAreSetInTheConfigurationFile() throws {
        let directory = try NodeRuntimeTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = NodeConfiguration(name: "Mirror", region: nil, mode: .mirror)
        #expect(configuration.listen.limits == ServerLimits(), "the defaults are the server's")
        configuration.listen.maximumConnections = 64
        configuration.listen.requestHeadTimeout = 3
        try configuration.write(to: directory)
        let read = try NodeConfiguration.read(from: directory)
        #expect(read.listen.limits.maximumConnections == 64)
        #expect(read.listen.limits.requestHeadTimeout == .seconds(3))
        #expect(read.listen.limits.idleTimeout == .seconds(60))
        let text = try String(contentsOf: directory.appendingPathComponent(NodeConfiguration.fileName), encoding: .utf8)
        #expect(text.contains("maximumConnections: 64") && text.contains("requestBodyTimeout: 60"))
        try text.replacingOccurrences(of: "requestHeadTimeout: 3", with: "requestHeadTimeout: 0").write(
            to: directory.appendingPathComponent(NodeConfiguration.fileName), atomically: true, encoding: .utf8)
        #expect {
            try NodeConfiguration.read(from: directory)
        } throws: { "\($0)".contains("listen.requestHeadTimeout: 0 is not between 1 and 3600 seconds") }
    }

    @Test func theLimitLeavesRoomInTheOpenFilesLimit() {
        #expect(ServerLimits(maximumConnections: 512).fitted(toOpenFiles: 1024) == nil)
        #expect(ServerLimits(maximumConnections: 2000).fitted(toOpenFiles: 1024)?.maximumConnections == 896)
        #expect(ServerLimits(maximumConnections: 512).fitted(toOpenFiles: 20)?.maximumConnections == 8)
        #expect(ServerLimits(maximumConnections: 512).fitted(toOpenFiles: nil) == nil)
        #expect(ServerLimits.openFilesLimit().map { $0 > 0 } ?? true)
    }

    static func openConnections(_ metrics: NodeMetrics) -> Int? {
        let text = metrics.exposition
        let line = text.split(separator: "\n").first { $0.hasPrefix("sopro_http_open_connections ") }
        return line.flatMap { Double($0.split(separator: " ").last ?? "") }.map { Int($0) }
    }
}

/// A plain TCP connection for the tests that hold connections open: it keeps what it receives
/// and notices when the server closes.
final class RawConnection: Sendable {
    private let channel: any Channel
    private let received: Received

    private init(channel: any Channel, received: Received) {
        self.channel = channel
        self.received = received
    }

    var isOpen: Bool { channel.isActive }
    var text: String { received.bytes.withLock { String(decoding: $0, as: UTF8.self) } }

    /// Connects; `sending` goes out as soon as the connection is up (on the event loop, so a
    /// busy test process cannot delay it past the server's timeouts).
    static func open(port: Int, sending first: String? = nil) async throws -> RawConnection {
        let received = Received()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector(received, first: first))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawConnection(channel: channel, received: received)
    }

    func send(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text)).get()
    }

    func close() async { try? await channel.close().get() }

    /// Sends `request` on a new connection and returns what arrived until the server closed it
    /// (or `within` passed: then the connection is closed and what arrived so far returned).
    static func request(_ request: String, port: Int, within limit: Duration) async throws -> String {
        let connection = try await open(port: port, sending: request)
        _ = await allClosed([connection], within: limit)
        await connection.close()
        return connection.text
    }

    /// Whether every connection was closed by the server within `limit` (checked every 100 ms).
    static func allClosed(_ connections: [RawConnection], within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if !connections.contains(where: \.isOpen) { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return !connections.contains(where: \.isOpen)
    }

    private final class Received: Sendable {
        let bytes = Mutex<[UInt8]>([])
    }

    private final class Collector: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let received: Received
        let first: String?

        init(_ received: Received, first: String?) {
            self.received = received
            self.first = first
        }

        func channelActive(context: ChannelHandlerContext) {
            if let first { context.writeAndFlush(NIOAny(ByteBuffer(string: first)), promise: nil) }
            context.fireChannelActive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            received.bytes.withLock { $0 += buffer.readableBytesView }
        }
    }
}
