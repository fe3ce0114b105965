import Brokerage
import CatalogueStore
import DirectoryModel
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SyncProtocol
import Workspace

extension WebController {
    /// The editor signed in with HTTP Basic authentication (any user name, the editor token as
    /// the password), or `nil`.
    func signedInEditor(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let credentials = String(data: decoded, encoding: .utf8), let colon = credentials.firstIndex(of: ":")
        else { return nil }
        return editors.editor(forToken: String(credentials[credentials.index(after: colon)...]))
    }

    /// Who may use the operators' pages: an editor token (HTTP Basic, as before accounts), or
    /// a session of an account with the operator role, with its form token. `nil` for anyone
    /// else — an editor's session too.
    func signedInOperator(_ request: Request) async throws -> (name: String, formToken: String?)? {
        if let editor = signedInEditor(request) { return (editor, nil) }
        guard let (account, session) = try await workspaceSession(request), account.role == .operator else {
            return nil
        }
        return (account.name, session.formToken)
    }

    /// `401` asking the browser for the editor credential.
    func signInRequired(_ context: PageContext) throws -> Response {
        var values = context.base(title: context.text("operatorTitle"))
        values["message"] = context.text("operatorSignIn")
        if accounts != nil {
            values["linkHref"] = context.href("/workspace/sign-in")
            values["linkLabel"] = context.text("workspaceSignIn")
        }
        var headers = self.headers(language: context.language, explicit: context.languageIsExplicit)
        headers[.wwwAuthenticate] = "Basic realm=\"sopro operators\", charset=\"UTF-8\""
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let html = try renderer.render("message", values)
        return Response(status: .unauthorized, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// Whether a POST comes from this site's own page: a browser sends `Origin` (or
    /// `Sec-Fetch-Site`) with a form; one from another site is refused, so a page elsewhere
    /// cannot make a signed-in operator's browser change an inquiry.
    static func isSameOrigin(_ request: Request) -> Bool {
        if let name = HTTPField.Name("Sec-Fetch-Site"), let site = request.headers[name], site != "same-origin",
            site != "none"
        {
            return false
        }
        guard let origin = request.headers[.origin] else { return true }
        guard let host = request.head.authority, let url = URL(string: origin), let originHost = url.host else {
            return false
        }
        let originAuthority = url.port.map { "\(originHost):\($0)" } ?? originHost
        return originAuthority == host
    }

    /// The operators' list of inquiries, filterable by state.
    func operatorList(_ request: Request, _ context: PageContext) async throws -> Page {
        guard let desk = inquiries else { return notFound(context) }
        let stateText = FormBody(queryOf: request)["state"] ?? ""
        let state = InquiryState(rawValue: stateText)
        var values = context.base(title: context.text("operatorTitle"))
        values["states"] =
            [
                [
                    "label": context.text("allStates"), "href": context.href("/operator/inquiries"),
                    "current": state == nil,
                ]
            ]
            + InquiryState.allCases.map { option -> [String: Any] in
                [
                    "label": context.label(option.label) ?? option.rawValue,
                    "href": context.href("/operator/inquiries", [("state", option.rawValue)]),
                    "current": option == state,
                ]
            }
        values["inquiries"] = try await desk.list(state: state, limit: 500).map { inquiry -> [String: Any] in
            [
                "href": context.href("/operator/inquiries/\(inquiry.id)"),
                "received": PageContext.dateTime(inquiry.receivedAt),
                "state": context.label(inquiry.state.label) ?? inquiry.state.rawValue,
                "need": String(inquiry.submission.need.prefix(120)),
                "region": context.regionLabel(inquiry.submission.deliveryRegion.rawValue),
                "organisation": inquiry.submission.organisation ?? "",
                "source": sourceLabel(inquiry, context),
            ]
        }
        return Page(template: "operator-list", values: values)
    }

    private func sourceLabel(_ inquiry: Inquiry, _ context: PageContext) -> String {
        switch inquiry.source.channel {
        case .form: context.text("source.form")
        case .api: context.text("source.api")
        case .referral: context.text("source.referral", ["from": inquiry.source.fromName ?? "?"])
        }
    }

    /// One inquiry: what was asked, by whom, the consent, the matches with their reasons, the
    /// history; forms to change its state and to refer it.
    func operatorInquiry(
        _ id: String, notice: String? = nil, problem: String? = nil, _ context: PageContext
    )
        async throws -> Page
    {
        guard let desk = inquiries, let inquiry = try await desk.store.inquiry(id: id) else {
            return notFound(context)
        }
        let submission = inquiry.submission
        var values = context.base(title: String(submission.need.prefix(60)))
        values["need"] = String(submission.need.prefix(200))
        values["notice"] = notice
        values["problem"] = problem
        values["listHref"] = context.href("/operator/inquiries")
        values["statusAction"] = context.href("/operator/inquiries/\(id)/status")
        values["referAction"] = context.href("/operator/inquiries/\(id)/refer")
        if inquiry.state == .realised {
            values["draftHref"] = context.href("/operator/inquiries/\(id)/cooperation-draft")
        }
        var facts: [(String, String)] = [
            (context.text("state"), context.label(inquiry.state.label) ?? inquiry.state.rawValue),
            (context.text("field.need"), submission.need),
            (context.text("field.quantity"), submission.quantity ?? "–"),
            (context.text("field.wantedBy"), submission.wantedBy ?? "–"),
            (context.text("field.deliveryRegion"), context.regionLabel(submission.deliveryRegion.rawValue)),
            (
                context.text("field.categories"),
                submission.categories.isEmpty
                    ? "–"
                    : submission.categories.map { code in
                        context.label(code.division.label).map { "\(code.rawValue) (\($0))" } ?? code.rawValue
                    }.joined(separator: ", ")
            ),
            (
                context.text("field.organisationType"),
                context.label(submission.organisationType.label) ?? submission.organisationType.rawValue
            ),
            (context.text("field.organisation"), submission.organisation ?? "–"),
            (context.text("field.contactName"), submission.contactName),
            (context.text("field.email"), submission.email.rawValue),
            (context.text("field.phone"), submission.phone?.rawValue ?? "–"),
            (
                context.text("field.language"),
                InterfaceText.text("language.\(submission.language.language)", context.language).capitalizedFirst
            ),
            (context.text("received"), PageContext.dateTime(inquiry.receivedAt)),
            (context.text("source"), sourceLabel(inquiry, context)),
        ]
        if let topic = submission.about {
            // The entry's name now, or its reference when it is no longer in the catalogue.
            let entry = try await node.visibleEntry(kind: topic.kind, id: topic.id.rawValue)?.entry
            let name = entry.flatMap { context.label($0.displayName) } ?? topic.description
            facts.insert(
                (context.text("field.about"), "\(name) (\(context.text("kindOne.\(topic.kind.rawValue)")))"), at: 1)
            values["aboutHref"] = entry == nil ? nil : context.href("/\(topic.kind.rawValue)/\(topic.id.rawValue)")
        }
        facts.removeAll { $0.1.isEmpty }
        values["facts"] = facts.map { ["label": $0.0, "value": $0.1] }
        values["consent"] =
            context.text("consentGiven", ["date": PageContext.dateTime(inquiry.consent.at)]) + ": "
            + inquiry.consent.statement
        let matches = try await desk.matches(for: inquiry)
        func matchValues(_ match: InquiryMatch) -> [String: Any] {
            [
                "href": context.href("/\(match.kind)/\(match.id)"),
                "name": context.localized(match.names)?["text"] as? String ?? match.id,
                "region": match.region.map { context.regionLabel($0) } ?? "",
                "score": String(format: "%.1f", match.score),
                "reasons": match.reasons.map { reasonText($0, context) },
            ]
        }
        values["enterprises"] = matches.enterprises.map(matchValues)
        values["products"] = matches.products.map(matchValues)
        values["states"] = InquiryState.allCases.map {
            ["value": $0.rawValue, "label": context.label($0.label) ?? $0.rawValue, "selected": $0 == inquiry.state]
                as [String: Any]
        }
        values["partners"] = desk.partners.map {
            let region = context.regionLabel($0.region)
            return ["value": $0.region, "label": region.contains($0.name) ? region : "\(region) · \($0.name)"]
        }
        values["history"] = inquiry.history.map { event -> [String: Any] in
            var entry: [String: Any] = ["at": PageContext.dateTime(event.at), "by": event.operatorName]
            entry["state"] = event.state.map { context.label($0.label) ?? $0.rawValue }
            entry["note"] = event.note
            return entry
        }
        values["referrals"] = inquiry.referrals.map { referral -> [String: Any] in
            var entry: [String: Any] = [
                "at": PageContext.dateTime(referral.at), "by": referral.operatorName, "to": referral.toName,
            ]
            entry["note"] = referral.note
            return entry
        }
        return Page(template: "operator-inquiry", values: values)
    }

    func reasonText(_ reason: MatchReason, _ context: PageContext) -> String {
        switch reason {
        case .words(let words): context.text("reason.words", ["value": words.joined(separator: ", ")])
        case .category(let value): context.text("reason.category", ["value": value])
        case .categoryDivision(let value): context.text("reason.categoryDivision", ["value": value])
        case .sector(let value): context.text("reason.sector", ["value": value])
        case .deliversTo(let value): context.text("reason.deliversTo", ["value": context.regionLabel(value)])
        case .basedIn(let value): context.text("reason.basedIn", ["value": context.regionLabel(value)])
        case .sameCountry(let value): context.text("reason.sameCountry", ["value": value])
        case .reservedContracts: context.text("reason.reservedContracts")
        case .askedAbout: context.text("reason.askedAbout")
        case .product(let id, let names):
            context.text("reason.product", ["value": context.localized(names)?["text"] as? String ?? id])
        }
    }

    /// A POSTed state change or referral from the inquiry's page; the page again with a notice
    /// or the problem.
    func operatorAction(
        _ request: Request, id: String, action: String, editor: String, formToken: String?,
        _ context: PageContext
    )
        async throws -> Page
    {
        guard let desk = inquiries else { return notFound(context) }
        var request = request
        let form = FormBody(String(buffer: try await request.collectBody(upTo: 64 * 1024)))
        // Signed in with a session: the form must carry its token (a token in a header is
        // never sent by another site's page, a cookie is).
        if let formToken, form["csrf"] != formToken {
            var page = try await operatorInquiry(id, problem: context.text("workspaceFormExpired"), context)
            page.status = .forbidden
            return page
        }
        do {
            switch action {
            case "status":
                let state = form["state"].flatMap(InquiryState.init(rawValue:))
                _ = try await desk.record(id, state: state, note: form["note"], operatorName: editor)
            default:
                _ = try await desk.refer(id, to: form["to"] ?? "", note: form["note"], operatorName: editor)
            }
            return try await operatorInquiry(id, notice: context.text("save") + " ✓", context)
        } catch let error as InquiryError {
            if error.isNotFound { return notFound(context) }
            var page = try await operatorInquiry(id, problem: error.description, context)
            page.status = .unprocessableContent
            return page
        }
    }
}
