/// An observed-remove set (OR-set, add wins).
///
/// Each add is tagged; a remove names the add tags it has seen for the element and removes
/// exactly those. An add the remover had not seen — a concurrent add in another region —
/// survives. Chosen over per-element last-writer-wins because it needs no clock to decide
/// membership: a Hungarian and an Austrian editor adding the same sector concurrently never
/// cancel each other, and a removal cannot delete what its author never saw.
///
/// A remove removes only adds *of its element*: a tag it names that adds another element is
/// ignored (so a remove can never delete a value it does not name), also when the add arrives
/// after the remove.
public struct SetState: Hashable, Sendable, Codable {
    /// Live adds by tag.
    public private(set) var adds: [WriteTag: Write] = [:]
    /// Tags removed so far, each with the canonical JSON of the element(s) its removes named,
    /// kept so an add that arrives after its removal stays removed.
    public private(set) var removed: [WriteTag: Set<[UInt8]>] = [:]

    public init() {}

    init(adds: [WriteTag: Write], removed: [WriteTag: Set<[UInt8]>]) {
        self.adds = adds
        self.removed = removed
    }

    public mutating func add(_ write: Write) {
        if let elements = removed[write.tag], elements.contains(CanonicalJSON.encode(write.value)) { return }
        adds[write.tag] = write
    }

    /// Removes the adds of `value` named in `tags`; tags of other elements' adds are ignored.
    public mutating func remove(_ value: SyncValue, tags: [WriteTag]) {
        let element = CanonicalJSON.encode(value)
        for tag in tags {
            removed[tag, default: []].insert(element)
            if let add = adds[tag], CanonicalJSON.encode(add.value) == element { adds[tag] = nil }
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
