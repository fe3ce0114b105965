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

    /// Field name → shape, by kind.
    public private(set) var kinds: [String: [String: Shape]]

    public init(kinds: [String: [String: Shape]]) {
        self.kinds = kinds
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
