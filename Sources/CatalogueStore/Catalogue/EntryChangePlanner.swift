import DirectoryModel
package import SyncProtocol

/// Turns "this is what the entry should say" into the operations that make the merged state
/// say it — only for fields that differ, so republishing an unchanged entry creates nothing.
package enum EntryChangePlanner {
    /// The operations that bring `current` (the merged state, `nil` for a new entry) to
    /// `desired`. Registers the desired fields do not mention, and sets they do not mention, are
    /// left alone. A retracted entry that is published again is restored.
    package static func operations(for desired: EntryFields, current: EntryState?) -> [EntryOperation] {
        let kind = desired.kind.rawValue
        let id = desired.id.rawValue
        var operations: [EntryOperation] = []
        for name in desired.registers.keys.sorted() {
            guard let value = desired.registers[name] else { continue }
            let register = current?.register(name)
            let currentValue = register?.value ?? .null
            guard currentValue != value else { continue }
            operations.append(
                EntryOperation(
                    kind: kind, entry: id, action: .set(field: name, value: value, supersedes: register?.liveTags ?? [])
                ))
        }
        for name in desired.sets.keys.sorted() {
            let wanted = desired.sets[name] ?? []
            let set = current?.set(name)
            let present = Set((set?.values ?? []).map(CanonicalJSON.encode))
            let wantedKeys = Set(wanted.map(CanonicalJSON.encode))
            for value in set?.values ?? [] where !wantedKeys.contains(CanonicalJSON.encode(value)) {
                operations.append(
                    EntryOperation(
                        kind: kind, entry: id,
                        action: .remove(field: name, value: value, tags: set?.tags(of: value) ?? [])))
            }
            for value in wanted where !present.contains(CanonicalJSON.encode(value)) {
                operations.append(EntryOperation(kind: kind, entry: id, action: .add(field: name, value: value)))
            }
        }
        if let current, current.isRetracted {
            operations.append(
                EntryOperation(kind: kind, entry: id, action: .restore(supersedes: current.retraction.liveTags)))
        }
        return operations
    }

    /// The operation that retracts `current`.
    package static func retraction(of current: EntryState) -> EntryOperation {
        EntryOperation(kind: current.kind, entry: current.id, action: .retract(supersedes: current.retraction.liveTags))
    }
}
