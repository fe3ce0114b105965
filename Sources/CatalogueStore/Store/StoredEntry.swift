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
    /// Whether `write` keeps the entry's index rows in step (not during a bulk catch-up).
    let indexed: Bool
    let index: CatalogueIndex.Rows?

    init(_ state: EntryState, indexed: Bool = true) {
        kind = state.kind
        id = state.id
        self.state = Data(state.storageBytes)
        digestValue = Data(CanonicalJSON.encode(state.digestValue))
        visible = state.isVisible
        self.indexed = indexed
        index = indexed ? CatalogueIndex.rows(of: state) : nil
    }

    /// Prepares `states` on every core (in order); small batches stay on the calling thread.
    static func prepare(_ states: [EntryState], indexed: Bool = true) -> [StoredEntry] {
        states.concurrentMap { StoredEntry($0, indexed: indexed) }
    }

    /// Writes the entry's row and, when `indexed`, its index rows, replacing those it had unless
    /// the caller knows there are none (a rebuild into emptied tables).
    func write(_ db: Database, replacingIndex: Bool = true) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO entry (kind, id, state, digestValue, visible) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (kind, id) DO UPDATE SET state = excluded.state, digestValue = excluded.digestValue,
                    visible = excluded.visible
                """
        ).execute(arguments: [kind, id, state, digestValue, visible])
        guard indexed else { return }
        try CatalogueIndex.write(index, kind: kind, id: id, replacing: replacingIndex, db: db)
    }
}
