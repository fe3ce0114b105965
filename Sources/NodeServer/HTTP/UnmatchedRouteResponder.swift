import Hummingbird
import NodeAPI

/// Answers requests no route takes with a problem instead of Hummingbird's empty 404: `405` with
/// `Allow` when the path exists for other methods (a `PUT` to `/v1/sync/push`), `404` naming the
/// path otherwise. Handlers' own 404s (an unknown entry) are problems already and pass through.
/// (`HEAD` is routed wherever `GET` is: the router generates those endpoints.)
struct UnmatchedRouteResponder<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path
            var allowed = Endpoint.allCases.filter { $0.matches(path) }.map(\.method)
            guard !allowed.isEmpty else {
                throw ProblemDetails(
                    status: .notFound, code: "not-found", title: "Not found",
                    detail: "there is nothing at \(path); /openapi.json lists every endpoint")
            }
            if allowed.contains(.get) { allowed.append(.head) }
            var problem = ProblemDetails(
                status: .methodNotAllowed, code: "method-not-allowed", title: "Method not allowed",
                detail: "\(path) answers \(allowed.map(\.rawValue).joined(separator: ", ")), not \(request.method)")
            problem.allowedMethods = allowed.map(\.rawValue)
            throw problem
        }
    }
}
