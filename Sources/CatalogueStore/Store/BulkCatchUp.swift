import Foundation
import GRDB
import SyncProtocol
import Synchronization

/// The entry states of a bulk catch-up (`CatalogueUpdate.deferred`), merged in memory page by
/// page from the verified changes as they arrive, so that nothing of the log is parsed twice and
/// each entry is written once, at the refresh, with its index — not once per change or page.
///
/// Memory is bounded: past `capacity` states, those touched longest ago are written to the
/// store until half of `capacity` remain (state, digest value and visibility; no index) and dropped, and read back from there
/// if a later page touches it again. Measured at 1,000,000 changes (200,000 entries), holding
/// the whole catalogue in memory took a mirror to 919 MB.
///
/// The stored states are current only together with these: while a catch-up runs, the lag mark
/// stays (a crash loses the merged states, and the next start rebuilds the catalogue from the
/// log). The merge is used only while the mark is exactly as its last batch left it and no
/// other connection wrote to the database (`PRAGMA data_version`); anything else — a moved
/// quarantine, a rebuild, another process — abandons it, and the refresh rebuilds from the log.
/// Read and changed only inside the store's write transactions, which GRDB serialises.
final class BulkCatchUp: Sendable {
    private struct Merged {
        var state: EntryState
        /// The batch that last touched it: the oldest are written out first.
        var touched: Int
    }

    private struct Progress {
        var states: [EntryKey: Merged] = [:]
        /// What the lag mark says after the catch-up's last batch, and the data version then.
        var lagChanges: Int?
        var dataVersion: Int64?
        var batch = 0
    }

    let capacity: Int
    /// How many entries the refresh at the end reads, prepares and writes at a time
    /// (`SQLiteChangeStore.reindex`).
    let refreshChunk: Int
    private let progress = Mutex(Progress())

    init(capacity: Int = 32_768, refreshChunk: Int = 2048) {
        self.capacity = max(2, capacity)
        self.refreshChunk = max(1, refreshChunk)
    }

    /// How many merged states are held now (at most `capacity` between batches).
    var heldStates: Int { progress.withLock { $0.states.count } }

    static func dataVersion(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
    }

    /// Whether the merged states, with the stored ones, are current for a store whose lag mark
    /// says `lagChanges`.
    func isCurrent(lagChanges: Int, db: Database) throws -> Bool {
        let version = try Self.dataVersion(db)
        return progress.withLock { $0.lagChanges == lagChanges && $0.dataVersion == version }
    }

    /// Starts a catch-up on a current catalogue (no lag mark).
    func begin() {
        progress.withLock { $0 = Progress() }
    }

    /// Drops the merged states: the refresh rebuilds from the log.
    func abandon() {
        progress.withLock { $0 = Progress() }
    }

    /// Takes the merged state of `key` out, for a batch to change and give back.
    func take(_ key: EntryKey) -> EntryState? {
        progress.withLock { $0.states.removeValue(forKey: key)?.state }
    }

    /// Gives a batch's changed states back, and writes out the oldest when past capacity.
    /// Records the lag mark and data version the batch leaves, which the next must find.
    func keep(_ states: [EntryKey: EntryState], lagChanges: Int, db: Database) throws {
        let spilled: [EntryState] = progress.withLock { progress in
            progress.batch += 1
            for (key, state) in states { progress.states[key] = Merged(state: state, touched: progress.batch) }
            guard progress.states.count > capacity else { return [] }
            let oldest = progress.states.sorted { $0.value.touched < $1.value.touched }
                .prefix(progress.states.count - capacity / 2)
                .map(\.key).sorted()
            return oldest.compactMap { progress.states.removeValue(forKey: $0)?.state }
        }
        if !spilled.isEmpty {
            for entry in StoredEntry.prepare(spilled, indexed: false) {
                try entry.write(db)
            }
            try SQLiteChangeStore.advanceCatalogueVersion(db)
        }
        let version = try Self.dataVersion(db)
        progress.withLock {
            $0.lagChanges = lagChanges
            $0.dataVersion = version
        }
    }

    /// Takes every merged state out, in key order, ending the catch-up.
    func finish() -> [EntryState] {
        progress.withLock { progress in
            let states = progress.states.sorted { $0.key < $1.key }.map(\.value.state)
            progress = Progress()
            return states
        }
    }
}
