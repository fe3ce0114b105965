package import DirectoryModel
import Foundation
package import SyncProtocol

/// An entry flattened into CRDT fields: register values by name (`name.de`, `region`) and set
/// elements by name (`sectors`).
package struct EntryFields: Hashable, Sendable {
    package var kind: EntryKind
    package var id: EntryID
    /// Register name → value (`null` for a field the document sets to nothing).
    package var registers: [String: SyncValue] = [:]
    /// Set name → elements.
    package var sets: [String: [SyncValue]] = [:]

    /// No fields: an entry's fields to be filled in.
    package init(kind: EntryKind, id: EntryID) {
        self.kind = kind
        self.id = id
    }

    /// Flattens `document` (an entry document as written in a file or by `Entry.document`).
    ///
    /// Only what the document mentions is included: a language or field it leaves out is not
    /// in `registers`, so publishing leaves it alone. A field written as `null` becomes a `null`
    /// register value, which clears it.
    package init(kind: EntryKind, id: EntryID, document: DocumentValue) {
        self.kind = kind
        self.id = id
        for field in CatalogueSchema.fields[kind] ?? [] {
            guard let value = Self.lookup(field.path, in: document) else { continue }
            switch field.shape {
            case .localized:
                if case .object(let texts) = value {
                    for (language, text) in texts.fields {
                        let tag = (try? LanguageTag(parsing: language).rawValue) ?? language
                        registers["\(field.path).\(tag)"] = Self.syncValue(Self.asText(text))
                    }
                } else if value == .null {
                    // `name: null` says nothing about single languages; leave them alone.
                    continue
                }
            case .register(.string) where !field.isDecimal:
                registers[field.path] = Self.syncValue(Self.asText(value))
            case .register:
                registers[field.path] = Self.syncValue(value, decimals: field.isDecimal ? [""] : field.numericMembers)
            case .set:
                let elements: [DocumentValue]
                switch value {
                case .list(let list): elements = list
                case .null: elements = []
                default: elements = [value]
                }
                var seen: Set<[UInt8]> = []
                let textual = field.shape == .set(.string)
                sets[field.path] = elements.map { Self.syncValue(textual ? Self.asText($0) : $0) }.filter {
                    seen.insert(CanonicalJSON.encode($0)).inserted
                }
            }
        }
    }

    /// The document value at a dotted path, or `nil` if the document does not mention it.
    static func lookup(_ path: String, in document: DocumentValue) -> DocumentValue? {
        var current = document
        for key in path.split(separator: ".") {
            guard case .object(let object) = current, let next = object[String(key)] else { return nil }
            current = next
        }
        return current
    }

    /// Document values become sync values: numbers that are whole stay integers, other numbers
    /// become decimal strings (JSON on the wire carries no fractions). Decimal fields — the
    /// value itself (`""` in `decimals`) or the named members of an object — are always
    /// normalised decimal strings, so `65`, `65.0` and `65.00` are one value.
    static func syncValue(_ value: DocumentValue, decimals: Set<String> = []) -> SyncValue {
        if decimals.contains(""), case .number(let text) = value { return .string(normalisedDecimal(text)) }
        switch value {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let text):
            if let integer = Int64(text), abs(integer) <= SyncValue.maximumInteger { return .integer(integer) }
            return .string(text)
        case .string(let text): return .string(text)
        case .list(let values): return .array(values.map { syncValue($0) })
        case .object(let object):
            return .object(
                Dictionary(
                    uniqueKeysWithValues: object.fields.map { key, member in
                        (key, syncValue(member, decimals: decimals.contains(key) ? [""] : []))
                    }))
        }
    }

    /// A number where text is expected is its digits as written (`postalCode: 03100` is
    /// "03100"), as the entry model reads it (`sopro-node check`). Measured before: such a
    /// number was published as an integer, which the field schema refused when the change was
    /// signed — `check` passed, `publish` answered 500.
    static func asText(_ value: DocumentValue) -> DocumentValue {
        if case .number(let text) = value { return .string(text) }
        return value
    }

    static func normalisedDecimal(_ text: String) -> String {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")).map { "\($0)" } ?? text
    }
}
