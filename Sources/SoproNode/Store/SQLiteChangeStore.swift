import Crypto
import Foundation
import GRDB
import SyncProtocol

/// The change store on SQLite (GRDB): a `DatabasePool` on a file in production (WAL mode, so
/// readers never wait for the writer), an in-memory `DatabaseQueue` in tests.
public final class SQLiteChangeStore: ChangeStore {
    let writer: any DatabaseWriter

    /// Opens (creating if needed) the store at `writer` and brings its schema up to date.
    public init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try StoreMigrations.migrator.migrate(writer)
    }

    /// Opens the store file at `path`.
    public static func open(path: String) throws -> SQLiteChangeStore {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            return try SQLiteChangeStore(writer: DatabasePool(path: path, configuration: configuration))
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, detail: error.message ?? "\(error)")
        }
    }

    /// An empty store in memory, for tests and tools.
    public static func inMemory() throws -> SQLiteChangeStore {
        try SQLiteChangeStore(writer: DatabaseQueue())
    }

    public func apply(
        _ batch: [Result<VerifiedChange, SyncError>], acceptance: ChangeAcceptance, now: Int64
    ) async throws
        -> [Replica.ReceiveResult]
    {
        try await writer.write { db in
            var prepared = ReceiveBatch(batch)
            var entries = EntryCache()
            for (index, change) in prepared.ordered {
                prepared.results[index] = try Self.apply(
                    change, acceptance: acceptance, now: now, db: db, entries: &entries)
            }
            try entries.save(db)
            return prepared.results
        }
    }

    private static func apply(
        _ change: VerifiedChange, acceptance: ChangeAcceptance, now: Int64, db: Database, entries: inout EntryCache
    ) throws -> Replica.ReceiveResult {
        let author = change.author.rawValue
        let record = ChangeAcceptance.AuthorRecord(
            head: try head(of: author, db: db),
            storedIDAtSeq: try String.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM change WHERE author = ? AND seq = ?"),
                arguments: [author, change.seq]
            ).flatMap { try? ChangeID(parsing: $0) },
            suspended: try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT 1 FROM suspendedAuthor WHERE author = ?"), arguments: [author])
                ?? false)
        let decision: ChangeAcceptance.Decision
        do {
            decision = try acceptance.decide(change, record: record, now: now)
        } catch {
            return .refused(error)
        }
        switch decision {
        case .duplicate:
            return .duplicate
        case .fork(let existing):
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO fork (author, seq, keptID, rivalID, rivalPayload, rivalSignature, detectedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    author, change.seq, existing.rawValue, change.id.rawValue, change.signed.payload,
                    change.signed.signature,
                    now,
                ])
            try db.execute(
                sql: "INSERT OR IGNORE INTO suspendedAuthor (author, since, reason) VALUES (?, ?, ?)",
                arguments: [author, now, "fork at seq \(change.seq)"])
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
            try db.cachedStatement(
                sql: """
                    INSERT INTO head (author, seq, id, hlcTime, hlcCounter) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (author) DO UPDATE SET seq = excluded.seq, id = excluded.id,
                        hlcTime = excluded.hlcTime, hlcCounter = excluded.hlcCounter
                    """
            ).execute(arguments: [author, change.seq, change.id.rawValue, change.hlc.time, change.hlc.counter])
            for (index, operation) in change.operations.enumerated() {
                let key = EntryKey(kind: operation.kind, id: operation.entry)
                var state = try entries.state(for: key, db: db)
                state.apply(operation, tag: change.tag(ofOperation: index), hlc: change.hlc, editor: change.editor)
                entries.update(state, for: key)
            }
            return .accepted
        }
    }

    private static func head(of author: String, db: Database) throws -> AuthorHead? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT seq, id, hlcTime, hlcCounter FROM head WHERE author = ?"),
                arguments: [author])
        else { return nil }
        return AuthorHead(
            seq: row["seq"], id: try ChangeID(parsing: row["id"]),
            hlc: HLCTimestamp(time: row["hlcTime"], counter: row["hlcCounter"]))
    }

    public func versionVector() async throws -> VersionVector {
        try await VersionVector(heads().mapValues(\.seq))
    }

    public func heads() async throws -> [AuthorID: AuthorHead] {
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

    public func changes(
        missingFrom vector: VersionVector, maximumCount: Int, maximumBytes: Int
    ) async throws -> DeltaPage {
        try await writer.read { db in
            var builder = DeltaPageBuilder(from: vector, maximumCount: maximumCount, maximumBytes: maximumBytes)
            for head in try Row.fetchAll(db, sql: "SELECT author, seq FROM head ORDER BY author") {
                let author = try AuthorID(parsing: head["author"])
                let have: UInt64 = head["seq"]
                guard have > vector[author] else { continue }
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT seq, payload, signature FROM change WHERE author = ? AND seq > ? ORDER BY seq",
                    arguments: [author.rawValue, vector[author]])
                while let row = try rows.next() {
                    let change = SignedChange(payload: row["payload"], signature: row["signature"])
                    guard builder.offer(change, author: author, seq: row["seq"]) else { return builder.page }
                }
            }
            return builder.page
        }
    }

    public func entry(kind: String, id: String) async throws -> EntryState? {
        try await writer.read { db in
            try Self.storedState(kind: kind, id: id, db: db)
        }
    }

    public func digest() async throws -> String {
        try await writer.read { db in try Self.storedDigest(db) }
    }

    /// The state digest of the materialized entries, streamed from their canonical JSON.
    static func storedDigest(_ db: Database) throws -> String {
        var hasher = SHA256()
        hasher.update(data: Array("[".utf8))
        let rows = try Data.fetchCursor(db, sql: "SELECT digestValue FROM entry ORDER BY kind, id")
        var first = true
        while let value = try rows.next() {
            if !first { hasher.update(data: Array(",".utf8)) }
            hasher.update(data: value)
            first = false
        }
        hasher.update(data: Array("]".utf8))
        return Hex.encode(hasher.finalize())
    }

    public func forks() async throws -> [ForkEvidence] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT fork.author, fork.seq, fork.rivalPayload, fork.rivalSignature, change.payload, change.signature
                    FROM fork JOIN change ON change.id = fork.keptID ORDER BY fork.detectedAt, fork.author
                    """
            ).map { row in
                ForkEvidence(
                    kept: SignedChange(payload: row[4], signature: row[5]),
                    rival: SignedChange(payload: row[2], signature: row[3]), author: try AuthorID(parsing: row[0]),
                    seq: row[1])
            }
        }
    }

    /// Number of stored changes, per author.
    public func changeCount() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM change") ?? 0 }
    }
}

/// Entry states loaded and changed during one batch, written back once at its end.
struct EntryCache {
    private var states: [EntryKey: EntryState] = [:]
    private var dirty: Set<EntryKey> = []

    mutating func state(for key: EntryKey, db: Database) throws -> EntryState {
        if let state = states[key] { return state }
        let state =
            try SQLiteChangeStore.storedState(kind: key.kind, id: key.id, db: db)
            ?? EntryState(kind: key.kind, id: key.id)
        states[key] = state
        return state
    }

    mutating func update(_ state: EntryState, for key: EntryKey) {
        states[key] = state
        dirty.insert(key)
    }

    /// Writes every changed entry back: prepared on all cores, then written in order.
    func save(_ db: Database) throws {
        for entry in StoredEntry.prepare(dirty.compactMap { states[$0] }) {
            try entry.write(db)
        }
    }
}

extension SQLiteChangeStore {
    /// Reads an entry's merged state; a damaged row is an error that names the entry.
    static func storedState(kind: String, id: String, db: Database) throws -> EntryState? {
        guard
            let bytes = try Data.fetchOne(
                db.cachedStatement(sql: "SELECT state FROM entry WHERE kind = ? AND id = ?"), arguments: [kind, id])
        else { return nil }
        do {
            return try EntryState(storageBytes: bytes)
        } catch {
            throw StoreError.corrupt("the state of \(kind) \(id) cannot be read: \(error)")
        }
    }
}
