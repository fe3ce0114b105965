import Hummingbird
import NodeAPI

/// Answers a browser asking for a page that does not exist with the HTML 404 page, in its
/// language and with the site's navigation. API paths (`/v1/…`, `/openapi.json`, `/healthz`,
/// `/metrics`) and clients that do not ask for HTML keep the problem+json answer that
/// `UnmatchedRouteResponder` gives; so does every method other than `GET` and `HEAD`.
struct NotFoundPage<Context: RequestContext>: RouterMiddleware {
    let web: WebController<Context>

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard Self.wantsPage(request) else { throw error }
            return try await web.page(request, cacheable: false) { web.notFound($0) }
        }
    }

    static func wantsPage(_ request: Request) -> Bool {
        guard request.method == .get || request.method == .head else { return false }
        let path = request.uri.path
        if path == "/v1" || path.hasPrefix("/v1/") || Endpoint.allCases.contains(where: { $0.matches(path) }) {
            return false
        }
        return QualityList(request.headers[values: .accept]).accepted.contains { $0.value.lowercased() == "text/html" }
    }
}
