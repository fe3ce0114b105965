package import SyncProtocol

/// Who wrote an entry's standing values, and when — computed in one place from its merged state
/// for the pages, the API and the index (it was computed three times, slightly differently).
package struct Provenance: Sendable {
    /// One field's standing writes: a register's winner and the concurrent values that lost, or a
    /// set element's latest add.
    package struct Field: Sendable {
        package var current: Write?
        package var conflicts: [Write]
    }

    /// The oldest standing write (in last-writer-wins order): where and when the entry was first
    /// published, as far as its standing values tell.
    package let first: Write?
    /// The newest standing write.
    package let latest: Write?
    /// Concurrent values that lost a conflict, over all registers.
    package let conflicts: Int
    /// The latest HLC time among the standing values and the retraction's, ms since 1970.
    package let updatedTime: Int64

    package init(state: EntryState) {
        var first: Write?
        var latest: Write?
        var updated: Int64 = 0
        func consider(_ write: Write) {
            if first.map({ Write.precedes(write, $0) }) ?? true { first = write }
            if latest.map({ Write.precedes($0, write) }) ?? true { latest = write }
            updated = max(updated, write.hlc.time)
        }
        var conflicts = 0
        for register in state.registers.values {
            register.live.values.forEach(consider)
            conflicts += register.conflicts.count
        }
        for set in state.sets.values { set.adds.values.forEach(consider) }
        for write in state.retraction.live.values { updated = max(updated, write.hlc.time) }
        self.first = first
        self.latest = latest
        self.conflicts = conflicts
        self.updatedTime = updated
    }

    /// Per register (`name.de`): its winner and losers; per set element (`sectors["C"]`, the
    /// element in canonical JSON): its latest add.
    package static func fields(of state: EntryState) -> [String: Field] {
        var fields: [String: Field] = [:]
        for (name, register) in state.registers where register.winner != nil {
            fields[name] = Field(current: register.winner, conflicts: register.conflicts)
        }
        for (name, set) in state.sets where !set.values.isEmpty {
            for element in set.elements {
                fields["\(name)[\(CanonicalJSON.string(element.value))]"] = Field(
                    current: element.writes.last, conflicts: [])
            }
        }
        return fields
    }
}
