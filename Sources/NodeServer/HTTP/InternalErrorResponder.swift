import Hummingbird
import Logging

/// Answers an error that is not an HTTP error — a store that cannot be read, a bug — with a
/// problem+json 500 instead of Hummingbird's empty body, and logs it at `error` with the
/// request — a 500 is always a bug, so it is in the log at the default level — so the client
/// learns that the node failed (not its input) and the operator finds out why. The error's own
/// text stays in the log: it may name files or internals. Logged texts are cut to
/// ``maximumLoggedCharacters``: a failing search logged its whole SQL, 110 KB a request.
struct InternalErrorResponder<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            context.logger.error(
                "request failed inside the node",
                metadata: [
                    "http.method": "\(request.method)", "http.path": "\(Self.bounded(request.uri.path))",
                    "error": "\(Self.bounded("\(error)"))",
                ])
            throw ProblemDetails(
                status: .internalServerError, code: "internal-error", title: "Internal error",
                detail:
                    "the node failed while answering \(request.method) \(Self.bounded(request.uri.path)); its log has the details"
            )
        }
    }

    static var maximumLoggedCharacters: Int { 1_000 }

    /// `text`, or its first ``maximumLoggedCharacters`` and how much was cut.
    static func bounded(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > maximumLoggedCharacters else { return text }
        return String(String.UnicodeScalarView(scalars.prefix(maximumLoggedCharacters)))
            + " … (\(scalars.count - maximumLoggedCharacters) more characters)"
    }
}
