import Brokerage
import CatalogueStore
import Crypto
import DirectoryModel
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Replication
import SyncProtocol
import Workspace

/// The public web catalogue: server-rendered HTML pages in German, Hungarian and English,
/// usable without JavaScript, served by every node and mirror at `/`.
///
/// Pages are rendered from Mustache templates shipped with the package (every value escaped
/// by the template). Catalogue pages carry an `ETag` made from the node's heads (the set of
/// changes it holds, which fixes the catalogue), the language and the URL, so a browser's
/// revalidation costs a look at the heads and no rendering.
struct WebController<Context: RequestContext>: Sendable {
    let node: CatalogueNode
    let peerStatus: PeerStatusBoard?
    let renderer: PageRenderer
    /// The configured public address; without one, links are made from the request's `Host`.
    let publicAddress: PublicAddress?
    /// URLs per sitemap file (the sitemap protocol allows 50,000); more make a sitemap index.
    let sitemapSize: Int
    /// The inquiry desk of a regional node (`nil` on a mirror: no form, no operators' pages).
    let inquiries: InquiryDesk?
    /// Who may use the operators' pages.
    let editors: EditorAuthenticator
    /// Whom the inquiry form's rate limit counts a submission against.
    let clientAddress: ClientAddress
    /// Who may frame the embeddable list (`/embed`): CSP `frame-ancestors` sources.
    let embedAncestors: [String]
    /// The tile server drawn beneath the results map, if the operator chose one.
    let mapTiles: MapTiles?
    /// The editor accounts of a regional node (`nil` on a mirror: no workspace).
    let accounts: EditorAccounts?
    /// Failed sign-ins per client address (10 in 10 minutes; successful ones are not limited).
    let signInLimiter = SubmissionRateLimiter(maximum: 60, prefixMaximum: 240, invalidMaximum: 10)

    init(
        node: CatalogueNode, peerStatus: PeerStatusBoard?, renderer: PageRenderer, publicAddress: PublicAddress?,
        sitemapSize: Int = 50_000, inquiries: InquiryDesk? = nil, editors: EditorAuthenticator = .none,
        clientAddress: ClientAddress = ClientAddress(), embedAncestors: [String] = ["*"],
        mapTiles: MapTiles? = nil, accounts: EditorAccounts? = nil
    ) {
        self.accounts = accounts
        self.mapTiles = mapTiles
        self.clientAddress = clientAddress
        self.embedAncestors = embedAncestors.isEmpty ? ["'none'"] : embedAncestors
        self.inquiries = inquiries
        self.editors = editors
        self.node = node
        self.peerStatus = peerStatus
        self.renderer = renderer
        self.publicAddress = publicAddress
        self.sitemapSize = max(sitemapSize, 1)
    }

    var routes: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get("/") { request, _ in try await page(request) { try await home($0) } }
        routes.get("/search") { request, _ in try await page(request) { try await search(request, $0) } }
        routes.get("/embed") { request, _ in
            var response = try await page(request) { try await embed(request, $0) }
            response.headers[.contentSecurityPolicy] = contentSecurityPolicy(
                frameAncestors: embedAncestors.joined(separator: " "))
            return response
        }
        for kind in EntryKind.allCases {
            routes.get("/\(kind.rawValue)/:id") { request, context in
                let id = context.parameters.get("id") ?? ""
                return try await page(request) { try await entry(kind: kind, id: id, $0) }
            }
        }
        routes.get("/federation") { request, _ in try await page(request, cacheable: false) { try await federation($0) }
        }
        routes.get("/static/sopro.css") { request, _ in try renderer.stylesheet(for: request) }
        routes.get("/catalogue.csv") { request, _ in try await catalogueCSV(request) }
        routes.get("/feed.atom") { request, _ in try await page(request) { try await feed(region: nil, $0) } }
        routes.get("/feed/:file") { request, context in
            let file = context.parameters.get("file") ?? ""
            return try await page(request) { context in
                guard file.hasSuffix(".atom") else { return notFound(context) }
                return try await feed(region: String(file.dropLast(5)), context)
            }
        }
        routes.get("/inquiry") { request, _ in
            try await page(request, cacheable: false) { inquiries == nil ? notFound($0) : try await inquiryForm($0) }
        }
        routes.post("/inquiry") { request, context in
            let client = clientAddress.of(
                request, connection: (context as? any RemoteAddressRequestContext)?.remoteAddress)
            return try await page(request, cacheable: false) { try await submitInquiry(request, client: client, $0) }
        }
        routes.get("/workspace") { request, _ in try await workspaceHome(request) }
        routes.get("/workspace/sign-in") { request, _ in try await signInPage(request) }
        routes.post("/workspace/sign-in") { request, context in
            let client = clientAddress.of(
                request, connection: (context as? any RemoteAddressRequestContext)?.remoteAddress)
            return try await signIn(request, client: client)
        }
        routes.post("/workspace/sign-out") { request, _ in try await signOut(request) }
        routes.get("/workspace/new/:kind") { request, context in
            guard let kind = EntryKind(rawValue: context.parameters.get("kind") ?? "") else {
                return try await page(request, cacheable: false) { notFound($0) }
            }
            return try await newEntryForm(request, kind: kind)
        }
        for kind in EntryKind.allCases {
            let base = "/workspace/\(kind.rawValue)/:id"
            routes.get(RouterPath(base)) { request, context in
                try await workspaceEntry(request, kind: kind, id: context.parameters.get("id") ?? "")
            }
            routes.get(RouterPath(base + "/edit")) { request, context in
                try await editEntryForm(request, kind: kind, id: context.parameters.get("id") ?? "")
            }
            routes.post(RouterPath(base + "/edit")) { request, context in
                try await submitEntryForm(request, kind: kind, id: context.parameters.get("id") ?? "")
            }
            for action in ["retract", "restore"] {
                routes.get(RouterPath(base + "/" + action)) { request, context in
                    try await confirmRetraction(
                        request, kind: kind, id: context.parameters.get("id") ?? "", restoring: action == "restore")
                }
            }
            for action in ["retract", "restore", "keep"] {
                routes.post(RouterPath(base + "/" + action)) { request, context in
                    try await changeEntry(request, kind: kind, id: context.parameters.get("id") ?? "", action: action)
                }
            }
        }
        routes.get("/operator/inquiries") { request, _ in
            try await operatorPage(request) { context, _, _ in try await operatorList(request, context) }
        }
        routes.get("/operator/inquiries/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            return try await operatorPage(request) { context, _, _ in try await operatorInquiry(id, context) }
        }
        routes.get("/operator/inquiries/:id/cooperation-draft") { request, context in
            let id = context.parameters.get("id") ?? ""
            guard try await signedInOperator(request) != nil else {
                return try signInRequired(pageContext(for: request))
            }
            let yaml: String
            do {
                guard let desk = inquiries else { throw InquiryError.notFound(id) }
                yaml = try await desk.cooperationDraft(id)
            } catch let error as InquiryError where error.isNotFound {
                return try await page(request, cacheable: false) { notFound($0) }
            }
            var headers: HTTPFields = [
                .contentType: "application/yaml; charset=utf-8", .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"cooperation-\(id.prefix(8)).yaml\"",
            ]
            headers[.xContentTypeOptions] = "nosniff"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: yaml)))
        }
        for action in ["status", "refer"] {
            routes.post("/operator/inquiries/:id/\(action)") { request, context in
                let id = context.parameters.get("id") ?? ""
                guard Self.isSameOrigin(request) else {
                    throw HTTPError(.forbidden, message: "a form from another site cannot change an inquiry")
                }
                return try await operatorPage(request) { context, editor, formToken in
                    try await operatorAction(
                        request, id: id, action: action, editor: editor, formToken: formToken, context)
                }
            }
        }
        routes.get("/sitemap.xml") { request, _ in try await page(request) { try await sitemap(part: nil, $0) } }
        routes.get("/sitemap/:file") { request, context in
            let file = context.parameters.get("file") ?? ""
            return try await page(request) { context in
                guard file.hasSuffix(".xml"), let part = Int(file.dropLast(4)), part >= 1 else {
                    return notFound(context)
                }
                return try await sitemap(part: part, context)
            }
        }
        return routes
    }

    /// What a page builder returns: the template, its values, and the status (404 for a page
    /// whose entry does not exist).
    struct Page {
        var template: String
        var values: [String: Any]
        var status: HTTPResponse.Status = .ok
        var contentType = "text/html; charset=utf-8"
    }

    /// Renders a page in the request's language, with the security and caching headers; answers
    /// `304` when the browser's copy is current.
    func page(
        _ request: Request, cacheable: Bool = true, _ build: (PageContext) async throws -> Page
    ) async throws -> Response {
        let context = pageContext(for: request)
        var etag: String?
        if cacheable {
            etag = try await self.etag(for: request, language: context.language, address: context.address)
            if let etag, EntityTag.matches(request.headers[.ifNoneMatch], etag) {
                var headers = self.headers(language: context.language, explicit: context.languageIsExplicit)
                headers[.eTag] = etag
                return Response(status: .notModified, headers: headers)
            }
        }
        var built = try await build(context)
        if inquiries != nil { built.values["inquiryHref"] = context.href("/inquiry") }
        var headers = self.headers(language: context.language, explicit: context.languageIsExplicit)
        headers[.contentType] = built.contentType
        if built.status == .ok, let etag { headers[.eTag] = etag }
        let html = try renderer.render(built.template, built.values)
        return Response(status: built.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// An operators' page: signed in with an editor token or an operator's session (whose form
    /// token the page's forms then carry), never cached, never indexed.
    private func operatorPage(
        _ request: Request, _ build: (PageContext, String, String?) async throws -> Page
    ) async throws
        -> Response
    {
        guard let (editor, formToken) = try await signedInOperator(request) else {
            return try signInRequired(pageContext(for: request))
        }
        var response = try await page(request, cacheable: false) { context in
            var built = try await build(context, editor, formToken)
            if let formToken { built.values["csrf"] = formToken }
            return built
        }
        response.headers[.cacheControl] = "no-store"
        if let robots = HTTPField.Name("X-Robots-Tag") { response.headers[robots] = "noindex" }
        return response
    }

    /// The language and address of a request's page.
    func pageContext(for request: Request) -> PageContext {
        // Read as a form, as the search form sends it (`+` a space), so that the language switch
        // links to the same search.
        let parameters = FormBody(queryOf: request)
        let chosen = PageLanguage.choose(query: parameters["lang"], acceptLanguage: request.headers[.acceptLanguage])
        return PageContext(
            language: chosen.language, languageIsExplicit: chosen.explicit, path: request.uri.path,
            query: parameters.pairs.map { ($0.name, $0.value) },
            address: publicAddress ?? PublicAddress.requested(host: request.head.authority))
    }

    /// Headers of every page: a strict Content-Security-Policy (no scripts at all, styles only
    /// from this node, images from this node and the configured tile server), no sniffing, no
    /// framing, no referrer beyond this node (but the origin to a tile server, see `MapTiles`).
    ///
    /// Set here, with the page's other headers, rather than by Hummingbird's
    /// `ContentSecurityMiddleware`: that one appends its headers to every successful answer of
    /// the group it is on (JSON and feeds too, a second `X-Content-Type-Options` beside the one
    /// `ResponseHeaderPolicy` sets on every answer) and to no error, while the policy belongs to
    /// the HTML pages — the 404 page included, which is an answer here, not a thrown error.
    func headers(language: LanguageTag, explicit: Bool) -> HTTPFields {
        var headers: HTTPFields = [:]
        headers[.contentSecurityPolicy] = contentSecurityPolicy(frameAncestors: "'none'")
        headers[.xContentTypeOptions] = "nosniff"
        if let referrerPolicy = HTTPField.Name("Referrer-Policy") {
            headers[referrerPolicy] = mapTiles == nil ? "same-origin" : "strict-origin-when-cross-origin"
        }
        headers[.contentLanguage] = language.rawValue
        // Revalidate every time: the catalogue changes whenever a region publishes.
        headers[.cacheControl] = "no-cache"
        if !explicit { headers[.vary] = "Accept-Language" }
        return headers
    }

    /// The pages' Content-Security-Policy, framed by `frameAncestors` (`'none'` but for the
    /// embeddable list).
    func contentSecurityPolicy(frameAncestors: String) -> String {
        Self.contentSecurityPolicy(frameAncestors: frameAncestors, images: mapTiles.map { [$0.origin] } ?? [])
    }

    /// The Content-Security-Policy with images allowed from this node and from `images` too.
    static func contentSecurityPolicy(frameAncestors: String, images: [String] = []) -> String {
        let imageSources = (["'self'", "data:"] + images).joined(separator: " ")
        return
            "default-src 'none'; style-src 'self'; img-src \(imageSources); form-action 'self'; base-uri 'none'; frame-ancestors \(frameAncestors)"
    }

    /// `W/"…"`: the heads, the language, the address and URL, and the software version.
    private func etag(for request: Request, language: LanguageTag, address: PublicAddress) async throws -> String {
        "W/" + (try await etag(of: "\(language.rawValue)|\(address.base)|\(request.uri.description)"))
    }

    /// `"…"`: the node's heads (which fix the catalogue), `variant` and the software version.
    func etag(of variant: String) async throws -> String {
        var hasher = SHA256()
        let heads = try await node.store.versionVector()
        for author in heads.authors { hasher.update(data: Data("\(author.rawValue)=\(heads[author]);".utf8)) }
        hasher.update(data: Data("\(variant)|\(renderer.version)".utf8))
        return "\"" + Hex.encode(hasher.finalize()).prefix(32) + "\""
    }

    /// The 404 page (an entry that does not exist or was withdrawn).
    func notFound(_ context: PageContext) -> Page {
        var values = context.base(title: context.text("notFoundTitle"))
        values["searchHref"] = "/search"
        return Page(template: "notfound", values: values, status: .notFound)
    }
}
