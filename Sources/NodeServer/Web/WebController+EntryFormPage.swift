import CatalogueStore
import DirectoryModel
import Foundation
import SyncProtocol
import Workspace

/// Renders an entry form: sections of fields, every problem at its input (`aria-invalid`,
/// `aria-describedby`) and in a summary linking to it, texts in German, Hungarian and English
/// side by side with what a reader would see instead of an empty one.
extension WebController {
    func entryForm(_ view: EntryFormView, _ context: PageContext) async throws -> Page {
        let form = view.form
        let kind = form.kind
        // The names of linked entries, and candidates of a search.
        var keys: [EntryKey] = []
        var candidates: [String: [EntryKey]] = [:]
        for field in form.fields {
            guard case .links(let linkKind) = field.control else { continue }
            keys += (view.state[field.path] ?? []).map { EntryKey(kind: linkKind.rawValue, id: $0) }
            if field.path == view.searchedField, let text = view.state.text(EntryForm.searchName(field.path)) {
                var query = CatalogueQuery()
                query.kind = linkKind
                query.text = text
                query.limit = 10
                let found = try await node.store.entries(matching: query).items.map {
                    EntryKey(kind: $0.kind, id: $0.id)
                }
                candidates[field.path] = found
                keys += found
            }
        }
        let read = try await node.store.catalogueEntries(Set(keys))
        let names = read.compactMapValues { $0.entry?.displayName }
        let storedPictures = view.base.flatMap { EntryDecoding.read($0, impliedKind: kind).entry?.pictures } ?? []

        var renderer = EntryFormRenderer(
            view: view, context: context, names: names, candidates: candidates, pictures: storedPictures)
        let sections = form.sections.map { section -> [String: Any] in
            [
                "heading": context.text("formSection.\(section.name)"),
                "id": "s-\(section.name)",
                "fields": section.fields.map { renderer.field($0, prefix: "") },
            ]
        }
        let name = view.base.flatMap { EntryDecoding.read($0, impliedKind: kind).entry?.displayName }
        let title =
            view.isNew
            ? context.text("formNew.\(kind.rawValue)")
            : context.text("formEdit", ["name": name.flatMap { context.label($0) } ?? view.id.rawValue])
        var values = context.base(title: title)
        values["heading"] = title
        values["kind"] = context.text("kindOne.\(kind.rawValue)")
        values["actionHref"] = context.href("/workspace/\(kind.rawValue)/\(view.id.rawValue)/edit")
        values["workspaceHref"] = context.href("/workspace")
        if !view.isNew {
            values["entryHref"] = context.href("/workspace/\(kind.rawValue)/\(view.id.rawValue)")
        }
        values["csrf"] = view.csrf
        values["isNew"] = view.isNew
        if let base = view.base { values["base"] = Self.encodeBase(base) }
        values["sections"] = sections
        let summary = renderer.summary()
        if !summary.isEmpty {
            values["summary"] = summary
            values["summaryHeading"] = context.text(
                summary.count == 1 ? "formProblemsOne" : "formProblems", ["n": String(summary.count)])
        }
        if !view.conflicts.isEmpty {
            let labels = EntryFormLabels(form: view.form, context: context)
            values["conflicts"] = view.conflicts.map { conflict -> [String: Any] in
                [
                    "label": renderer.label(ofRegister: conflict.field),
                    "current": labels.display(conflict.current, register: conflict.field),
                    "mine": labels.display(conflict.mine, register: conflict.field),
                ]
            }
        }
        if !view.duplicates.isEmpty {
            let duplicateNames = try await node.store.catalogueEntries(Set(view.duplicates))
            values["duplicates"] = view.duplicates.map { key -> [String: Any] in
                [
                    "href": context.href("/\(key.kind)/\(key.id)"),
                    "name": duplicateNames[key]?.entry.flatMap { context.localized($0.displayName) } ?? [
                        "text": key.id
                    ],
                ]
            }
        }
        if let refusal = view.refusal { values["refusal"] = refusal }
        return Page(template: "entry-form", values: values, status: view.status)
    }

}

/// Builds the template values of one form, assigning each problem to the input it is about.
struct EntryFormRenderer {
    /// Choices with more options than this are folded into a `<details>` element.
    static let foldedChoices = 12

    let view: EntryFormView
    let context: PageContext
    let names: [EntryKey: LocalizedText]
    let candidates: [String: [EntryKey]]
    let pictures: [PictureReference]
    /// Problems by the input name they belong to (`""`: the entry as a whole).
    private var assigned: [String: [ValidationIssue]] = [:]
    /// Every element's name in the order shown, with its id and label, for the summary.
    private var shown: [(name: String, id: String, label: String)] = []

    init(
        view: EntryFormView, context: PageContext, names: [EntryKey: LocalizedText],
        candidates: [String: [EntryKey]], pictures: [PictureReference]
    ) {
        self.view = view
        self.context = context
        self.names = names
        self.candidates = candidates
        self.pictures = pictures
        var elements: [String] = []
        for field in view.form.fields { Self.collect(field, prefix: "", state: view.state, into: &elements) }
        for issue in view.problems {
            assigned[Self.owner(of: issue.path.description, among: elements), default: []].append(issue)
        }
    }

    /// The element a problem at `path` is shown at: the element of that name, else the
    /// innermost element it lies in (`sectors[2]` at `sectors`), else the first element inside
    /// it (`order.price` at `order.price.onRequest`), else the entry as a whole.
    static func owner(of path: String, among elements: [String]) -> String {
        if elements.contains(path) { return path }
        let containing = elements.filter { path.hasPrefix($0 + ".") || path.hasPrefix($0 + "[") }
        if let innermost = containing.max(by: { $0.count < $1.count }) { return innermost }
        if let inside = elements.first(where: { $0.hasPrefix(path + ".") || $0.hasPrefix(path + "[") }) {
            return inside
        }
        return ""
    }

    /// The languages a text offers inputs for: the catalogue's, and any other it holds.
    static func languages(_ name: String, state: FormState) -> [String] {
        var languages = EntryForm.languages.map(\.rawValue)
        for key in state.keys.sorted() where key.hasPrefix(name + ".") {
            let language = String(key.dropFirst(name.count + 1))
            if !language.contains("."), !languages.contains(language), (try? LanguageTag(parsing: language)) != nil {
                languages.append(language)
            }
        }
        return languages
    }

    static func rowCount(_ field: EntryForm.Field, name: String, state: FormState) -> Int {
        let count = min(Int(state.text(EntryForm.rowCountName(name)) ?? "") ?? 0, EntryLimits.listItems)
        // A stored picture is added by uploading, not by the form: no empty row for it.
        return field.path == "pictures" ? count : count + 1
    }

    private static func collect(
        _ field: EntryForm.Field, prefix: String, state: FormState, into elements: inout [String]
    ) {
        let name = prefix + field.path
        elements.append(name)
        switch field.control {
        case .localized:
            elements += languages(name, state: state).map { "\(name).\($0)" }
        case .choices(_, let otherCodes):
            if otherCodes { elements.append(EntryForm.otherName(name)) }
        case .links:
            elements.append(EntryForm.searchName(name))
        case .rows(let members):
            for index in 0..<rowCount(field, name: name, state: state) {
                elements.append("\(name)[\(index)]")
                for member in members { collect(member, prefix: "\(name)[\(index)].", state: state, into: &elements) }
            }
        default: break
        }
    }

    static func elementID(_ name: String) -> String {
        "f-" + String(name.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    var labels: EntryFormLabels { EntryFormLabels(form: view.form, context: context) }

    func label(_ field: EntryForm.Field, list: String?) -> String { labels.label(field, list: list) }

    func label(ofRegister register: String) -> String { labels.label(ofRegister: register) }

    func languageName(_ code: String) -> String { labels.languageName(code) }

    /// The problems shown at `name`, as template values, with the element's id for the summary.
    private mutating func problems(_ name: String, label: String) -> [[String: Any]] {
        let id = Self.elementID(name)
        shown.append((name, id, label))
        return (assigned[name] ?? []).map { issue in
            [
                "message": ValidationMessageText.text(issue.message, context.language),
                "lang": ValidationMessageText.isTranslated(issue.message, context.language) ? false : "en",
            ]
        }
    }

    /// Every key a template section of `formfield` asks for, set: Mustache looks a key missing
    /// from an element up in the elements around it, and a language input without problems
    /// would show its field's.
    static var blank: [String: Any] {
        [
            "isText": false, "isLines": false, "isFlag": false, "isSelect": false, "isLocalized": false,
            "isChoices": false, "isLinks": false, "isRows": false, "invalid": false, "errors": [Any](),
            "required": false,
            "hint": false, "describedBy": false, "inputmode": false, "narrow": false, "checked": false,
            "multiline": false, "fallback": false, "folded": false, "open": false, "other": false, "search": false,
            "noneFound": false, "rowCount": false, "rows": [Any](), "more": false, "picturesNote": false,
            "pictureKey": false, "thumbnail": false, "remove": false, "links": [Any](), "options": [Any](),
            "fields": [Any](), "languages": [Any](), "value": "", "lang": false,
        ]
    }

    /// Problems and ids that the template puts on an input: `id`, `invalid`, `errors`,
    /// `errorID`, and `describedBy` (with the hint and the fallback's ids).
    private mutating func annotate(_ values: inout [String: Any], name: String, label: String) {
        for (key, value) in Self.blank where values[key] == nil { values[key] = value }
        let errors = problems(name, label: label)
        values["id"] = Self.elementID(name)
        var described: [String] = []
        if let hint = values["hintID"] as? String { described.append(hint) }
        if !errors.isEmpty {
            values["invalid"] = true
            values["errors"] = errors
            values["errorID"] = Self.elementID(name) + "-error"
            described.append(Self.elementID(name) + "-error")
        }
        if let fallback = values["fallbackID"] as? String { described.append(fallback) }
        if !described.isEmpty { values["describedBy"] = described.joined(separator: " ") }
    }

    mutating func field(_ field: EntryForm.Field, prefix: String, list: String? = nil) -> [String: Any] {
        let name = prefix + field.path
        let label = label(field, list: list)
        var values: [String: Any] = ["name": name, "label": label, "required": field.required]
        if let hint = InterfaceText.table["entryHint." + (list.map { $0 + "." } ?? "") + field.path]?[context.language]
        {
            values["hint"] = hint
            values["hintID"] = Self.elementID(name) + "-hint"
        }
        annotate(&values, name: name, label: label)
        let state = view.state
        switch field.control {
        case .text(let maxLength):
            values["isText"] = true
            values["value"] = state[name]?.first ?? ""
            values["maxlength"] = maxLength
            if field.path.hasSuffix("email") {
                values["type"] = "email"
            } else if field.path.hasSuffix("website")
                || field.path == "url"
            {
                values["type"] = "url"
            } else if field.path.hasSuffix("phone") {
                values["type"] = "tel"
            } else {
                values["type"] = "text"
            }
        case .integer, .decimal:
            values["isText"] = true
            values["type"] = "text"
            values["inputmode"] = field.control == .integer ? "numeric" : "decimal"
            values["value"] = state[name]?.first ?? ""
            values["maxlength"] = 40
            values["narrow"] = true
        case .flag:
            values["isFlag"] = true
            values["checked"] = state[name]?.contains("true") == true
        case .lines(let maxLength):
            values["isLines"] = true
            values["value"] = state[name]?.first ?? ""
            values["maxlength"] = maxLength * EntryLimits.listItems
        case .choice(let options):
            values["isSelect"] = true
            let chosen = state[name]?.first ?? ""
            var shownOptions = options.map { option -> [String: Any] in
                [
                    "value": option.value, "label": optionLabel(option, field: field),
                    "selected": option.value == chosen,
                ]
            }
            if !chosen.isEmpty, !options.contains(where: { $0.value == chosen }) {
                shownOptions.append(["value": chosen, "label": chosen, "selected": true])
            }
            values["options"] = shownOptions
            values["emptyLabel"] = context.text("formNone")
        case .localized(let multiline, let maxLength):
            values["isLocalized"] = true
            var texts = LocalizedText()
            for language in Self.languages(name, state: state) {
                if let tag = try? LanguageTag(parsing: language), let text = state.text("\(name).\(language)") {
                    texts[tag] = text
                }
            }
            values["languages"] = Self.languages(name, state: state).map { language -> [String: Any] in
                let inputName = "\(name).\(language)"
                let languageLabel = languageName(language)
                var input: [String: Any] = [
                    "name": inputName, "lang": language, "label": languageLabel,
                    "value": state[inputName]?.first ?? "", "multiline": multiline, "maxlength": maxLength,
                ]
                if state.text(inputName) == nil, let tag = try? LanguageTag(parsing: language),
                    let shownInstead = texts.resolved(preferring: [tag]), shownInstead.isFallback
                {
                    input["fallback"] = context.text(
                        "formFallback", ["language": languageName(shownInstead.language.rawValue)])
                    input["fallbackText"] = String(shownInstead.text.prefix(160))
                    input["fallbackLang"] = shownInstead.language.rawValue
                    input["fallbackID"] = Self.elementID(inputName) + "-fallback"
                }
                annotate(&input, name: inputName, label: "\(label) (\(languageLabel))")
                return input
            }
        case .choices(let options, let otherCodes):
            values["isChoices"] = true
            let chosen = Set(state[name] ?? [])
            values["options"] = options.enumerated().map { index, option -> [String: Any] in
                [
                    "name": name, "value": option.value, "label": optionLabel(option, field: field),
                    "checked": chosen.contains(option.value), "optionID": Self.elementID(name) + "-\(index)",
                ]
            }
            values["folded"] = options.count > Self.foldedChoices
            values["chosenCount"] = context.text("formChosen", ["n": String(chosen.count)])
            values["open"] = !chosen.isEmpty && options.count <= 30 || values["invalid"] != nil
            if otherCodes {
                let otherName = EntryForm.otherName(name)
                var other: [String: Any] = [
                    "name": otherName, "value": state[otherName]?.first ?? "",
                    "label": context.text("formOtherCodes"),
                ]
                annotate(&other, name: otherName, label: label)
                values["other"] = other
            }
        case .links(let linkKind):
            values["isLinks"] = true
            let linked = state[name] ?? []
            var shownLinks = linked.enumerated().map { index, id -> [String: Any] in
                link(kind: linkKind, id: id, checked: true, inputID: Self.elementID(name) + "-\(index)", field: name)
            }
            for (index, key) in (candidates[field.path] ?? []).enumerated() where !linked.contains(key.id) {
                shownLinks.append(
                    link(
                        kind: linkKind, id: key.id, checked: false, inputID: Self.elementID(name) + "-c\(index)",
                        field: name))
            }
            values["links"] = shownLinks
            if candidates[field.path]?.isEmpty == true { values["noneFound"] = context.text("formNoneFound") }
            let searchName = EntryForm.searchName(name)
            var search: [String: Any] = [
                "name": searchName, "value": field.path == view.searchedField ? "" : (state[searchName]?.first ?? ""),
                "label": context.text("formFind.\(linkKind.rawValue)"), "action": "find:\(name)",
                "button": context.text("formFindButton"),
            ]
            annotate(&search, name: searchName, label: label)
            values["search"] = search
        case .rows(let members):
            values["isRows"] = true
            let count = Self.rowCount(field, name: name, state: state)
            values["rowCount"] = ["name": EntryForm.rowCountName(name), "value": String(count)]
            values["rows"] = (0..<count).map { index -> [String: Any] in
                let rowPrefix = "\(name)[\(index)]."
                var row: [String: Any] = [
                    "legend": context.text("formRow.\(field.path)", ["n": String(index + 1)])
                ]
                annotate(&row, name: "\(name)[\(index)]", label: "\(label) \(index + 1)")
                if field.path == "pictures" {
                    let key = state[rowPrefix + "picture"]?.first ?? ""
                    row["pictureKey"] = ["name": rowPrefix + "picture", "value": key]
                    if let picture = pictures.first(where: { Self.pictureKey($0) == key }) {
                        row["thumbnail"] = context.picture(picture, box: 192)
                    }
                    row["remove"] = [
                        "name": EntryForm.removeName(name, index), "label": context.text("formRemovePicture"),
                        "id": Self.elementID(rowPrefix + "remove"),
                        "checked": state[rowPrefix + "remove"]?.contains("true") == true,
                    ]
                }
                row["fields"] = members.map { self.field($0, prefix: rowPrefix, list: field.path) }
                return row
            }
            if field.path != "pictures" {
                values["more"] = ["action": "more:\(name)", "label": context.text("formMore.\(field.path)")]
            } else {
                values["picturesNote"] = context.text("formPicturesNote")
            }
        }
        return values
    }

    static func pictureKey(_ picture: PictureReference) -> String {
        switch picture.source {
        case .stored(let info): "sha256:\(info.sha256.rawValue)"
        case .file(let path): "file:\(path)"
        case .address(let url): "url:\(url.rawValue)"
        }
    }

    private func optionLabel(_ option: EntryForm.Option, field: EntryForm.Field) -> String {
        let label = context.label(option.label) ?? option.value
        switch field.path {
        case "sectors", "categories": return "\(option.value.prefix(2)) \(label)"
        case "region", "deliveryArea", "regions": return "\(label) (\(option.value))"
        default: return label
        }
    }

    private func link(kind: EntryKind, id: String, checked: Bool, inputID: String, field: String) -> [String: Any] {
        let name = names[EntryKey(kind: kind.rawValue, id: id)]
        return [
            "name": field, "value": id, "checked": checked, "optionID": inputID,
            "label": name.flatMap { context.label($0) } ?? id,
            "href": context.href("/\(kind.rawValue)/\(id)"),
        ]
    }

    /// Every problem with a link to where it is shown, in the order of the form.
    func summary() -> [[String: Any]] {
        var items: [[String: Any]] = []
        for issue in assigned[""] ?? [] {
            items.append([
                "label": false, "message": ValidationMessageText.text(issue.message, context.language),
                "lang": ValidationMessageText.isTranslated(issue.message, context.language) ? false : "en",
                "href": "#form-top",
            ])
        }
        for element in shown {
            for issue in assigned[element.name] ?? [] {
                items.append([
                    "label": element.label, "message": ValidationMessageText.text(issue.message, context.language),
                    "lang": ValidationMessageText.isTranslated(issue.message, context.language) ? false : "en",
                    "href": "#" + element.id,
                ])
            }
        }
        return items
    }
}
