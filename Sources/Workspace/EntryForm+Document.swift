package import DirectoryModel
import Foundation

/// A form's inputs: name → values in order, as a browser submits them (checkboxes of one group
/// share a name). What a document fills in and what a submission carries have this one shape,
/// so a form re-shown with its problems shows exactly what was sent.
package typealias FormState = [String: [String]]

extension FormState {
    /// The first value of `name`, trimmed; `nil` when absent or blank.
    package func text(_ name: String) -> String? {
        guard let value = self[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty
        else { return nil }
        return value
    }

    /// Builds the state of a submitted form's pairs. Browsers send a text area's line breaks
    /// as CR LF (HTML's form submission); they are read as the LF a document holds.
    package init(pairs: [(name: String, value: String)]) {
        self.init()
        for (name, value) in pairs {
            self[name, default: []].append(value.replacingOccurrences(of: "\r\n", with: "\n"))
        }
    }
}

extension EntryForm {
    /// The input names of a row: `partners[2].name`.
    package static func rowName(_ list: String, _ index: Int, _ member: String) -> String {
        "\(list)[\(index)].\(member)"
    }

    /// How many rows a list input holds (`partners.rows`).
    package static func rowCountName(_ list: String) -> String { "\(list).rows" }

    /// The further codes of a choices input (`sectors.other`).
    package static func otherName(_ path: String) -> String { "\(path).other" }

    /// The search line of a links input (`enterprises.search`).
    package static func searchName(_ path: String) -> String { "\(path).search" }

    /// A stored picture's row keeps it unless this box is ticked.
    package static func removeName(_ list: String, _ index: Int) -> String { rowName(list, index, "remove") }

    /// The form's inputs filled from `document` (an entry document: a file's, or the merged
    /// entry's).
    package func state(of document: DocumentValue) -> FormState {
        var state = FormState()
        for field in fields {
            fill(&state, field, prefix: "", value: Self.value(at: field.path, in: document))
        }
        return state
    }

    private func fill(_ state: inout FormState, _ field: Field, prefix: String, value: DocumentValue?) {
        let name = prefix + field.path
        guard let value else {
            if case .rows = field.control { state[Self.rowCountName(name)] = ["0"] }
            return
        }
        switch field.control {
        case .text, .integer, .decimal, .choice:
            if let text = Self.text(value) { state[name] = [text] }
        case .localized:
            if case .object(let texts) = value {
                for (language, text) in texts.fields {
                    if let text = Self.text(text) { state["\(name).\(language)"] = [text] }
                }
            }
        case .flag:
            if value == .bool(true) { state[name] = ["true"] }
        case .choices(let options, _):
            let values = Self.list(value).compactMap(Self.text)
            let known = Set(options.map(\.value))
            state[name] = values.filter { known.contains($0) }
            let others = values.filter { !known.contains($0) }
            if !others.isEmpty { state[Self.otherName(name)] = [others.joined(separator: " ")] }
        case .lines:
            state[name] = [Self.list(value).compactMap(Self.text).joined(separator: "\n")]
        case .links:
            state[name] = Self.list(value).compactMap(Self.text)
        case .rows(let members):
            let rows = Self.list(value)
            state[Self.rowCountName(name)] = [String(rows.count)]
            for (index, row) in rows.enumerated() {
                let rowPrefix = "\(name)[\(index)]."
                for member in members {
                    fill(&state, member, prefix: rowPrefix, value: Self.value(at: member.path, in: row))
                }
                if field.path == "pictures", let key = Self.pictureKey(row) {
                    state[rowPrefix + "picture"] = [key]
                }
            }
        }
    }

    /// The entry document a submitted form says, with `id`. Stored pictures are taken from
    /// `base` (the document the form was filled from) by their key — a form can keep, remove
    /// and describe them, not invent one.
    package func document(from state: FormState, id: EntryID, base: DocumentValue?) -> DocumentValue {
        var document = DocumentObject()
        document["kind"] = .string(kind.rawValue)
        document["id"] = .string(id.rawValue)
        var tree = DocumentValue.object(document)
        for field in fields {
            if let value = value(of: field, prefix: "", in: state, base: base) {
                Self.set(value, at: field.path.split(separator: ".").map(String.init), in: &tree)
            }
        }
        return tree
    }

    private func value(of field: Field, prefix: String, in state: FormState, base: DocumentValue?) -> DocumentValue? {
        let name = prefix + field.path
        // A text is read trimmed; one the editor left as the base had it keeps the base's exact
        // text (a file's description may end with a line break), so it is not a change.
        func kept(_ typed: String, _ path: String) -> DocumentValue {
            if let base, let was = Self.value(at: path, in: base), let text = Self.text(was),
                text.trimmingCharacters(in: .whitespacesAndNewlines) == typed
            {
                return was
            }
            return .string(typed)
        }
        switch field.control {
        case .text, .choice:
            return state.text(name).map { kept($0, name) }
        case .integer, .decimal:
            return state.text(name).map(Self.number)
        case .localized:
            var texts = DocumentObject()
            let languagePrefix = name + "."
            for (key, values) in state.sorted(by: { Self.languageOrder($0.key) < Self.languageOrder($1.key) })
            where key.hasPrefix(languagePrefix) {
                let language = String(key.dropFirst(languagePrefix.count))
                guard (try? LanguageTag(parsing: language)) != nil, !language.contains("."),
                    let text = values.first?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty
                else { continue }
                texts[language] = kept(text, key)
            }
            return texts.isEmpty ? nil : .object(texts)
        case .flag:
            return state[name]?.contains("true") == true ? .bool(true) : nil
        case .choices(_, let otherCodes):
            var values = (state[name] ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if otherCodes, let other = state.text(Self.otherName(name)) {
                values += other.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
            }
            return Self.uniqueList(values)
        case .lines:
            let lines = (state[name] ?? []).flatMap { $0.split(whereSeparator: \.isNewline) }
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return Self.uniqueList(lines)
        case .links:
            var ids = (state[name] ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            // An id typed or pasted into the search line is a link at once.
            if let typed = state.text(Self.searchName(name)), let id = try? EntryID(parsing: typed) {
                ids.append(id.rawValue)
            }
            return Self.uniqueList(ids)
        case .rows(let members):
            let count = min(Int(state.text(Self.rowCountName(name)) ?? "") ?? 0, EntryLimits.listItems) + 1
            var rows: [DocumentValue] = []
            for index in 0..<count {
                let rowPrefix = "\(name)[\(index)]."
                var row = DocumentValue.object(DocumentObject())
                if field.path == "pictures" {
                    guard state[rowPrefix + "remove"]?.contains("true") != true,
                        let key = state.text(rowPrefix + "picture"),
                        let stored = Self.list(Self.value(at: "pictures", in: base ?? .null)).first(where: {
                            Self.pictureKey($0) == key
                        }), case .object(var picture) = stored
                    else { continue }
                    picture["alt"] = nil
                    row = .object(picture)
                }
                var filled = false
                for member in members {
                    if let value = value(of: member, prefix: rowPrefix, in: state, base: nil) {
                        Self.set(value, at: member.path.split(separator: ".").map(String.init), in: &row)
                        filled = true
                    }
                }
                if filled || field.path == "pictures" { rows.append(row) }
            }
            return rows.isEmpty ? nil : .list(rows)
        }
    }

    /// A stored picture's key in a form: its sha256, or the file or address a file names.
    static func pictureKey(_ picture: DocumentValue) -> String? {
        for key in ["sha256", "file", "url"] {
            if let text = picture[key].flatMap(text) { return "\(key):\(text)" }
        }
        return nil
    }

    /// German, Hungarian and English first, then the others by name.
    static func languageOrder(_ key: String) -> (Int, String) {
        let language = key.split(separator: ".").last.map(String.init) ?? key
        return (languages.map(\.rawValue).firstIndex(of: language) ?? languages.count, key)
    }

    static func uniqueList(_ values: [String]) -> DocumentValue? {
        var seen: Set<String> = []
        let unique = values.filter { seen.insert($0).inserted }
        return unique.isEmpty ? nil : .list(unique.map(DocumentValue.string))
    }

    /// A number as typed: `12,5` and `12.5` are the same number; what is not a number stays
    /// text, which the entry rules then refuse at the field ("expected a number").
    static func number(_ text: String) -> DocumentValue {
        var typed = text.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{A0}", with: "")
        if typed.filter({ $0 == "," }).count == 1, !typed.contains(".") {
            typed = typed.replacingOccurrences(of: ",", with: ".")
        }
        let isNumber =
            typed.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?/) != nil
        return isNumber ? .number(typed) : .string(text)
    }

    static func text(_ value: DocumentValue) -> String? {
        switch value {
        case .string(let text), .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }

    static func list(_ value: DocumentValue?) -> [DocumentValue] {
        switch value {
        case .list(let values): values
        case nil, .null: []
        case let value?: [value]
        }
    }

    /// The value at a dotted path of objects.
    static func value(at path: String, in document: DocumentValue) -> DocumentValue? {
        var current = document
        for key in path.split(separator: ".") {
            guard let next = current[String(key)] else { return nil }
            current = next
        }
        return current
    }

    static func set(_ value: DocumentValue, at keys: [String], in tree: inout DocumentValue) {
        guard let first = keys.first else {
            tree = value
            return
        }
        guard case .object(var object) = tree else { return }
        var child = object[first] ?? .object(DocumentObject())
        set(value, at: Array(keys.dropFirst()), in: &child)
        object[first] = child
        tree = .object(object)
    }
}
