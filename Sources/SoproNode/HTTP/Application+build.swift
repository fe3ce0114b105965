import Hummingbird
import Logging

/// Builds the node's HTTP application: sync, catalogue and publishing under `/v1`, and `/healthz`.
public func buildApplication(
    node: CatalogueNode, host: String = "127.0.0.1", port: Int = 8080, editors: EditorAuthenticator = .none,
    logger: Logger = Logger(label: "sopro.node")
) -> some ApplicationProtocol {
    let router = Router()
    router.add(middleware: LogRequestsMiddleware(.debug))
    router.get("healthz") { _, _ in "ok" }
    router.addRoutes(SyncController(node: node).routes(BasicRequestContext.self), atPath: "v1")
    router.addRoutes(PublishController(node: node, editors: editors).routes(BasicRequestContext.self), atPath: "v1")
    router.group("v1")
        .add(middleware: CORSMiddleware(allowOrigin: .all, allowHeaders: [.contentType], allowMethods: [.get]))
        .addRoutes(CatalogueController(node: node).routes(BasicRequestContext.self))
    return Application(
        router: router, configuration: .init(address: .hostname(host, port: port), serverName: "sopro-node"),
        logger: logger)
}
