import CatalogueStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle

/// `GET /v1/sync/feed`: the live change feed, as server-sent events. A subscriber hears
/// `event: changed` with the node's announcement number whenever the node stores something new
/// (and once at once on connecting, so it catches up after a reconnect), and a comment line as
/// a heartbeat while nothing happens. It then pulls as usual: the feed carries no data that
/// would need verifying.
///
/// Bounded: subscribers in total and per client address (`ChangeFeed`), one pending
/// announcement per subscriber (a slow one misses numbers, never holds the node), a heartbeat
/// every 30 s, and a lifetime after which the response ends and the subscriber reconnects (so a
/// connection whose peer vanished is given up within it, and a restart of the server is never
/// held up: the feed also ends on graceful shutdown).
struct FeedController: Sendable {
    let node: CatalogueNode
    let clientAddress: ClientAddress
    var heartbeat: Duration = .seconds(30)
    var lifetime: Duration = .seconds(600)

    private enum Item: Sendable {
        case changed(UInt64)
        case heartbeat
    }

    func feed(_ request: Request, context: NodeRequestContext) throws -> Response {
        let client = clientAddress.of(request, connection: context.remoteAddress)
        switch node.feed.refusal(for: client) {
        case nil: break
        case .full(let limit):
            throw ProblemDetails(
                status: .serviceUnavailable, code: "feed-full", title: "Too many feed subscribers",
                detail: "this node serves at most \(limit) live-feed subscribers; poll, or subscribe again later",
                retryAfterSeconds: 60)
        case .tooManyFromClient(let limit):
            throw ProblemDetails(
                status: .tooManyRequests, code: "feed-per-client",
                title: "Too many feed subscriptions from this address",
                detail: "at most \(limit) live-feed subscriptions per client address", retryAfterSeconds: 60)
        }
        let heartbeat = heartbeat
        let lifetime = lifetime
        let metrics = node.metrics
        let feed = node.feed
        let body = ResponseBody { writer in
            // Taken between the check and now by others: end at once; the subscriber retries.
            guard case .success(let subscription) = feed.subscribe(client: client) else {
                try await writer.finish(nil)
                return
            }
            metrics.recordFeedSubscribers(feed.subscriberCount)
            let (items, continuation) = AsyncStream.makeStream(of: Item.self, bufferingPolicy: .bufferingNewest(2))
            let pump = Task {
                for await number in subscription.announcements { continuation.yield(.changed(number)) }
                continuation.finish()
            }
            let ticker = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: heartbeat)
                    continuation.yield(.heartbeat)
                }
            }
            let end = Task {
                try? await Task.sleep(for: lifetime)
                subscription.cancel()
            }
            defer {
                pump.cancel()
                ticker.cancel()
                end.cancel()
                subscription.cancel()
                metrics.recordFeedSubscribers(feed.subscriberCount)
            }
            try await withGracefulShutdownHandler {
                try await writer.write(ByteBuffer(string: "retry: 5000\n\n"))
                for await item in items {
                    switch item {
                    case .changed(let number):
                        try await writer.write(ByteBuffer(string: "event: changed\nid: \(number)\ndata: \(number)\n\n"))
                    case .heartbeat:
                        try await writer.write(ByteBuffer(string: ": heartbeat\n\n"))
                    }
                }
                try await writer.finish(nil)
            } onGracefulShutdown: {
                subscription.cancel()
            }
        }
        var headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-store"]
        // nginx: do not buffer this response (see the README's proxy settings).
        if let buffering = HTTPField.Name("X-Accel-Buffering") { headers[buffering] = "no" }
        return Response(status: .ok, headers: headers, body: body)
    }
}
