package import Hummingbird
package import NIOCore

/// The request context of the node's router: Hummingbird's basics and the client's address,
/// which the inquiry form's rate limit counts by.
package struct NodeRequestContext: RequestContext, RemoteAddressRequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The connection's peer; `nil` in router tests, which have no socket.
    package let remoteAddress: SocketAddress?
    /// The editor whose token the request carried, behind `EditorAuthentication`.
    package var editor: String?

    package init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The editor `EditorAuthentication` let through; a handler registered outside its group
    /// is a programming error, answered as one (500), never as an anonymous editor.
    func authenticatedEditor() throws -> String {
        guard let editor else {
            throw ProblemDetails(
                status: .internalServerError, code: "internal-error", title: "Internal error",
                detail: "an editors' endpoint was reached without authentication")
        }
        return editor
    }
}
