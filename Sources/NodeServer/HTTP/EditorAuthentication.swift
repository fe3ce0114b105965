import Hummingbird

/// Guards the editors' endpoints (publishing, and the operators' inquiry endpoints): a request
/// passes only with an editor's bearer token, and the handler learns who it is from
/// `context.editor`. Added to the route group of those endpoints, so no handler checks a token
/// itself (the inquiry handlers did, seventeen times).
///
/// `unavailable`, when set, answers first: an endpoint this node does not offer says so before
/// any token is asked for (a mirror's inquiry endpoints: 404 `no-inquiries`; publishing at a
/// mirror: 405 `read-only-mirror`).
struct EditorAuthentication: RouterMiddleware {
    typealias Context = NodeRequestContext

    let editors: EditorAuthenticator
    let unavailable: ProblemDetails?

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let unavailable { throw unavailable }
        var context = context
        context.editor = try editors.editor(for: request)
        return try await next(request, context)
    }
}
