import Foundation

/// Identifies an entry across the federation: kind and id together.
public struct EntryKey: Hashable, Sendable, Comparable, Codable {
    public var kind: String
    public var id: String

    public init(kind: String, id: String) {
        self.kind = kind
        self.id = id
    }

    public static func < (lhs: EntryKey, rhs: EntryKey) -> Bool {
        CanonicalJSON.utf8Order(lhs.kind, rhs.kind) || (lhs.kind == rhs.kind && CanonicalJSON.utf8Order(lhs.id, rhs.id))
    }
}

/// The materialized catalogue: a pure function of the set of accepted changes.
///
/// Applying is idempotent, commutative and associative (each field is a CRDT), so every node
/// that holds the same changes holds the same state and the same `digest`.
public struct CatalogueState: Hashable, Sendable {
    public private(set) var entries: [EntryKey: EntryState] = [:]

    public init() {}

    /// Applies every operation of `change`.
    public mutating func apply(_ change: VerifiedChange) {
        for (index, operation) in change.operations.enumerated() {
            // An operation of a newer schema is kept in the log and not applied: it creates no
            // entry state (the entry is not in the digest because of it).
            if case .unknown = operation.action { continue }
            let key = EntryKey(kind: operation.kind, id: operation.entry)
            entries[key, default: EntryState(kind: operation.kind, id: operation.entry)].apply(
                operation, tag: change.tag(ofOperation: index), hlc: change.hlc, editor: change.editor)
        }
    }

    public subscript(key: EntryKey) -> EntryState? {
        entries[key]
    }

    /// Replaces one entry's state (a node loads and stores entries one by one).
    public mutating func set(_ state: EntryState) {
        entries[EntryKey(kind: state.kind, id: state.id)] = state
    }

    /// SHA-256 (hex) of the canonical JSON array of every entry's `digestValue`, ordered by
    /// kind and id: two nodes with equal digests hold the same catalogue.
    public var digest: String {
        Self.digest(of: entries.values)
    }

    /// The digest of a set of entry states, in any order.
    public static func digest(of states: some Sequence<EntryState>) -> String {
        var digest = CatalogueDigest()
        for state in states.sorted(by: { EntryKey(kind: $0.kind, id: $0.id) < EntryKey(kind: $1.kind, id: $1.id) }) {
            digest.add(CanonicalJSON.encode(state.digestValue))
        }
        return digest.finalize()
    }
}
