import CatalogueStore
import DirectoryModel
import Foundation
import HTTPTypes
import Hummingbird
import SyncProtocol
import Workspace

/// An entry in the workspace: its state, the problems of the merged entry, the concurrent
/// values that lost (from whom, where, when — and a button to keep one), who last changed each
/// field, and retract or restore behind a confirmation.
extension WebController {
    /// The entry's key if `id` is a canonical entry id.
    private func workspaceKey(_ kind: EntryKind, _ id: String) -> EntryKey? {
        guard let entryID = try? EntryID(parsing: id), entryID.rawValue == id else { return nil }
        return EntryKey(kind: kind.rawValue, id: id)
    }

    /// `GET /workspace/{kind}/{id}`.
    func workspaceEntry(_ request: Request, kind: EntryKind, id: String) async throws -> Response {
        guard let signedIn = try await workspaceSession(request) else { return try await notSignedIn(request) }
        guard workspaceKey(kind, id) != nil, let read = try await node.catalogueEntry(kind: kind.rawValue, id: id),
            read.state.hasValues
        else { return try await page(request, cacheable: false) { notFound($0) } }
        let query = FormBody(queryOf: request)
        return try await workspacePage(request) { context in
            let name = read.entry.flatMap { context.label($0.displayName) } ?? id
            var values = context.base(title: name)
            values["heading"] = name
            values["kind"] = context.text("kindOne.\(kind.rawValue)")
            values["workspaceHref"] = context.href("/workspace")
            values["csrf"] = signedIn.session.formToken
            let base = "/workspace/\(kind.rawValue)/\(id)"
            values["editHref"] = context.href(base + "/edit")
            if read.isVisible { values["publicHref"] = context.href("/\(kind.rawValue)/\(id)") }
            if read.state.isRetracted {
                values["status"] = context.text("entryRetracted")
                values["restoreHref"] = context.href(base + "/restore")
            } else {
                values["status"] = context.text(read.entry == nil ? "entryUnreadable" : "entryPublished")
                values["retractHref"] = context.href(base + "/retract")
            }
            for notice in ["published", "retracted", "restored", "kept", "stale"] where query[notice] == "1" {
                values["notice"] = context.text("entryNotice.\(notice)")
            }
            values["problems"] = read.problems.map { issue -> [String: Any] in
                [
                    "path": issue.path.description,
                    "message": ValidationMessageText.text(issue.message, context.language),
                    "lang": ValidationMessageText.isTranslated(issue.message, context.language) ? false : "en",
                ]
            }
            let labels = EntryFormLabels(form: EntryForm(kind: kind), context: context)
            values["conflicts"] = read.state.registers.keys.sorted().compactMap { field -> [String: Any]? in
                guard let register = read.state.register(field), let winner = register.winner,
                    !register.conflicts.isEmpty
                else { return nil }
                return [
                    "label": labels.label(ofRegister: field),
                    "current": write(winner, labels, register: field),
                    "lost": register.conflicts.map { lost -> [String: Any] in
                        var value = write(lost, labels, register: field)
                        value["field"] = field
                        value["tag"] = lost.tag.description
                        value["action"] = context.href(base + "/keep")
                        return value
                    },
                ]
            }
            var history: [[String: Any]] = []
            for (field, standing) in Provenance.fields(of: read.state).sorted(by: { $0.key < $1.key }) {
                guard let current = standing.current else { continue }
                var row = write(current, labels, register: field)
                row["label"] = labels.label(ofRegister: field)
                // The values before, from the signed log (registers only: a set's element is
                // added once and removed once).
                let earlier = try await node.history(of: read.state, register: field, limit: 21).filter {
                    $0.tag != current.tag
                }
                if !earlier.isEmpty {
                    row["earlier"] = earlier.prefix(20).map { write($0, labels, register: field) }
                    row["earlierSummary"] = context.text(
                        earlier.count == 1 ? "entryEarlierOne" : "entryEarlier", ["n": String(earlier.count)])
                }
                history.append(row)
            }
            values["history"] = history
            return Page(template: "workspace-entry", values: values)
        }
    }

    /// A write as the workspace shows it: the value, who, where, when.
    private func write(_ write: Write, _ labels: EntryFormLabels, register: String) -> [String: Any] {
        [
            "value": labels.display(write.value, register: register), "editor": write.editor,
            "region": region(write), "time": PageContext.dateTime(write.hlc.time),
            "datetime": PageContext.machineDateTime(write.hlc.time),
        ]
    }

    /// `GET /workspace/{kind}/{id}/retract` and `…/restore`: what it does, and a button.
    func confirmRetraction(_ request: Request, kind: EntryKind, id: String, restoring: Bool) async throws -> Response {
        guard let signedIn = try await workspaceSession(request) else { return try await notSignedIn(request) }
        guard workspaceKey(kind, id) != nil, let read = try await node.catalogueEntry(kind: kind.rawValue, id: id),
            read.state.hasValues
        else { return try await page(request, cacheable: false) { notFound($0) } }
        return try await workspacePage(request) { context in
            let name = read.entry.flatMap { context.label($0.displayName) } ?? id
            let action = restoring ? "restore" : "retract"
            var values = context.base(title: context.text("confirm.\(action).title", ["name": name]))
            values["heading"] = context.text("confirm.\(action).title", ["name": name])
            values["explanation"] = context.text("confirm.\(action).note")
            values["button"] = context.text("confirm.\(action).button")
            values["actionHref"] = context.href("/workspace/\(kind.rawValue)/\(id)/\(action)")
            values["cancelHref"] = context.href("/workspace/\(kind.rawValue)/\(id)")
            values["csrf"] = signedIn.session.formToken
            return Page(template: "confirm", values: values)
        }
    }

    /// `POST /workspace/{kind}/{id}/retract`, `…/restore` and `…/keep`.
    func changeEntry(_ request: Request, kind: EntryKind, id: String, action: String) async throws -> Response {
        guard let signedIn = try await workspaceSession(request) else { return try await notSignedIn(request) }
        guard let key = workspaceKey(kind, id) else {
            return try await page(request, cacheable: false) { notFound($0) }
        }
        var request = request
        let form = FormBody(String(buffer: try await request.collectBody(upTo: 16 * 1024)))
        guard Self.isSameOrigin(request), form["csrf"] == signedIn.session.formToken else {
            return try await formExpired(request)
        }
        let editor = Self.editorName(signedIn.account)
        let notice: String
        do {
            switch action {
            case "retract":
                _ = try await node.retract([key], editor: editor)
                notice = "retracted"
            case "restore":
                notice = try await node.restore(key, editor: editor) ? "restored" : "stale"
            default:
                guard let field = form["field"], let text = form["tag"], let tag = try? WriteTag(parsing: text) else {
                    return try await formExpired(request)
                }
                notice = try await node.keep(key, field: field, tag: tag, editor: editor) ? "kept" : "stale"
            }
        } catch let error as NodeError where error.code == .noSuchEntry {
            return try await page(request, cacheable: false) { notFound($0) }
        } catch let error as NodeError {
            return try await workspacePage(request) { context in
                var values = context.base(title: context.text("workspaceTitle"))
                values["message"] = error.description
                return Page(template: "message", values: values, status: .serviceUnavailable)
            }
        }
        return redirect(pageContext(for: request).href("/workspace/\(kind.rawValue)/\(id)", [(notice, "1")]))
    }
}

/// The labels of an entry form's fields and registers, for pages that name fields.
struct EntryFormLabels {
    let form: EntryForm
    let context: PageContext

    func label(_ field: EntryForm.Field, list: String?) -> String {
        context.text("entryField." + (list.map { $0 + "." } ?? "") + field.path)
    }

    func languageName(_ code: String) -> String {
        let name = InterfaceText.text("language.\(code)", context.language)
        return name == "language.\(code)" ? code : name.capitalizedFirst
    }

    /// A register's label: `name.de` is "Name (Deutsch)"; a set element `sectors["16"]` is
    /// "Sectors: 16".
    func label(ofRegister register: String) -> String {
        if let bracket = register.firstIndex(of: "[") {
            let list = String(register[..<bracket])
            let element = register[register.index(after: bracket)...].dropLast()
            let name = form.fields.first { $0.path == list }.map { label($0, list: nil) } ?? list
            return "\(name): \(element.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))"
        }
        if let field = form.fields.first(where: { $0.path == register }) { return label(field, list: nil) }
        let parts = register.split(separator: ".")
        if parts.count > 1,
            let field = form.fields.first(where: { $0.path == parts.dropLast().joined(separator: ".") })
        {
            return label(field, list: nil) + " (" + languageName(String(parts.last ?? "")) + ")"
        }
        if let field = Self.groupLabels[register] { return context.text(field) }
        return register
    }

    /// Registers that hold an object whose members the form edits one by one.
    private static let groupLabels = [
        "geo": "entryField.geo", "order.price": "entryField.order.price", "period": "entryField.period",
        "contractValue": "entryField.contractValue",
    ]

    /// A register's value as an editor reads it: text as it is, nothing as "(empty)", yes or
    /// no, an object's members by their form labels ("Latitude: 48.2; Longitude: 15.6"), a
    /// list's items one after the other; JSON only for what no form field names.
    func display(_ value: SyncValue, register: String?) -> String {
        switch value {
        case .null: return context.text("formEmpty")
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .bool(let flag): return context.text(flag ? "formYes" : "formNo")
        case .array(let items): return items.map { display($0, register: register) }.joined(separator: " · ")
        case .object(let members):
            let prefix = register.map { $0 + "." } ?? ""
            let order = form.fields.map(\.path)
            let keys = members.keys.sorted { a, b in
                let (i, j) = (order.firstIndex(of: prefix + a) ?? .max, order.firstIndex(of: prefix + b) ?? .max)
                return i != j ? i < j : a < b
            }
            return keys.map { key -> String in
                let path = prefix + key
                let name = form.fields.first { $0.path == path }.map { label($0, list: nil) } ?? key
                return name + ": " + display(members[key] ?? .null, register: nil)
            }.joined(separator: "; ")
        }
    }
}
