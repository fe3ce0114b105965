/// An observed-remove set (OR-set, add wins).
///
/// Each add is tagged; a remove names the add tags it has seen for the element and removes
/// exactly those. An add the remover had not seen — a concurrent add in another region —
/// survives. Chosen over per-element last-writer-wins because it needs no clock to decide
/// membership: a Hungarian and an Austrian editor adding the same sector concurrently never
/// cancel each other, and a removal cannot delete what its author never saw.
public struct SetState: Hashable, Sendable, Codable {
    /// Live adds by tag.
    public private(set) var adds: [WriteTag: Write] = [:]
    /// Tags removed so far, kept so an add that arrives after its removal stays removed.
    public private(set) var removed: Set<WriteTag> = []

    public init() {}

    init(adds: [WriteTag: Write], removed: Set<WriteTag>) {
        self.adds = adds
        self.removed = removed
    }

    public mutating func add(_ write: Write) {
        if !removed.contains(write.tag) { adds[write.tag] = write }
    }

    public mutating func remove(tags: [WriteTag]) {
        for tag in tags {
            removed.insert(tag)
            adds[tag] = nil
        }
    }

    /// The elements present, each with its live adds, ordered by the elements' canonical JSON.
    public var elements: [(value: SyncValue, writes: [Write])] {
        var byElement: [[UInt8]: [Write]] = [:]
        for write in adds.values {
            byElement[CanonicalJSON.encode(write.value), default: []].append(write)
        }
        return byElement.keys.sorted { $0.lexicographicallyPrecedes($1) }.compactMap { key in
            guard let writes = byElement[key], let first = writes.first else { return nil }
            return (first.value, writes.sorted(by: Write.precedes))
        }
    }

    public var values: [SyncValue] { elements.map(\.value) }

    /// The live add tags of `value`: what a remove of it must name.
    public func tags(of value: SyncValue) -> [WriteTag] {
        let key = CanonicalJSON.encode(value)
        return adds.values.filter { CanonicalJSON.encode($0.value) == key }.map(\.tag).sorted()
    }

    var isEmpty: Bool { adds.isEmpty }

    var digestValue: SyncValue {
        .array(
            elements.map { element in
                ["value": element.value, "adds": .array(element.writes.map(\.digestValue))]
            })
    }
}
