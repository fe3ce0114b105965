import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Which address a request comes from, for the inquiry form's rate limit. Directly, it is the
/// connection's peer. Behind a reverse proxy every connection comes from the proxy, so the
/// limit would count all askers together: with `trustForwardedFor` the address is the last one
/// in `X-Forwarded-For` — the one the proxy saw. Only turn it on behind a proxy that sets the
/// header, or a client could choose its own address.
package struct ClientAddress: Sendable {
    package var trustForwardedFor: Bool

    package init(trustForwardedFor: Bool = false) {
        self.trustForwardedFor = trustForwardedFor
    }

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")

    func of(_ request: Request, connection: SocketAddress?) -> String {
        if trustForwardedFor, let name = Self.forwardedFor,
            let last = request.headers[values: name].joined(separator: ",").split(separator: ",").last?
                .trimmingCharacters(in: .whitespaces), !last.isEmpty
        {
            return last
        }
        return connection?.ipAddress ?? "unknown"
    }
}
