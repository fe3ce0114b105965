/// Which fields each kind of entry has and how they merge: the contract between the catalogue's
/// model and the CRDT.
///
/// `SyncProtocol` does not know the catalogue; the node declares the schema (from
/// `DirectoryModel`) and passes it in. Operations on undeclared fields, or of the wrong shape or
/// value type, are refused.
public struct FieldSchema: Hashable, Sendable {
    /// How a field merges.
    public enum Shape: Hashable, Sendable {
        /// One value; last writer wins, concurrent losers kept as conflicts.
        case register(ValueType)
        /// One register per language: the operation's field is `name.<language tag>`.
        case localized
        /// Elements merged one by one (observed-remove set).
        case set(ValueType)
    }

    /// The JSON type a field's values must have.
    public enum ValueType: String, Hashable, Sendable {
        case string, integer, boolean, object, any

        func admits(_ value: SyncValue) -> Bool {
            switch (self, value) {
            case (.any, _), (.string, .string), (.integer, .integer), (.boolean, .bool), (.object, .object): true
            default: false
            }
        }
    }

    /// Which entry ids operations may name.
    public enum EntryIDForm: Hashable, Sendable {
        /// Any non-empty string (tests, tools).
        case any
        /// A UUID in canonical form: 8-4-4-4-12 lower-case hex digits, not the nil or max UUID.
        case canonicalUUID
    }

    /// Field name → shape, by kind.
    public private(set) var kinds: [String: [String: Shape]]
    public var entryIDs: EntryIDForm

    public init(kinds: [String: [String: Shape]], entryIDs: EntryIDForm = .any) {
        self.kinds = kinds
        self.entryIDs = entryIDs
    }

    /// The shape of `field` in `kind`, and for localized fields the language.
    public func resolve(kind: String, field: String) -> (shape: Shape, language: String?)? {
        guard let fields = kinds[kind] else { return nil }
        if let shape = fields[field], shape != .localized { return (shape, nil) }
        guard let dot = field.lastIndex(of: ".") else { return nil }
        let base = String(field[..<dot])
        let language = String(field[field.index(after: dot)...])
        guard fields[base] == .localized, Self.isLanguageTag(language) else { return nil }
        return (.localized, language)
    }

    /// Checks an operation against the schema.
    public func validate(_ operation: EntryOperation, index: Int) throws(SyncError) {
        func fail(_ detail: String) -> SyncError { .invalidOperation(index: index, detail) }
        guard kinds[operation.kind] != nil else {
            throw fail("unknown kind \"\(operation.kind.prefix(64))\"")
        }
        if entryIDs == .canonicalUUID, !Self.isCanonicalUUID(operation.entry) {
            throw fail(
                "entry \"\(operation.entry.prefix(64))\" is not an entry id in canonical form (a lower-case UUID)")
        }
        switch operation.action {
        case .set(let field, _, _), .add(let field, _), .remove(let field, _, _):
            if let language = resolve(kind: operation.kind, field: field)?.language, !Self.isCanonicalCase(language) {
                throw fail(
                    "\(field.prefix(64)): the language tag is not in canonical case (e.g. de, de-AT, sr-Latn-RS)")
            }
        default:
            break
        }
        switch operation.action {
        case .set(let field, let value, _):
            guard let (shape, _) = resolve(kind: operation.kind, field: field) else {
                throw fail("\(operation.kind) has no field \"\(field.prefix(64))\"")
            }
            switch shape {
            case .register(let type):
                guard value == .null || type.admits(value) else {
                    throw fail("\(field) takes \(type.rawValue) values, not \(value.typeName)")
                }
            case .localized:
                guard value == .null || ValueType.string.admits(value) else {
                    throw fail("\(field) takes text, not \(value.typeName)")
                }
            case .set:
                throw fail("\(field) is a set: use add and remove, not set")
            }
        case .add(let field, let value), .remove(let field, let value, _):
            guard let (shape, _) = resolve(kind: operation.kind, field: field) else {
                throw fail("\(operation.kind) has no field \"\(field.prefix(64))\"")
            }
            guard case .set(let type) = shape else { throw fail("\(field) is not a set: use set") }
            guard type.admits(value) else {
                throw fail("\(field) holds \(type.rawValue) elements, not \(value.typeName)")
            }
        case .retract, .restore, .unknown:
            break
        }
    }

    /// 8-4-4-4-12 lower-case hex digits, neither the nil nor the max UUID.
    static func isCanonicalUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !Hex.isLowerDigit(byte) {
                return false
            }
        }
        return text != "00000000-0000-0000-0000-000000000000" && text != "ffffffff-ffff-ffff-ffff-ffffffffffff"
    }

    /// BCP 47's canonical case: the language lower case, a four-letter script title case, a
    /// two-letter region upper case, everything else lower case.
    static func isCanonicalCase(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        for (position, part) in parts.enumerated() {
            let letters = part.allSatisfy(\.isLetter)
            let expected: String
            if position > 0 && part.count == 4 && letters && parts[position - 1].count != 1 {
                expected = part.prefix(1).uppercased() + part.dropFirst().lowercased()
            } else if position > 0 && part.count == 2 && letters && parts[position - 1].count != 1 {
                expected = part.uppercased()
            } else {
                expected = part.lowercased()
            }
            if part != expected { return false }
        }
        return true
    }

    /// A light BCP 47 shape check (letters, digits, hyphens; a 2–3 letter start); the node's
    /// model checks tags fully before it writes them.
    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.utf8.count),
            first.utf8.allSatisfy({ ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") })
        else { return false }
        return text.utf8.count <= 35
            && parts.allSatisfy { part in
                (1...8).contains(part.utf8.count)
                    && part.utf8.allSatisfy {
                        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                            || (($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z"))
                    }
            }
    }
}
