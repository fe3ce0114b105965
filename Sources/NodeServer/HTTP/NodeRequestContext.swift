package import Hummingbird
package import NIOCore

/// The request context of the node's router: Hummingbird's basics and the client's address,
/// which the inquiry form's rate limit counts by.
package struct NodeRequestContext: RequestContext, RemoteAddressRequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The connection's peer; `nil` in router tests, which have no socket.
    package let remoteAddress: SocketAddress?

    package init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
