package import Brokerage
package import CatalogueStore
package import Hummingbird
import HummingbirdCore
package import Logging
package import NIOCore
package import NodeAPI
package import Replication
package import Workspace

/// Builds the node's HTTP application: sync, catalogue and publishing under `/v1`, and `/healthz`.
package func buildApplication(
    node: CatalogueNode, host: String = "127.0.0.1", port: Int = 8080, editors: EditorAuthenticator = .none,
    peerStatus: PeerStatusBoard? = nil, publicAddress: PublicAddress? = nil, inquiries: InquiryDesk? = nil,
    clientAddress: ClientAddress = ClientAddress(), limits: ServerLimits = ServerLimits(),
    memberCard: MemberCard? = nil, feedLifetime: Duration = .seconds(600), embedAncestors: [String] = ["*"],
    mapTiles: MapTiles? = nil, accounts: EditorAccounts? = nil, pictureIntake: PictureIntake = PictureIntake(),
    logger: Logger = Logger(label: "sopro.node"),
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) -> some ApplicationProtocol {
    // HEAD wherever GET is served, as HTTP expects (for caches and link checkers).
    let router = Router(context: NodeRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: LogRequestsMiddleware(.debug))
    router.add(middleware: RequestMetricsMiddleware(metrics: node.metrics))
    router.add(middleware: ResponseCompression())
    // Outside the error responders, so that every answer, errors included, gets its headers.
    router.add(middleware: ResponseHeaderPolicy())
    router.add(middleware: HostHeaderCheck())
    router.add(middleware: InternalErrorResponder())
    router.add(middleware: UnmatchedRouteResponder())
    // Any site may read the catalogue and post an inquiry from its own form (JSON, so POST
    // needs a preflight); no other site's script may send an editor token (`Authorization` is
    // not an allowed header), so nothing that needs one can be driven from another site.
    router.add(
        middleware: CORSMiddleware(allowOrigin: .all, allowHeaders: [.contentType], allowMethods: [.get, .post]))
    let sync = SyncController(node: node, peerStatus: peerStatus)
    let catalogue = CatalogueController(node: node)
    let federation = FederationController(node: node, card: memberCard, logger: logger)
    let feed = FeedController(node: node, clientAddress: clientAddress, lifetime: feedLifetime)
    let publishing = PublishController(node: node)
    let pictures = PictureController(node: node, intake: pictureIntake)
    let inquiryAPI = InquiryController(desk: inquiries)
    // The editors' endpoints, in groups behind `EditorAuthentication`: a node that does not
    // offer them says so first, then a token is required.
    let isMirror = if case .mirror = node.mode { true } else { false }
    let publishers = router.group()
        .add(middleware: EditorAuthentication(editors: editors, unavailable: isMirror ? .readOnly : nil))
    let operators = router.group()
        .add(
            middleware: EditorAuthentication(
                editors: editors, unavailable: inquiries == nil ? InquiryController.noInquiries : nil))
    // Every endpoint, each once: the switch is exhaustive, so a new endpoint must be handled
    // here (and documented in the OpenAPI document, which a test compares with this list).
    for endpoint in Endpoint.allCases {
        switch endpoint {
        case .health: router.add(endpoint) { _, _ in "ok" }
        case .metrics: router.add(endpoint) { _, _ in MetricsResponse(metrics: node.metrics) }
        case .openAPI: router.add(endpoint) { _, _ in OpenAPIDocument() }
        case .node: router.add(endpoint) { _, _ in try await sync.info() }
        case .heads: router.add(endpoint) { _, _ in try await sync.heads() }
        case .pull: router.add(endpoint) { request, _ in try await sync.pull(request) }
        case .push: router.add(endpoint) { request, _ in try await sync.push(request) }
        case .changeAt:
            router.add(endpoint) { _, context in
                try await sync.change(
                    author: context.parameters.get("author") ?? "", seq: context.parameters.get("seq") ?? "")
            }
        case .forks: router.add(endpoint) { _, _ in try await sync.forks() }
        case .pushForks: router.add(endpoint) { request, _ in try await sync.receiveForks(request) }
        case .federation: router.add(endpoint) { request, _ in try await federation.show(request) }
        case .offerFederation: router.add(endpoint) { request, _ in try await federation.offer(request) }
        case .memberCard: router.add(endpoint) { _, _ in try federation.memberCard() }
        case .feed: router.add(endpoint) { request, context in try feed.feed(request, context: context) }
        case .entries: router.add(endpoint) { request, _ in try await catalogue.list(request) }
        case .entry:
            router.add(endpoint) { _, context in
                try await catalogue.entry(
                    kind: context.parameters.get("kind") ?? "", id: context.parameters.get("id") ?? "")
            }
        case .publish:
            publishers.add(endpoint) { request, context in
                try await publishing.publish(request, editor: try context.authenticatedEditor())
            }
        case .retract:
            publishers.add(endpoint) { request, context in
                try await publishing.retract(request, editor: try context.authenticatedEditor())
            }
        case .uploadPicture: publishers.add(endpoint) { request, _ in try await pictures.upload(request) }
        case .picture:
            router.add(endpoint) { request, context in
                try await pictures.picture(request, sha256: context.parameters.get("sha256") ?? "")
            }
        case .submitInquiry:
            router.add(endpoint) { request, context in
                try await inquiryAPI.submit(
                    request, client: clientAddress.of(request, connection: context.remoteAddress))
            }
        case .inquiries: operators.add(endpoint) { request, _ in try await inquiryAPI.list(request) }
        case .inquiry:
            operators.add(endpoint) { request, context in
                try await inquiryAPI.show(request, id: context.parameters.get("id") ?? "")
            }
        case .inquiryStatus:
            operators.add(endpoint) { request, context in
                try await inquiryAPI.status(
                    request, id: context.parameters.get("id") ?? "", editor: try context.authenticatedEditor())
            }
        case .referInquiry:
            operators.add(endpoint) { request, context in
                try await inquiryAPI.refer(
                    request, id: context.parameters.get("id") ?? "", editor: try context.authenticatedEditor())
            }
        case .cooperationDraft:
            operators.add(endpoint) { request, context in
                try await inquiryAPI.cooperationDraft(request, id: context.parameters.get("id") ?? "")
            }
        case .receiveReferral: router.add(endpoint) { request, _ in try await inquiryAPI.receiveReferral(request) }
        case .exportPersonalData:
            operators.add(endpoint) { request, _ in try await inquiryAPI.exportPersonalData(request) }
        case .erasePersonalData:
            operators.add(endpoint) { request, _ in try await inquiryAPI.erasePersonalData(request) }
        }
    }
    // The web catalogue at `/` (a packaging error in its templates leaves the API running and
    // answers the pages with a problem instead).
    switch PageRenderer.shipped {
    case .success(let renderer):
        let web = WebController<NodeRequestContext>(
            node: node, peerStatus: peerStatus, renderer: renderer, publicAddress: publicAddress, inquiries: inquiries,
            editors: editors, clientAddress: clientAddress, embedAncestors: embedAncestors,
            mapTiles: mapTiles, accounts: accounts)
        router.add(middleware: NotFoundPage(web: web))
        router.addRoutes(web.routes)
    case .failure(let error):
        logger.info("the web catalogue is not served", metadata: ["error": "\(error)"])
    }
    let connections = IdleConnections(maximumConnections: limits.maximumConnections)
    return Application(
        router: router,
        server: HTTPServerBuilder { TimedHTTP1Channel(responder: $0, limits: limits, connections: connections) },
        configuration: .init(
            address: .hostname(host, port: port), serverName: "sopro-node",
            availableConnectionsDelegate: ConnectionLimit(maximum: limits.maximumConnections, metrics: node.metrics)),
        onServerRunning: onServerRunning, logger: logger)
}
