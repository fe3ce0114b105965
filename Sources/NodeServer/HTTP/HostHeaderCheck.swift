import HTTPTypes
import Hummingbird

/// Refuses, with a `400` problem, a request with more than one `Host` header or a `Host` that
/// is not a plain `host[:port]` (`PublicAddress.isPlainAuthority`). Without a configured
/// `publicURL` the `Host` makes the feeds' and sitemaps' links, and two of them leave it to each
/// reader (a proxy, a cache, this node) which one counts.
///
/// HTTP/1 requests reach the router with the first `Host` as the request's authority; any
/// further one stays among the header fields (NIOHTTPTypesHTTP1 moves only the first), so a
/// `Host` field there is a second one.
struct HostHeaderCheck<Context: RequestContext>: RouterMiddleware {
    static var hostField: HTTPField.Name? { HTTPField.Name("Host") }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let problem = Self.problem(authority: request.head.authority, fields: request.headers) {
            throw ProblemDetails(status: .badRequest, code: "bad-host", title: "Bad Host header", detail: problem)
        }
        return try await next(request, context)
    }

    /// What is wrong with the request's host, or `nil`.
    static func problem(authority: String?, fields: HTTPFields) -> String? {
        if let hostField, !fields[values: hostField].isEmpty {
            return "the request has more than one Host header"
        }
        if let authority, !PublicAddress.isPlainAuthority(authority) {
            return "the Host header must be a plain host name or address with an optional port"
        }
        return nil
    }
}
