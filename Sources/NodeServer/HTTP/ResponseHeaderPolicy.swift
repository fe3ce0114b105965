import HTTPTypes
import Hummingbird

/// Headers every answer gets, whatever route or error produced it: `X-Content-Type-Options:
/// nosniff` (no browser reads a JSON problem or a YAML draft as HTML), and `Cache-Control:
/// no-store` on the operators' answers — the inquiry API, personal data and the operators'
/// pages — which hold people's names and addresses that no browser or proxy cache should keep.
///
/// One middleware deciding by path rather than one per route group: the endpoints are
/// registered from `Endpoint` by their full paths, and this way a request no route takes
/// (`/v1/inquiries/x/unknown`, a `401` before any handler) is covered too. It turns errors into
/// their responses to set the headers on them; it sits outside the responders that make every
/// error an HTTP one.
struct ResponseHeaderPolicy<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        if Self.isPrivate(request.uri.path) { response.headers[.cacheControl] = "no-store" }
        return response
    }

    /// Whether answers at `path` hold personal data: the inquiry API, `/v1/personal-data/…`,
    /// the operators' pages.
    static func isPrivate(_ path: String) -> Bool {
        ["/v1/inquiries", "/v1/personal-data", "/operator"].contains { prefix in
            path == prefix || path.hasPrefix(prefix + "/")
        }
    }
}
