import AsyncHTTPClient
import NIOCore

extension HTTPClient {
    /// The client for peers and for the command line: like `HTTPClient.shared`, but a peer that
    /// refuses connections fails after `connectTimeout` (5 s) instead of being retried until
    /// the request's deadline (a minute or more) — a node that is down should be reported
    /// promptly, and the replicator has its own backoff.
    public static let sopro: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(5)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()
}
