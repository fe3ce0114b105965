import Foundation
package import GRDB
package import SyncProtocol

/// The change store on SQLite (GRDB): a `DatabasePool` on a file in production (WAL mode, so
/// readers never wait for the writer), an in-memory `DatabaseQueue` in tests.
package final class SQLiteChangeStore: ChangeStore {
    package let writer: any DatabaseWriter
    /// Facet counts and the overview per catalogue version (see `catalogueVersion`).
    let summaries = CatalogueSummaryCache()
    /// Entries as last read, by the state bytes they were built from.
    let readCache = EntryReadCache()
    /// The entry states of a bulk catch-up in progress.
    let bulk: BulkCatchUp
    /// The matching text rows a search ranks at a time (`search`; smaller in tests).
    let searchWindow: Int
    /// Whether the store's connections have `soproRank` (`FullTextRank`).
    let ownRank: Bool

    /// Opens (creating if needed) the store at `writer` and brings its schema up to date; a bulk
    /// catch-up holds at most `bulkCapacity` entry states in memory.
    package init(
        writer: any DatabaseWriter, bulkCapacity: Int, refreshChunk: Int = 2048,
        searchWindow: Int = defaultSearchWindow,
        ownRank: Bool = false
    ) throws {
        self.writer = writer
        self.ownRank = ownRank
        bulk = BulkCatchUp(capacity: bulkCapacity, refreshChunk: refreshChunk)
        self.searchWindow = max(searchWindow, 1)
        try StoreMigrations.migrator.migrate(writer)
    }

    /// Opens (creating if needed) the store at `writer` and brings its schema up to date.
    package convenience init(writer: any DatabaseWriter) throws {
        try self.init(writer: writer, bulkCapacity: 32_768)
    }

    /// Opens the store file at `path`.
    package static func open(path: String, bulkCapacity: Int = 32_768) throws -> SQLiteChangeStore {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { FullTextRank.register($0) }
            let pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB opens a pool's writer with `synchronous = NORMAL`, SQLite's advice for WAL:
            // safe against a killed process, but a power loss or an operating-system crash may
            // take back the last commits — an acknowledged publish among them. FULL syncs the
            // WAL at every commit (one fdatasync per transaction; a bootstrap commits one per
            // page, see docs/benchmarks.md). Set after the pool is made: GRDB sets NORMAL after
            // `prepareDatabase`. Readers never write, so theirs does not matter.
            try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
            return try SQLiteChangeStore(writer: pool, bulkCapacity: bulkCapacity, ownRank: true)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, detail: error.message ?? "\(error)")
        }
    }

    /// An empty store in memory, for tests and tools.
    package static func inMemory(
        bulkCapacity: Int = 32_768, refreshChunk: Int = 2048, searchWindow: Int = defaultSearchWindow
    ) throws -> SQLiteChangeStore {
        var configuration = Configuration()
        configuration.prepareDatabase { FullTextRank.register($0) }
        return try SQLiteChangeStore(
            writer: DatabaseQueue(configuration: configuration), bulkCapacity: bulkCapacity, refreshChunk: refreshChunk,
            searchWindow: searchWindow,
            ownRank: true)
    }

    package func apply(
        _ batch: [Result<VerifiedChange, SyncError>], acceptance: ChangeAcceptance, now: Int64,
        catalogue: CatalogueUpdate
    ) async throws
        -> [Replica.ReceiveResult]
    {
        try await writer.write { db in
            var prepared = ReceiveBatch(batch)
            let results = try Self.applyInTransaction(
                prepared.ordered.map(\.change), acceptance: acceptance, now: now, catalogue: catalogue, bulk: self.bulk,
                db: db)
            for ((index, _), result) in zip(prepared.ordered, results) { prepared.results[index] = result }
            return prepared.results
        }
    }

    /// Applies verified changes, already in (author, seq) order, inside the caller's write
    /// transaction: log rows, heads, fork evidence and the catalogue (or, during a bulk
    /// catch-up, `bulk`'s merged states and the lag mark). A fork that moves an author's
    /// quarantine point back rebuilds the catalogue in the same transaction, so no reader ever
    /// sees the forked author's later changes applied.
    static func applyInTransaction(
        _ changes: [VerifiedChange], acceptance: ChangeAcceptance, now: Int64, catalogue: CatalogueUpdate,
        bulk: BulkCatchUp, db: Database
    ) throws -> [Replica.ReceiveResult] {
        do {
            return try applyChanges(changes, acceptance: acceptance, now: now, catalogue: catalogue, bulk: bulk, db: db)
        } catch {
            // The transaction rolls back: states taken out of the catch-up's would be lost.
            bulk.abandon()
            throw error
        }
    }

    private static func applyChanges(
        _ changes: [VerifiedChange], acceptance: ChangeAcceptance, now: Int64, catalogue: CatalogueUpdate,
        bulk: BulkCatchUp, db: Database
    ) throws -> [Replica.ReceiveResult] {
        // Once the catalogue lags, a batch merges into the catch-up's states while they are
        // current, and otherwise reaches the log alone: applying it to stale states would merge
        // some changes twice and others never. The refresh then rebuilds from the log.
        let mode: EntryCache.Mode
        if let lag = try catalogueLag(db) {
            if try bulk.isCurrent(lagChanges: lag, db: db) {
                mode = .merged
            } else {
                bulk.abandon()
                mode = .logOnly
            }
        } else if catalogue == .deferred {
            bulk.begin()
            mode = .merged
        } else {
            // A catch-up ended by a rebuild (which clears the mark) holds nothing current.
            bulk.abandon()
            mode = .indexed
        }
        var entries = EntryCache(mode: mode, bulk: bulk)
        var authors = AuthorLogCache()
        var quarantine = try Self.quarantine(db)
        var quarantineMoved = false
        var accepted = 0
        var results: [Replica.ReceiveResult] = []
        results.reserveCapacity(changes.count)
        for change in changes {
            let result = try apply(
                change, acceptance: acceptance, now: now, db: db, authors: &authors, entries: &entries,
                quarantine: &quarantine, quarantineMoved: &quarantineMoved)
            if result == .accepted { accepted += 1 }
            results.append(result)
        }
        try authors.saveHeads(db)
        if quarantineMoved {
            // The forked author's later changes are in the states: they need the log again.
            if mode == .indexed {
                _ = try rematerialize(db, checkingSignatures: false)
            } else {
                bulk.abandon()
                try markCatalogueLagging(db, now: now, changes: max(accepted, 1))
            }
            return results
        }
        switch mode {
        case .indexed:
            try entries.save(db)
        case .merged:
            if accepted > 0 { try markCatalogueLagging(db, now: now, changes: accepted) }
            if let lag = try catalogueLag(db) {
                try bulk.keep(entries.changed, lagChanges: lag, db: db)
            } else {
                bulk.abandon()
            }
        case .logOnly:
            if accepted > 0 { try markCatalogueLagging(db, now: now, changes: accepted) }
        }
        return results
    }

    static func markCatalogueLagging(_ db: Database, now: Int64, changes: Int) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO catalogueLag (id, since, changes) VALUES (1, ?, ?)
                ON CONFLICT (id) DO UPDATE SET changes = changes + excluded.changes
                """
        ).execute(arguments: [now, changes])
    }

    /// How many accepted changes the catalogue lags behind the log; `nil` when it is current.
    static func catalogueLag(_ db: Database) throws -> Int? {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT changes FROM catalogueLag WHERE id = 1"))
    }

    /// Applies one change to the log and heads, and to `entries` (which ignore it when deferring,
    /// or when its author is quarantined at or before its seq).
    private static func apply(
        _ change: VerifiedChange, acceptance: ChangeAcceptance, now: Int64, db: Database,
        authors: inout AuthorLogCache, entries: inout EntryCache, quarantine: inout Quarantine,
        quarantineMoved: inout Bool
    ) throws -> Replica.ReceiveResult {
        let author = change.author.rawValue
        let log = try authors.log(of: author, db: db)
        // A gap-free log holds a change at this seq only when the seq is not past the head.
        let storedIDAtSeq =
            change.seq <= log.head?.seq ?? 0
            ? try String.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM change WHERE author = ? AND seq = ?"),
                arguments: [author, change.seq]
            ).flatMap { try? ChangeID(parsing: $0) } : nil
        let decision: ChangeAcceptance.Decision
        do {
            decision = try acceptance.decide(
                change, record: ChangeAcceptance.AuthorRecord(head: log.head, storedIDAtSeq: storedIDAtSeq), now: now)
        } catch {
            return .refused(error)
        }
        switch decision {
        case .duplicate:
            return .duplicate
        case .fork(let existing):
            // Both copies become evidence: the one in the log and the rival.
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO forkChange (author, seq, id, payload, signature, detectedAt)
                    SELECT author, seq, id, payload, signature, ? FROM change WHERE author = ? AND seq = ? AND id = ?
                    """,
                arguments: [now, author, change.seq, existing.rawValue])
            try insertForkChange(change.signed, author: author, seq: change.seq, id: change.id, now: now, db: db)
            if quarantine.record(author: change.author, seq: change.seq) { quarantineMoved = true }
            return .refused(SyncError.fork(existing: existing).about(change.reference))
        case .accept:
            try db.cachedStatement(
                sql: """
                    INSERT INTO change (author, seq, id, payload, signature, hlcTime, hlcCounter, receivedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                author, change.seq, change.id.rawValue, change.signed.payload, change.signed.signature,
                change.hlc.time, change.hlc.counter, now,
            ])
            authors.advance(author, to: AuthorHead(seq: change.seq, id: change.id, hlc: change.hlc))
            if quarantine.applies(author: change.author, seq: change.seq) { try entries.apply(change, db: db) }
            return .accepted
        }
    }

    static func head(of author: String, db: Database) throws -> AuthorHead? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT seq, id, hlcTime, hlcCounter FROM head WHERE author = ?"),
                arguments: [author])
        else { return nil }
        return AuthorHead(
            seq: row["seq"], id: try ChangeID(parsing: row["id"]),
            hlc: HLCTimestamp(time: row["hlcTime"], counter: row["hlcCounter"]))
    }

    package func versionVector() async throws -> VersionVector {
        try await VersionVector(heads().mapValues(\.seq))
    }

    package func heads() async throws -> [AuthorID: AuthorHead] {
        try await writer.read { db in
            var heads: [AuthorID: AuthorHead] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT author, seq, id, hlcTime, hlcCounter FROM head") {
                heads[try AuthorID(parsing: row["author"])] = AuthorHead(
                    seq: row["seq"], id: try ChangeID(parsing: row["id"]),
                    hlc: HLCTimestamp(time: row["hlcTime"], counter: row["hlcCounter"]))
            }
            return heads
        }
    }

    package func changes(
        missingFrom vector: VersionVector, maximumCount: Int, maximumBytes: Int
    ) async throws -> DeltaPage {
        try await writer.read { db in
            var builder = DeltaPageBuilder(from: vector, maximumCount: maximumCount, maximumBytes: maximumBytes)
            // A forked author's log is offered only up to the seq before its fork.
            let quarantine = try Self.quarantine(db)
            for head in try Row.fetchAll(db, sql: "SELECT author, seq FROM head ORDER BY author") {
                let author = try AuthorID(parsing: head["author"])
                let have = quarantine.cap(author: author, seq: head["seq"])
                guard have > vector[author] else { continue }
                let rows = try Row.fetchCursor(
                    db,
                    sql:
                        "SELECT seq, payload, signature FROM change WHERE author = ? AND seq > ? AND seq <= ? ORDER BY seq",
                    arguments: [author.rawValue, vector[author], have])
                while let row = try rows.next() {
                    let change = SignedChange(payload: row["payload"], signature: row["signature"])
                    guard builder.offer(change, author: author, seq: row["seq"]) else { return builder.page }
                }
            }
            return builder.page
        }
    }

    package func entry(kind: String, id: String) async throws -> EntryState? {
        try await writer.read { db in
            try Self.storedState(kind: kind, id: id, db: db)
        }
    }

    package func catalogueEntry(kind: String, id: String) async throws -> CatalogueEntry? {
        let key = EntryKey(kind: kind, id: id)
        guard
            let bytes = try await writer.read({ db in try Self.storedStateBytes(kind: kind, id: id, db: db) })
        else { return nil }
        return try catalogueEntry(key, builtFrom: bytes)
    }

    /// The entry of `key` from its stored state bytes: remembered when built from the same
    /// bytes before, else built and remembered.
    private func catalogueEntry(_ key: EntryKey, builtFrom bytes: Data) throws -> CatalogueEntry {
        if let remembered = readCache.entry(key, builtFrom: bytes) { return remembered }
        let entry = CatalogueEntry(state: try Self.decodeState(bytes, kind: key.kind, id: key.id))
        readCache.remember(entry, key, builtFrom: bytes)
        return entry
    }

    /// One read transaction for all of them; each entry is built once per version of its state
    /// (the read cache), as `catalogueEntry` does.
    package func catalogueEntries(
        _ keys: some Collection<EntryKey> & Sendable
    ) async throws
        -> [EntryKey: CatalogueEntry]
    {
        let stored: [(EntryKey, Data)] = try await writer.read { db in
            let statement = try db.cachedStatement(sql: "SELECT state FROM entry WHERE kind = ? AND id = ?")
            var stored: [(EntryKey, Data)] = []
            stored.reserveCapacity(keys.count)
            for key in keys {
                if let bytes = try Data.fetchOne(statement, arguments: [key.kind, key.id]) {
                    stored.append((key, bytes))
                }
            }
            return stored
        }
        var entries: [EntryKey: CatalogueEntry] = [:]
        entries.reserveCapacity(stored.count)
        for (key, bytes) in stored { entries[key] = try catalogueEntry(key, builtFrom: bytes) }
        return entries
    }

    package func digest() async throws -> String {
        try await writer.read { db in try self.currentDigest(db) }
    }

    /// The digest of the catalogue as `db` sees it, remembered per catalogue version.
    func currentDigest(_ db: Database) throws -> String {
        let version = try Self.catalogueVersion(db)
        if let digest = summaries.digest(version: version) { return digest }
        let digest = try Self.storedDigest(db)
        summaries.remember(digest: digest, version: version)
        return digest
    }

    /// The state digest of the materialized entries, streamed from their canonical JSON.
    static func storedDigest(_ db: Database) throws -> String {
        var digest = CatalogueDigest()
        let rows = try Data.fetchCursor(db, sql: "SELECT digestValue FROM entry ORDER BY kind, id")
        while let value = try rows.next() { digest.add(value) }
        return digest.finalize()
    }

    /// Number of stored changes, per author.
    package func changeCount() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM change") ?? 0 }
    }
}

/// Entry states loaded and changed during one batch, written back once at its end.
struct EntryCache {
    /// What a batch's accepted changes reach besides the log.
    enum Mode: Hashable {
        /// The stored entry states and their index, facets and full text: every push and publish.
        case indexed
        /// The bulk catch-up's states in memory (`BulkCatchUp`), indexed once at the refresh.
        case merged
        /// Nothing: the states are stale until the refresh rebuilds them from the log.
        case logOnly
    }

    let mode: Mode
    let bulk: BulkCatchUp
    /// The states this batch changed, merged.
    private(set) var changed: [EntryKey: EntryState] = [:]

    init(mode: Mode, bulk: BulkCatchUp) {
        self.mode = mode
        self.bulk = bulk
    }

    /// Merges an accepted change's operations into the states it touches, in place (no copy
    /// of a state per operation).
    mutating func apply(_ change: VerifiedChange, db: Database) throws {
        guard mode != .logOnly else { return }
        for (index, operation) in change.operations.enumerated() {
            // Not applied, and creates no entry (as `CatalogueState.apply`).
            if case .unknown = operation.action { continue }
            let key = EntryKey(kind: operation.kind, id: operation.entry)
            if changed[key] == nil {
                changed[key] =
                    try (mode == .merged ? bulk.take(key) : nil)
                    ?? SQLiteChangeStore.storedState(kind: key.kind, id: key.id, db: db)
                    ?? EntryState(kind: key.kind, id: key.id)
            }
            changed[key]?.apply(operation, tag: change.tag(ofOperation: index), hlc: change.hlc, editor: change.editor)
        }
    }

    /// Writes every changed entry back: prepared on all cores, then written in order of kind
    /// and id, so an entry's text rows (whose row ids order equal search ranks) are numbered the
    /// same way in every run (in the set's order, equal ranks came out differently per process).
    func save(_ db: Database) throws {
        guard !changed.isEmpty else { return }
        for entry in StoredEntry.prepare(changed.sorted { $0.key < $1.key }.map(\.value)) {
            try entry.write(db)
        }
        try SQLiteChangeStore.advanceCatalogueVersion(db)
    }
}

extension SQLiteChangeStore {
    /// Marks the catalogue as changed, inside the transaction that changes it.
    static func advanceCatalogueVersion(_ db: Database) throws {
        try db.cachedStatement(sql: "UPDATE catalogueVersion SET version = version + 1 WHERE id = 1").execute()
    }

    /// The catalogue's version, read in the caller's transaction.
    static func catalogueVersion(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT version FROM catalogueVersion WHERE id = 1")) ?? 0
    }

    /// Reads an entry's merged state; a damaged row is an error that names the entry.
    static func storedState(kind: String, id: String, db: Database) throws -> EntryState? {
        guard let bytes = try storedStateBytes(kind: kind, id: id, db: db) else { return nil }
        return try decodeState(bytes, kind: kind, id: id)
    }

    /// An entry's merged state in its storage form, as stored.
    static func storedStateBytes(kind: String, id: String, db: Database) throws -> Data? {
        try Data.fetchOne(
            db.cachedStatement(sql: "SELECT state FROM entry WHERE kind = ? AND id = ?"), arguments: [kind, id])
    }

    /// An entry's stored state; a damaged row is an error that names the entry.
    static func decodeState(_ bytes: Data, kind: String, id: String) throws(StoreError) -> EntryState {
        do {
            return try EntryState(storageBytes: bytes)
        } catch {
            throw StoreError.corrupt("the state of \(kind) \(id) cannot be read: \(error)")
        }
    }
}
