package import AsyncHTTPClient
import NIOCore
import NIOHTTPCompression

extension HTTPClient {
    /// The client for peers and for the command line: like `HTTPClient.shared`, but a peer that
    /// refuses connections fails after `connectTimeout` (5 s) instead of being retried until
    /// the request's deadline (a minute or more) — a node that is down should be reported
    /// promptly, and the replicator has its own backoff. It asks for gzip and inflates what
    /// arrives, refusing answers that grow more than 100-fold (a compression bomb). It never
    /// follows a redirect: a peer answering 307 made the node re-send a signed referral (name,
    /// e-mail, phone) to wherever it pointed, and sync requests followed too; a 3xx is the
    /// peer's answer, which the callers report as a failure.
    package static let sopro: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(5)
        configuration.decompression = .enabled(limit: .ratio(100))
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()
}
