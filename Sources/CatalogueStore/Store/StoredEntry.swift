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
        states.concurrentMap(StoredEntry.init)
    }

    /// Writes the entry's row and its index rows, replacing those it had unless the caller
    /// knows there are none (a rebuild into emptied tables).
    func write(_ db: Database, replacingIndex: Bool = true) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO entry (kind, id, state, digestValue, visible) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (kind, id) DO UPDATE SET state = excluded.state, digestValue = excluded.digestValue,
                    visible = excluded.visible
                """
        ).execute(arguments: [kind, id, state, digestValue, visible])
        try CatalogueIndex.write(index, kind: kind, id: id, replacing: replacingIndex, db: db)
    }
}
