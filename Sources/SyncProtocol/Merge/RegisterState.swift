/// A multi-value register: the writes no other write has superseded.
///
/// A write names the writes it replaces (`supersedes`, the live writes its author saw). Writes
/// nobody superseded are *live*; the latest live write by (HLC, author) is the value, the other
/// live writes are concurrent values that lost — kept, so an editor can see and resolve them.
/// State = all writes − superseded tags, which is the same whatever order writes arrive in.
public struct RegisterState: Hashable, Sendable, Codable {
    public private(set) var live: [WriteTag: Write] = [:]
    /// Tags superseded so far, kept so a write that arrives after its successor stays dead.
    public private(set) var superseded: Set<WriteTag> = []

    public init() {}

    init(live: [WriteTag: Write], superseded: Set<WriteTag>) {
        self.live = live
        self.superseded = superseded
    }

    public mutating func apply(_ write: Write, supersedes: [WriteTag]) {
        for tag in supersedes {
            superseded.insert(tag)
            live[tag] = nil
        }
        if !superseded.contains(write.tag) {
            live[write.tag] = write
        }
    }

    /// The winning write, or `nil` if there is none.
    public var winner: Write? {
        live.values.max(by: Write.precedes)
    }

    /// Concurrent writes that lost to the winner, latest first.
    public var conflicts: [Write] {
        guard let winner else { return [] }
        return live.values.filter { $0.tag != winner.tag }.sorted(by: Write.precedes).reversed()
    }

    /// The current value; `nil` when unset or cleared.
    public var value: SyncValue? {
        guard let value = winner?.value, value != .null else { return nil }
        return value
    }

    /// Tags a new write must supersede to replace everything this node has seen.
    public var liveTags: [WriteTag] { live.keys.sorted() }

    var isEmpty: Bool { live.isEmpty }

    var digestValue: SyncValue {
        .array(live.values.sorted(by: Write.precedes).map(\.digestValue))
    }
}
