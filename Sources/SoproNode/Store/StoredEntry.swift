import Dispatch
import Foundation
import GRDB
import SyncProtocol

/// Everything the store writes for one entry — its state in storage form, its digest value,
/// its index rows — computed from the merged state without the database. Preparing these is
/// most of the cost of applying a batch, and it parallelises: a batch's entries are prepared on
/// all cores, then written one by one inside the batch's transaction.
struct StoredEntry: Sendable {
    let kind: String
    let id: String
    let state: Data
    let digestValue: Data
    let visible: Bool
    let index: CatalogueIndex.Rows?

    init(_ state: EntryState) {
        kind = state.kind
        id = state.id
        self.state = Data(state.storageBytes)
        digestValue = Data(CanonicalJSON.encode(state.digestValue))
        visible = state.isVisible
        index = CatalogueIndex.rows(of: state)
    }

    /// Prepares `states` on every core (in order); small batches stay on the calling thread.
    static func prepare(_ states: [EntryState]) -> [StoredEntry] {
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, states.count / 16)
        guard workers > 1 else { return states.map(StoredEntry.init) }
        let results = PreparedSlots(count: states.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: states.count, by: workers) {
                results.store(StoredEntry(states[index]), at: index)
            }
        }
        return results.values
    }

    /// Writes the entry's row and replaces its index rows.
    func write(_ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO entry (kind, id, state, digestValue, visible) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (kind, id) DO UPDATE SET state = excluded.state, digestValue = excluded.digestValue,
                    visible = excluded.visible
                """
        ).execute(arguments: [kind, id, state, digestValue, visible])
        try CatalogueIndex.write(index, kind: kind, id: id, db: db)
    }
}

/// Result slots that workers fill at distinct indexes; read once every worker has finished.
/// Safe without a lock: each index is written by exactly one worker, into memory allocated once
/// (no array whose exclusive access the workers would share).
private final class PreparedSlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<StoredEntry?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ entry: StoredEntry, at index: Int) { slots[index] = entry }

    var values: [StoredEntry] { slots.compactMap { $0 } }
}
