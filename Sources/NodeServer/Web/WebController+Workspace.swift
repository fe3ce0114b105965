import Brokerage
import CatalogueStore
import DirectoryModel
import Foundation
import HTTPTypes
import Hummingbird
import SyncProtocol
import Workspace

/// The editors' workspace at a regional node: sign-in with an account (`sopro-node editors
/// add`), a session cookie, sign-out. The cookie is `HttpOnly` (no script reads it), `Secure`
/// (browsers send it over https only, and over http to localhost) and `SameSite=Strict` (no
/// other site's page or link sends it); its token is kept only as a hash. Every form of a
/// session carries its form token, and every POST must come from this site's own page
/// (`Origin`/`Sec-Fetch-Site`): both are checked. The sign-in form itself carries a token
/// that must match a cookie set with the form (no other site can sign a browser in to an
/// account of its choosing).
extension WebController {
    static var sessionCookie: String { "sopro_session" }
    static var signInCookie: String { "sopro_signin" }

    /// The account and session of a request's session cookie, if it is current.
    func workspaceSession(_ request: Request) async throws -> (account: EditorAccount, session: EditorSession)? {
        guard let accounts, let token = request.cookies[Self.sessionCookie]?.value else { return nil }
        return try await accounts.session(token: token)
    }

    func cookie(_ name: String, _ value: String, path: String, maxAge: Int? = nil) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge, path: path, secure: true, httpOnly: true, sameSite: .strict)
    }

    func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// A workspace page: never cached or indexed.
    func workspacePage(
        _ request: Request, _ build: (PageContext) async throws -> Page
    ) async throws
        -> Response
    {
        var response = try await page(request, cacheable: false, build)
        response.headers[.cacheControl] = "no-store"
        if let robots = HTTPField.Name("X-Robots-Tag") { response.headers[robots] = "noindex" }
        return response
    }

    /// `GET /workspace/sign-in`: the form, with a fresh sign-in token in it and in a cookie.
    func signInPage(
        _ request: Request, problem: String? = nil, email: String = "", status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard accounts != nil else { return try await page(request, cacheable: false) { notFound($0) } }
        let token = EditorAccounts.randomToken()
        var response = try await workspacePage(request) { context in
            var values = context.base(title: context.text("workspaceSignIn"))
            values["actionHref"] = context.href("/workspace/sign-in")
            values["signInToken"] = token
            values["email"] = email
            if let problem { values["problem"] = problem }
            return Page(template: "signin", values: values, status: status)
        }
        response.setCookie(cookie(Self.signInCookie, token, path: "/workspace", maxAge: 3600))
        return response
    }

    /// `POST /workspace/sign-in`.
    func signIn(_ request: Request, client: String) async throws -> Response {
        guard let accounts else { return try await page(request, cacheable: false) { notFound($0) } }
        let context = pageContext(for: request)
        var request = request
        let form = FormBody(String(buffer: try await request.collectBody(upTo: 16 * 1024)))
        let email = form["email"] ?? ""
        guard Self.isSameOrigin(request), let sent = form["signin"], !sent.isEmpty,
            sent == request.cookies[Self.signInCookie]?.value
        else {
            return try await signInPage(
                request, problem: context.text("workspaceFormExpired"), email: email, status: .forbidden)
        }
        let time = Int64(Date().timeIntervalSince1970 * 1000)
        if signInLimiter.admit(client, now: time) != nil {
            return try await signInPage(
                request, problem: context.text("workspaceTooMany"), email: email, status: .tooManyRequests)
        }
        switch try await accounts.signIn(email: email, password: form["password"] ?? "") {
        case .signedIn(_, let token, _):
            var response = redirect(context.href("/workspace"))
            response.setCookie(cookie(Self.sessionCookie, token, path: "/"))
            response.setCookie(cookie(Self.signInCookie, "", path: "/workspace", maxAge: 0))
            return response
        case .refused:
            signInLimiter.countAsRefused(client, at: time)
            return try await signInPage(
                request, problem: context.text("workspaceRefused"), email: email, status: .unauthorized)
        case .locked(let until):
            signInLimiter.countAsRefused(client, at: time)
            let text = Date(timeIntervalSince1970: Double(until) / 1000).formatted(
                .iso8601.year().month().day().dateTimeSeparator(.space).time(includingFractionalSeconds: false))
            return try await signInPage(
                request, problem: context.text("workspaceLocked", ["time": String(text.prefix(16))]), email: email,
                status: .tooManyRequests)
        }
    }

    /// `POST /workspace/sign-out`: ends the session (with its form token, from this site).
    func signOut(_ request: Request) async throws -> Response {
        guard let accounts else { return try await page(request, cacheable: false) { notFound($0) } }
        let context = pageContext(for: request)
        guard let (_, session) = try await workspaceSession(request) else {
            return redirect(context.href("/workspace/sign-in"))
        }
        var request = request
        let form = FormBody(String(buffer: try await request.collectBody(upTo: 16 * 1024)))
        guard Self.isSameOrigin(request), form["csrf"] == session.formToken else {
            return try await workspacePage(request) { context in
                var values = context.base(title: context.text("workspaceTitle"))
                values["message"] = context.text("workspaceFormExpired")
                return Page(template: "message", values: values, status: .forbidden)
            }
        }
        if let token = request.cookies[Self.sessionCookie]?.value { try await accounts.signOut(token: token) }
        var response = redirect(context.href("/workspace/sign-in"))
        response.setCookie(cookie(Self.sessionCookie, "", path: "/", maxAge: 0))
        return response
    }

    /// `GET /workspace`: who is signed in, and where the work is.
    func workspaceHome(_ request: Request) async throws -> Response {
        guard accounts != nil else { return try await page(request, cacheable: false) { notFound($0) } }
        guard let (account, session) = try await workspaceSession(request) else {
            return redirect(pageContext(for: request).href("/workspace/sign-in"))
        }
        var region: String?
        if case .regional(_, let code) = node.mode { region = code }
        let work = try await workList()
        return try await workspacePage(request) { context in
            var values = context.base(title: context.text("workspaceTitle"))
            values["signedInAs"] = context.text(
                "workspaceSignedInAs", ["name": account.name, "role": context.text("role." + account.role.rawValue)])
            values["entriesHref"] = context.href("/search", region.map { [("region", $0), ("sort", "name")] } ?? [])
            if account.role == .operator { values["inquiriesHref"] = context.href("/operator/inquiries") }
            values["signOutHref"] = context.href("/workspace/sign-out")
            values["newEntries"] = EntryKind.allCases.map { kind -> [String: Any] in
                [
                    "href": context.href("/workspace/new/\(kind.rawValue)"),
                    "label": context.text("workspaceNew" + kind.rawValue.capitalizedFirst),
                ]
            }
            values["csrf"] = session.formToken
            values["work"] = work.items.prefix(Self.workListShown).map { workItem($0, names: work.names, context) }
            values["workHeading"] = context.text(
                "workspaceAttention", ["n": String(work.items.count), "scanned": String(work.scanned)])
            if work.items.isEmpty { values["workEmpty"] = context.text("workspaceAllGood") }
            if work.items.count > Self.workListShown {
                values["workMore"] = context.text("workspaceMore", ["n": String(Self.workListShown)])
            }
            return Page(template: "workspace", values: values)
        }
    }

    /// Entries of the region read for the work list (its most recently changed ones), and shown.
    static var workListScanned: Int { 2_000 }
    static var workListShown: Int { 200 }

    /// The region's entries that need attention, and the names of all it read (for the links
    /// between likely duplicates).
    func workList() async throws -> (items: [WorkList.Item], names: [EntryKey: LocalizedText], scanned: Int) {
        guard let author = node.authorID else { return ([], [:], 0) }
        let keys = try await node.store.entryKeys(publishedBy: author.rawValue, limit: Self.workListScanned)
        let read = try await node.store.catalogueEntries(keys)
        let entries = keys.compactMap { key in read[key].map { (key, $0) } }
        var names: [EntryKey: LocalizedText] = [:]
        for (key, entry) in entries { names[key] = entry.entry?.displayName }
        return (WorkList.items(entries), names, keys.count)
    }

    private func workItem(
        _ item: WorkList.Item, names: [EntryKey: LocalizedText], _ context: PageContext
    )
        -> [String: Any]
    {
        var reasons: [String] = item.problems.prefix(3).map { "\($0.path): \($0.message)" }
        if item.problems.count > 3 {
            reasons.append(context.text("workspaceMoreProblems", ["n": String(item.problems.count - 3)]))
        }
        if item.conflicts > 0 { reasons.append(context.text("conflictsNote", ["n": String(item.conflicts)])) }
        if !item.missingLanguages.isEmpty {
            let languages = item.missingLanguages.map {
                InterfaceText.text("language.\($0.rawValue)", context.language)
            }
            reasons.append(context.text("workspaceMissing", ["languages": languages.joined(separator: ", ")]))
        }
        return [
            "name": context.localized(item.entry.displayName) ?? ["text": item.key.id],
            "href": context.href("/workspace/\(item.key.kind)/\(item.key.id)"),
            "kind": context.text("kindOne.\(item.key.kind)"),
            "reasons": reasons,
            "duplicates": item.likelyDuplicates.map { key -> [String: Any] in
                [
                    "name": names[key].flatMap { context.localized($0) } ?? ["text": key.id],
                    "href": context.href("/\(key.kind)/\(key.id)"),
                ]
            },
            "duplicateLabel": context.text("workspaceDuplicate"),
        ]
    }
}
