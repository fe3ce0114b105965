package import SyncProtocol

extension EntryFields {
    /// A field an editor changed that someone else changed too since the editor's copy was
    /// read: the three values, for the editor to decide.
    package struct EditConflict: Sendable, Hashable {
        /// The register's name (`name.de`, `address.locality`).
        package var field: String
        /// The value the editor's copy was made from.
        package var base: SyncValue
        /// The editor's value.
        package var mine: SyncValue
        /// The value standing now.
        package var current: SyncValue
    }

    /// The editor's changes — `self` (what the form says now) against `base` (what it was
    /// filled from) — made to apply to `current`, the merged state now, and the fields where
    /// they collide with a change made since.
    ///
    /// A register the editor left as it was is left alone (whatever happened to it since); one
    /// the editor changed is written, unless it changed since to a third value — then it is a
    /// conflict and nothing should be written without asking (a form must not silently undo
    /// another editor's change it never showed). A field the form no longer mentions but the
    /// base had is cleared (`null`; an empty set). Sets take the editor's additions and
    /// removals, applied to the current elements: adds and removes of different elements
    /// never collide.
    package func changes(
        since base: EntryFields, current: EntryState?
    ) -> (
        fields: EntryFields, conflicts: [EditConflict]
    ) {
        var delta = EntryFields(kind: kind, id: id)
        var conflicts: [EditConflict] = []
        for name in Set(registers.keys).union(base.registers.keys).sorted() {
            let mine = registers[name] ?? .null
            let was = base.registers[name] ?? .null
            guard mine != was else { continue }
            let now = current?.register(name)?.value ?? .null
            if now != was && now != mine {
                conflicts.append(EditConflict(field: name, base: was, mine: mine, current: now))
            } else {
                delta.registers[name] = mine
            }
        }
        for name in Set(sets.keys).union(base.sets.keys).sorted() {
            let mine = sets[name] ?? []
            let was = base.sets[name] ?? []
            let mineKeys = Set(mine.map(CanonicalJSON.encode))
            let wasKeys = Set(was.map(CanonicalJSON.encode))
            guard mineKeys != wasKeys else { continue }
            let removed = wasKeys.subtracting(mineKeys)
            var result: [SyncValue] = []
            var seen: Set<[UInt8]> = []
            for value in (current?.set(name)?.values ?? [])
                + mine.filter({ !wasKeys.contains(CanonicalJSON.encode($0)) })
            {
                let key = CanonicalJSON.encode(value)
                guard !removed.contains(key), seen.insert(key).inserted else { continue }
                result.append(value)
            }
            delta.sets[name] = result
        }
        return (delta, conflicts)
    }
}
