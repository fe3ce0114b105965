import CatalogueStore
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1 child channel with deadlines for a request's head and body. Its own
/// `idleTimeout` alone does not bound a body sent a byte at a time (each part counts as
/// activity), so the pipeline is Hummingbird's `HTTP1Channel.setup` with two watchers added:
/// one before the HTTP decoder (it sees a request's first byte) and one after it (it sees the
/// head and the end).
struct TimedHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    let responder: HTTPChannelHandler.Responder
    let limits: ServerLimits
    let connections: IdleConnections

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        // Near the limit, a new connection closes the one that has waited longest without a
        // request, so clients that send nothing cannot hold every slot until they time out.
        connections.opened(channel)
        return channel.eventLoop.makeCompletedFuture {
            let deadlines = RequestDeadlines(
                head: TimeAmount(limits.requestHeadTimeout), body: TimeAmount(limits.requestBodyTimeout),
                logger: logger, channel: channel, connections: connections)
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHandler(RequestDeadlines.ByteWatcher(deadlines))
            try pipeline.configureHTTPServerPipeline(
                withPipeliningAssistance: false, withErrorHandling: false, withOutboundHeaderValidation: false,
                withEncoderConfiguration: .init(), withDecoderLimitConfiguration: .init())
            try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            try pipeline.addHandler(RequestDeadlines.PartWatcher(deadlines))
            try pipeline.addHandler(HTTPConnectionStateHandler(idleTimeout: limits.idleTimeout, logger: logger))
            return try NIOAsyncChannel(
                wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
        }
    }

    func handle(value asyncChannel: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: asyncChannel, logger: logger)
    }
}

/// One connection's request deadlines, shared by its two watchers (both run on the channel's
/// event loop). The head's starts with the first byte after the previous request ended (a
/// connection that sends nothing is the idle timeout's); the body's with the head; both end
/// with the request's last part. Expired, the connection is closed.
final class RequestDeadlines {
    private enum Phase { case awaitingHead, readingHead, readingBody }

    private let head: TimeAmount
    private let body: TimeAmount
    private let logger: Logger
    private let channel: any Channel
    private let connections: IdleConnections
    private var phase = Phase.awaitingHead
    private var timer: Scheduled<Void>?

    init(head: TimeAmount, body: TimeAmount, logger: Logger, channel: any Channel, connections: IdleConnections) {
        self.head = head
        self.body = body
        self.logger = logger
        self.channel = channel
        self.connections = connections
    }

    fileprivate func bytesArrived(context: ChannelHandlerContext) {
        guard phase == .awaitingHead else { return }
        phase = .readingHead
        connections.update(channel, .readingHead)
        schedule(head, context: context, reason: "request head timeout")
    }

    fileprivate func partArrived(_ part: HTTPRequestPart, context: ChannelHandlerContext) {
        switch part {
        case .head:
            phase = .readingBody
            connections.update(channel, .busy)
            schedule(body, context: context, reason: "request body timeout")
        case .body: break
        case .end:
            phase = .awaitingHead
            connections.update(channel, .idle)
            cancel()
        }
    }

    fileprivate func cancel() {
        timer?.cancel()
        timer = nil
    }

    fileprivate func closed() {
        cancel()
        connections.closed(channel)
    }

    private func schedule(_ delay: TimeAmount, context: ChannelHandlerContext, reason: String) {
        cancel()
        let logger = logger
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: delay) {
            logger.debug("closing a connection", metadata: ["reason": "\(reason)"])
            context.close(promise: nil)
        }
    }

    /// Before the HTTP decoder: notices a request's first byte.
    final class ByteWatcher: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer
        private let deadlines: RequestDeadlines

        init(_ deadlines: RequestDeadlines) { self.deadlines = deadlines }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            deadlines.bytesArrived(context: context)
            context.fireChannelRead(data)
        }

        func channelInactive(context: ChannelHandlerContext) {
            deadlines.closed()
            context.fireChannelInactive()
        }
    }

    /// After the HTTP decoder: notices a request's head and end.
    final class PartWatcher: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPRequestPart
        typealias InboundOut = HTTPRequestPart
        private let deadlines: RequestDeadlines

        init(_ deadlines: RequestDeadlines) { self.deadlines = deadlines }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            deadlines.partArrived(unwrapInboundIn(data), context: context)
            context.fireChannelRead(data)
        }
    }
}

/// The connection limit, counted into the `sopro_http_open_connections` gauge.
struct ConnectionLimit: AvailableConnectionsDelegate {
    let maximum: Int
    let metrics: NodeMetrics
    private var open = 0

    init(maximum: Int, metrics: NodeMetrics) {
        self.maximum = maximum
        self.metrics = metrics
    }

    mutating func connectionOpened() {
        open += 1
        metrics.recordOpenConnections(open)
    }

    mutating func connectionClosed() {
        open -= 1
        metrics.recordOpenConnections(open)
    }

    func isAcceptingNewConnections() -> Bool { open < maximum }
}
