import Hummingbird
import NodeAPI

extension RouterMethods {
    /// Registers `endpoint` with `handler`.
    func add<Output: ResponseGenerator>(
        _ endpoint: Endpoint, _ handler: @escaping @Sendable (Request, Context) async throws -> Output
    ) {
        on(RouterPath(endpoint.path), method: endpoint.method, use: handler)
    }
}
