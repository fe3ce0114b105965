import AsyncHTTPClient
import NIOCore
import NIOHTTPCompression

extension HTTPClient {
    /// The client for peers and for the command line: like `HTTPClient.shared`, but a peer that
    /// refuses connections fails after `connectTimeout` (5 s) instead of being retried until
    /// the request's deadline (a minute or more) — a node that is down should be reported
    /// promptly, and the replicator has its own backoff. It asks for gzip and inflates what
    /// arrives, refusing answers that grow more than 100-fold (a compression bomb).
    public static let sopro: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(5)
        configuration.decompression = .enabled(limit: .ratio(100))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()
}
