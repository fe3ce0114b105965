import CatalogueStore
import DirectoryModel
import Foundation
import HTTPTypes
import Hummingbird
import SyncProtocol
import Workspace

/// The workspace's entry forms: a new enterprise, product or cooperation, or an edit of one,
/// read by the same rules as entry files and `POST /v1/publish` (`EntryDecoding`), every
/// problem shown at its field and in a summary, a preview of the public page, and publishing
/// signed by the node with the editor's name.
///
/// An edit carries the document it was filled from (`base`), and only what the editor changed
/// is written: a field another editor changed meanwhile is shown with both values rather than
/// overwritten (`NodeError.editConflict`). Lists of objects and links to other entries grow by
/// submitting the form (a button per list), so everything works without JavaScript.
extension WebController {
    /// Form names that are not entry fields.
    static var formControlNames: Set<String> { ["csrf", "action", "base", "new", "confirmDuplicate"] }

    /// A form's body: an entry with its texts in several languages stays far below 1 MB.
    static var entryFormBodyLimit: Int { 1_048_576 }

    /// The editor's name as changes record it (at most the 200 bytes a change allows).
    static func editorName(_ account: EditorAccount) -> String {
        var name = ""
        for character in account.name {
            guard name.utf8.count + String(character).utf8.count <= 200 else { break }
            name.append(character)
        }
        return name
    }

    /// The answer to a workspace request without a current session: to the sign-in form (a
    /// 404 on a node without accounts).
    func notSignedIn(_ request: Request) async throws -> Response {
        guard accounts != nil else { return try await page(request, cacheable: false) { notFound($0) } }
        return redirect(pageContext(for: request).href("/workspace/sign-in"))
    }

    /// A workspace form was not sent from this site's page with the session's token.
    func formExpired(_ request: Request) async throws -> Response {
        try await workspacePage(request) { context in
            var values = context.base(title: context.text("workspaceTitle"))
            values["message"] = context.text("workspaceFormExpired")
            return Page(template: "message", values: values, status: .forbidden)
        }
    }

    /// `GET /workspace/new/{kind}`: an empty form with a new id.
    func newEntryForm(_ request: Request, kind: EntryKind) async throws -> Response {
        guard let signedIn = try await workspaceSession(request) else { return try await notSignedIn(request) }
        guard case .regional = node.mode else { return try await page(request, cacheable: false) { notFound($0) } }
        let id = EntryID.make()
        return try await workspacePage(request) { context in
            try await entryForm(
                EntryFormView(
                    form: EntryForm(kind: kind), id: id, state: [:], base: nil, isNew: true,
                    csrf: signedIn.session.formToken), context)
        }
    }

    /// `GET /workspace/{kind}/{id}/edit`: the form filled from the merged entry.
    func editEntryForm(_ request: Request, kind: EntryKind, id: String) async throws -> Response {
        guard let signedIn = try await workspaceSession(request) else { return try await notSignedIn(request) }
        guard let entryID = try? EntryID(parsing: id), entryID.rawValue == id,
            let read = try await node.catalogueEntry(kind: kind.rawValue, id: id), read.state.hasValues
        else { return try await page(request, cacheable: false) { notFound($0) } }
        let form = EntryForm(kind: kind)
        return try await workspacePage(request) { context in
            try await entryForm(
                EntryFormView(
                    form: form, id: entryID, state: form.state(of: read.document), base: read.document,
                    isNew: false, csrf: signedIn.session.formToken, problems: read.problems), context)
        }
    }

    /// `POST /workspace/{kind}/{id}/edit`: shows the form again (with a list grown or a search
    /// done), a preview, or publishes.
    func submitEntryForm(_ request: Request, kind: EntryKind, id: String) async throws -> Response {
        guard let signedIn = try await workspaceSession(request) else { return try await notSignedIn(request) }
        guard let entryID = try? EntryID(parsing: id), entryID.rawValue == id else {
            return try await page(request, cacheable: false) { notFound($0) }
        }
        var request = request
        let body = try await request.collectBody(upTo: Self.entryFormBodyLimit)
        let submitted = FormBody(String(buffer: body))
        guard Self.isSameOrigin(request), let csrf = submitted["csrf"], csrf == signedIn.session.formToken else {
            return try await formExpired(request)
        }
        let form = EntryForm(kind: kind)
        var state = FormState(pairs: submitted.pairs.filter { !Self.formControlNames.contains($0.name) })
        let isNew = submitted["new"] == "1"
        var base: DocumentValue?
        if let encoded = submitted["base"], !encoded.isEmpty {
            guard let decoded = Self.decodeBase(encoded) else { return try await formExpired(request) }
            base = decoded
        }
        var view = EntryFormView(
            form: form, id: entryID, state: state, base: base, isNew: isNew, csrf: signedIn.session.formToken)
        let action = submitted["action"] ?? "publish"
        if action.hasPrefix("more:") {
            let list = String(action.dropFirst("more:".count))
            let count = Int(state.text(EntryForm.rowCountName(list)) ?? "") ?? 0
            state[EntryForm.rowCountName(list)] = [String(min(count + 1, EntryLimits.listItems))]
            view.state = state
            return try await workspacePage(request) { try await entryForm(view, $0) }
        }
        if action.hasPrefix("find:") {
            let field = String(action.dropFirst("find:".count))
            view.searchedField = field
            return try await workspacePage(request) { try await entryForm(view, $0) }
        }
        let document = form.document(from: state, id: entryID, base: base)
        let decoded = EntryDecoding.read(document, impliedKind: kind)
        view.problems = decoded.issues
        guard let entry = decoded.validEntry else {
            view.status = .unprocessableContent
            return try await workspacePage(request) { try await entryForm(view, $0) }
        }
        if action == "edit" {
            return try await workspacePage(request) { try await entryForm(view, $0) }
        }
        if isNew, submitted["confirmDuplicate"] != "1" {
            let duplicates = try await likelyDuplicates(of: entry)
            if !duplicates.isEmpty {
                view.duplicates = duplicates
                view.status = .conflict
                return try await workspacePage(request) { try await entryForm(view, $0) }
            }
        }
        if action == "preview" {
            return try await workspacePage(request) { context in
                var page = try await entryPage(entry, read: nil, context)
                page.values["preview"] = [
                    "actionHref": context.href("/workspace/\(kind.rawValue)/\(id)/edit"),
                    "pairs": submitted.pairs.filter { $0.name != "action" }.map {
                        ["name": $0.name, "value": $0.value]
                    },
                ]
                page.values["title"] =
                    context.text("formPreviewTitle") + " · " + (page.values["title"] as? String ?? "")
                return page
            }
        }
        do {
            _ = try await node.publish(
                [PublishItem(entry: entry, document: document, base: base)], editor: Self.editorName(signedIn.account))
        } catch let error as NodeError where error.code == .editConflict {
            // Shown again with the values standing now as the new base: publishing once more
            // is a decision to keep the editor's values.
            let current = try await node.catalogueEntry(kind: kind.rawValue, id: id)
            view.base = current?.document ?? base
            view.conflicts = error.editConflicts.flatMap(\.fields)
            view.status = .conflict
            return try await workspacePage(request) { try await entryForm(view, $0) }
        } catch let error as NodeError {
            view.refusal = error.description
            view.status = .serviceUnavailable
            return try await workspacePage(request) { try await entryForm(view, $0) }
        }
        return redirect(pageContext(for: request).href("/workspace/\(kind.rawValue)/\(id)", [("published", "1")]))
    }

    /// Enterprises of the catalogue that are likely the one being created: a name in common
    /// and the same place (the work list's rule), found by a search for its name.
    func likelyDuplicates(of entry: Entry) async throws -> [EntryKey] {
        guard case .enterprise(let enterprise) = entry else { return [] }
        var keys: [EntryKey] = []
        for name in Set(enterprise.name.values.values) {
            var query = CatalogueQuery()
            query.kind = .enterprise
            query.text = name
            query.limit = 20
            keys += try await node.store.entries(matching: query).items.map { EntryKey(kind: $0.kind, id: $0.id) }
        }
        let read = try await node.store.catalogueEntries(Set(keys))
        var candidates: [(EntryKey, Entry)] = [(EntryKey(kind: "enterprise", id: enterprise.id.rawValue), entry)]
        for (key, stored) in read where key.id != enterprise.id.rawValue {
            if let other = stored.entry { candidates.append((key, other)) }
        }
        return WorkList.likelyDuplicates(candidates)[candidates[0].0] ?? []
    }

    static func encodeBase(_ document: DocumentValue) -> String {
        ((try? JSONEncoder().encode(document)) ?? Data()).base64EncodedString()
    }

    static func decodeBase(_ text: String) -> DocumentValue? {
        guard let data = Data(base64Encoded: text) else { return nil }
        return try? JSONDecoder().decode(DocumentValue.self, from: data)
    }
}

/// What an entry form shows: the form, its inputs' values, and what to say about them.
struct EntryFormView {
    var form: EntryForm
    var id: EntryID
    var state: FormState
    /// The document the form was filled from (`nil` for a new entry).
    var base: DocumentValue?
    var isNew: Bool
    var csrf: String
    var problems: [ValidationIssue] = []
    /// Fields changed meanwhile by someone else.
    var conflicts: [EntryFields.EditConflict] = []
    /// Likely duplicates of a new enterprise.
    var duplicates: [EntryKey] = []
    /// The links field whose search line was submitted.
    var searchedField: String?
    /// Why the node did not publish (not ready, a forked log).
    var refusal: String?
    var status: HTTPResponse.Status = .ok
}
