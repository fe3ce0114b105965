/// The merged state of one entry: its registers, its sets and whether it is retracted.
public struct EntryState: Hashable, Sendable, Codable {
    public let kind: String
    public let id: String
    /// Registers by field name (`name.de`, `address.locality`).
    public private(set) var registers: [String: RegisterState] = [:]
    /// Sets by field name (`sectors`).
    public private(set) var sets: [String: SetState] = [:]
    /// The retraction register: `true` written by retract, `false` by restore.
    public private(set) var retraction = RegisterState()

    public init(kind: String, id: String) {
        self.kind = kind
        self.id = id
    }

    init(
        kind: String, id: String, registers: [String: RegisterState], sets: [String: SetState],
        retraction: RegisterState
    ) {
        self.kind = kind
        self.id = id
        self.registers = registers
        self.sets = sets
        self.retraction = retraction
    }

    /// Applies one operation of a verified change.
    public mutating func apply(_ operation: EntryOperation, tag: WriteTag, hlc: HLCTimestamp, editor: String) {
        func write(_ value: SyncValue) -> Write { Write(tag: tag, hlc: hlc, editor: editor, value: value) }
        switch operation.action {
        case .set(let field, let value, let supersedes):
            registers[field, default: RegisterState()].apply(write(value), supersedes: supersedes)
        case .add(let field, let value):
            sets[field, default: SetState()].add(write(value))
        case .remove(let field, let value, let tags):
            sets[field, default: SetState()].remove(value, tags: tags)
        case .retract(let supersedes):
            retraction.apply(write(true), supersedes: supersedes)
        case .restore(let supersedes):
            retraction.apply(write(false), supersedes: supersedes)
        case .unknown:
            break
        }
    }

    /// Whether the entry is retracted: the winning retraction write says so. Edits made after
    /// or concurrently with a retraction are merged but do not show the entry again; only a
    /// restore does.
    public var isRetracted: Bool { retraction.value == .bool(true) }

    /// Whether the entry holds any value at all.
    public var hasValues: Bool {
        registers.values.contains { $0.value != nil } || sets.values.contains { !$0.isEmpty }
    }

    /// Visible in the catalogue: has values and is not retracted.
    public var isVisible: Bool { hasValues && !isRetracted }

    public func register(_ field: String) -> RegisterState? { registers[field] }

    public func set(_ field: String) -> SetState? { sets[field] }

    /// Fields with concurrent values that lost a conflict, for editors to resolve.
    public var conflictedFields: [String] {
        registers.filter { !$0.value.conflicts.isEmpty }.keys.sorted()
    }

    /// The entry's live state as a canonical value (see docs/protocol.md, "State digest").
    public var digestValue: SyncValue {
        var registerValues: [String: SyncValue] = [:]
        for (field, register) in registers where !register.isEmpty { registerValues[field] = register.digestValue }
        var setValues: [String: SyncValue] = [:]
        for (field, set) in sets where !set.isEmpty { setValues[field] = set.digestValue }
        return [
            "kind": .string(kind), "id": .string(id), "registers": .object(registerValues), "sets": .object(setValues),
            "retraction": retraction.digestValue,
        ]
    }
}
