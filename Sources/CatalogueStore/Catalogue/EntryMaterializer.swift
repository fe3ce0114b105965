package import DirectoryModel
package import SyncProtocol

/// Builds the entry document of a merged CRDT state; `CatalogueEntry` reads it with the same
/// reader that reads entry files — so a merged entry is checked by the same rules as a
/// published one.
package enum EntryMaterializer {
    /// The entry document of `state`: each register's winning value and each set's elements,
    /// placed at their paths.
    package static func document(of state: EntryState, kind: EntryKind) -> DocumentValue {
        var root = DocumentObject()
        root["kind"] = .string(kind.rawValue)
        root["id"] = .string(state.id)
        for field in CatalogueSchema.fields[kind] ?? [] {
            switch field.shape {
            case .localized:
                let prefix = field.path + "."
                var texts = DocumentObject()
                for name in state.registers.keys.sorted() where name.hasPrefix(prefix) {
                    if let value = state.registers[name]?.value?.string {
                        texts[String(name.dropFirst(prefix.count))] = .string(value)
                    }
                }
                if !texts.isEmpty { insert(.object(texts), at: field.path, into: &root) }
            case .register:
                if let value = state.register(field.path)?.value {
                    let document: DocumentValue =
                        if field.isDecimal, case .string(let text) = value { .number(text) } else {
                            documentValue(value, numeric: field.numericMembers)
                        }
                    insert(document, at: field.path, into: &root)
                }
            case .set:
                let values = state.set(field.path)?.values ?? []
                if !values.isEmpty {
                    insert(.list(values.map { documentValue($0, numeric: []) }), at: field.path, into: &root)
                }
            }
        }
        return .object(root)
    }

    static func documentValue(_ value: SyncValue, numeric: Set<String>) -> DocumentValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .integer(let number): .number(String(number))
        case .string(let text): .string(text)
        case .array(let values): .list(values.map { documentValue($0, numeric: []) })
        case .object(let fields):
            .object(
                DocumentObject(
                    fields.keys.sorted().map { key in
                        let member = fields[key] ?? .null
                        if numeric.contains(key) {
                            switch member {
                            case .string(let text): return (key, .number(text))
                            case .integer(let number): return (key, .number(String(number)))
                            default: break
                            }
                        }
                        return (key, documentValue(member, numeric: []))
                    }))
        }
    }

    static func insert(_ value: DocumentValue, at path: String, into root: inout DocumentObject) {
        let keys = path.split(separator: ".").map(String.init)
        func insert(_ keys: ArraySlice<String>, into object: inout DocumentObject) {
            guard let first = keys.first else { return }
            if keys.count == 1 {
                object[first] = value
                return
            }
            var child: DocumentObject
            if case .object(let existing)? = object[first] { child = existing } else { child = DocumentObject() }
            insert(keys.dropFirst(), into: &child)
            object[first] = .object(child)
        }
        insert(keys[...], into: &root)
    }
}
