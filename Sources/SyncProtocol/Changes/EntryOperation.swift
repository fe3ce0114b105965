/// One operation of a change, on one entry (identified by kind and id).
public struct EntryOperation: Hashable, Sendable {
    /// What the operation does.
    public enum Action: Hashable, Sendable {
        /// Writes a register (`null` clears it), replacing the writes named in `supersedes`.
        case set(field: String, value: SyncValue, supersedes: [WriteTag])
        /// Adds an element to a set, under this operation's tag.
        case add(field: String, value: SyncValue)
        /// Removes the element's adds named in `tags` (observed-remove).
        case remove(field: String, value: SyncValue, tags: [WriteTag])
        /// Hides the entry; its fields stay merged and retrievable.
        case retract(supersedes: [WriteTag])
        /// Shows a retracted entry again.
        case restore(supersedes: [WriteTag])
        /// An operation of a newer payload schema: kept in the log, not applied.
        case unknown(name: String)
    }

    /// The entry's kind, e.g. `enterprise`.
    public var kind: String
    /// The entry's id.
    public var entry: String
    public var action: Action

    public init(kind: String, entry: String, action: Action) {
        self.kind = kind
        self.entry = entry
        self.action = action
    }

    /// The operation as it appears in a payload.
    public var syncValue: SyncValue {
        var fields: [String: SyncValue] = ["kind": .string(kind), "entry": .string(entry)]
        func tags(_ list: [WriteTag]) -> SyncValue { .array(list.map { .string($0.rawValue) }) }
        switch action {
        case .set(let field, let value, let supersedes):
            fields["op"] = "set"
            fields["field"] = .string(field)
            fields["value"] = value
            fields["supersedes"] = tags(supersedes)
        case .add(let field, let value):
            fields["op"] = "add"
            fields["field"] = .string(field)
            fields["value"] = value
        case .remove(let field, let value, let removed):
            fields["op"] = "remove"
            fields["field"] = .string(field)
            fields["value"] = value
            fields["tags"] = tags(removed)
        case .retract(let supersedes):
            fields["op"] = "retract"
            fields["supersedes"] = tags(supersedes)
        case .restore(let supersedes):
            fields["op"] = "restore"
            fields["supersedes"] = tags(supersedes)
        case .unknown(let name):
            fields["op"] = .string(name)
        }
        return .object(fields)
    }

    /// Reads an operation from a payload; unknown `op` names become `.unknown`.
    init(from value: SyncValue, index: Int, limits: ChangeLimits, normalizing: Bool = false) throws(SyncError) {
        func fail(_ detail: String) -> SyncError { .invalidOperation(index: index, detail) }
        guard let fields = value.object else { throw fail("expected an object, found \(value.typeName)") }
        guard let name = fields["op"]?.string else { throw fail("\"op\" must be a string") }
        guard let kind = fields["kind"]?.string, !kind.isEmpty, kind.utf8.count <= limits.maximumNameBytes else {
            throw fail("\"kind\" must be a non-empty string of at most \(limits.maximumNameBytes) bytes")
        }
        guard let entry = fields["entry"]?.string, !entry.isEmpty, entry.utf8.count <= limits.maximumNameBytes else {
            throw fail("\"entry\" must be a non-empty string of at most \(limits.maximumNameBytes) bytes")
        }
        func field() throws(SyncError) -> String {
            guard let field = fields["field"]?.string, !field.isEmpty, field.utf8.count <= limits.maximumNameBytes
            else {
                throw fail("\"field\" must be a non-empty string of at most \(limits.maximumNameBytes) bytes")
            }
            return field
        }
        func member(_ key: String) throws(SyncError) -> SyncValue {
            guard let value = fields[key] else { throw fail("\"\(key)\" is missing") }
            return value
        }
        func tags(_ key: String) throws(SyncError) -> [WriteTag] {
            guard let list = fields[key]?.array else { throw fail("\"\(key)\" must be an array of tags") }
            guard list.count <= limits.maximumTags else {
                throw fail("\"\(key)\" names more than \(limits.maximumTags) tags")
            }
            var tags: [WriteTag] = []
            for element in list {
                guard let text = element.string else { throw fail("\"\(key)\" must hold tag strings") }
                do {
                    tags.append(try WriteTag(parsing: text, normalizing: normalizing))
                } catch {
                    throw fail(error.message)
                }
            }
            return tags
        }
        let action: Action
        switch name {
        case "set": action = .set(field: try field(), value: try member("value"), supersedes: try tags("supersedes"))
        case "add": action = .add(field: try field(), value: try member("value"))
        case "remove": action = .remove(field: try field(), value: try member("value"), tags: try tags("tags"))
        case "retract": action = .retract(supersedes: try tags("supersedes"))
        case "restore": action = .restore(supersedes: try tags("supersedes"))
        default:
            guard !name.isEmpty, name.utf8.count <= limits.maximumNameBytes else {
                throw fail("\"op\" is empty or too long")
            }
            action = .unknown(name: name)
        }
        self.init(kind: kind, entry: entry, action: action)
    }
}
