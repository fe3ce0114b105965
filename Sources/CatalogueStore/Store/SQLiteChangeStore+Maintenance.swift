import Foundation
import GRDB
import SyncProtocol

extension SQLiteChangeStore {
    /// Checks that every author's head names the last change of a gap-free log, and repairs
    /// heads that do not (a head is derived data; the logs are the truth). Returns one line per
    /// repair, for the start-up log; empty when all was well.
    package func repairHeads() async throws -> [String] {
        try await writer.write { db in
            var repairs: [String] = []
            let logs = try Row.fetchAll(
                db, sql: "SELECT author, COUNT(*) AS count, MAX(seq) AS last FROM change GROUP BY author")
            var authorsWithLogs: Set<String> = []
            for log in logs {
                let author: String = log["author"]
                authorsWithLogs.insert(author)
                let count: Int64 = log["count"]
                let last: Int64 = log["last"]
                if count != last {
                    throw StoreError.corrupt(
                        "the log of author \(author.prefix(12))… has gaps (\(count) changes up to seq \(last))")
                }
                guard
                    let change = try Row.fetchOne(
                        db, sql: "SELECT id, hlcTime, hlcCounter FROM change WHERE author = ? AND seq = ?",
                        arguments: [author, last])
                else { continue }
                let head = try Row.fetchOne(db, sql: "SELECT seq, id FROM head WHERE author = ?", arguments: [author])
                let headSeq: Int64? = head?["seq"]
                let headID: String? = head?["id"]
                let changeID: String = change["id"]
                if headSeq != last || headID != changeID {
                    try db.execute(
                        sql: """
                            INSERT INTO head (author, seq, id, hlcTime, hlcCounter) VALUES (?, ?, ?, ?, ?)
                            ON CONFLICT (author) DO UPDATE SET seq = excluded.seq, id = excluded.id,
                                hlcTime = excluded.hlcTime, hlcCounter = excluded.hlcCounter
                            """,
                        arguments: [author, last, changeID, change["hlcTime"], change["hlcCounter"]])
                    repairs.append(
                        "head of author \(author.prefix(12))… was \(headSeq.map(String.init) ?? "missing"), set to seq \(last) from its log"
                    )
                }
            }
            for author in try String.fetchAll(db, sql: "SELECT author FROM head")
            where !authorsWithLogs.contains(author) {
                try db.execute(sql: "DELETE FROM head WHERE author = ?", arguments: [author])
                repairs.append("head of author \(author.prefix(12))… had no log and was removed")
            }
            return repairs
        }
    }

    /// Recomputes every entry from the stored changes (verifying each signature again) and
    /// replaces the materialized catalogue in one transaction. Returns the new digest, which
    /// must equal the incremental one.
    package func rebuild() async throws -> String {
        try await writer.write { db in try Self.rematerialize(db, checkingSignatures: true) }
    }

    package func refreshCatalogue() async throws -> Int? {
        try await writer.write { db in try Self.refreshInTransaction(db, bulk: self.bulk) }
    }

    /// Brings a lagging catalogue up to the log inside the caller's transaction and returns how
    /// many changes it lagged; `nil` (nothing done) when it was current. At the end of a bulk
    /// catch-up whose merged states are current, those are written with their index; otherwise
    /// the catalogue is rebuilt from the log. The log holds only changes verified when they
    /// arrived; checking their signatures again would double the cost and prove nothing new.
    static func refreshInTransaction(_ db: Database, bulk: BulkCatchUp) throws -> Int? {
        guard let lag = try catalogueLag(db) else { return nil }
        if try bulk.isCurrent(lagChanges: lag, db: db) {
            try reindex(db, merged: bulk.finish(), chunk: bulk.refreshChunk)
        } else {
            bulk.abandon()
            _ = try rematerialize(db, checkingSignatures: false)
        }
        return lag
    }

    /// Empties the index, facets, full text and compound words of the catalogue, and its lag
    /// mark: what a rebuild or the end of a bulk catch-up writes anew.
    static func clearIndex(_ db: Database) throws {
        try db.execute(
            sql: """
                DELETE FROM entryIndex; DELETE FROM entryFacet; DELETE FROM facetTally; DELETE FROM facetRegionTally;
                DELETE FROM entryText; DELETE FROM entryTextRow; DELETE FROM searchTerm; DELETE FROM searchWord;
                DELETE FROM catalogueLag
                """)
    }

    /// The facet tallies as the facet table has them: the whole catalogue's (in the facet
    /// table's key order, one pass) and each region's (each entry's region rows joined to its
    /// facets). Columns as in `facetTally` and `facetRegionTally`.
    static let facetTallyCounts =
        "SELECT facet, value, kind, COUNT(*) AS entries FROM entryFacet GROUP BY facet, value, kind"
    static let facetRegionTallyCounts = """
        SELECT r.value AS region, f.facet, f.value, f.kind, COUNT(*) AS entries
        FROM entryFacet r JOIN entryFacet f ON f.kind = r.kind AND f.id = r.id
        WHERE r.facet = 'region' GROUP BY r.value, f.facet, f.value, f.kind
        """

    /// Counts the facet tallies anew from the facet table, after a bulk write into emptied tables.
    static func countFacetTally(_ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO facetTally (facet, value, kind, entries) \(facetTallyCounts);
                INSERT INTO facetRegionTally (region, facet, value, kind, entries) \(facetRegionTallyCounts)
                """)
    }

    /// How many rows of the tally `table` (its key `columns`, then `entries`; rows of 0 left
    /// out) differ from `counts` of the facet table, either way.
    static func tallyDifferences(_ table: String, columns: String, counts: String, db: Database) throws -> Int {
        try Int.fetchOne(
            db,
            sql: """
                WITH counted AS (\(counts))
                SELECT (SELECT COUNT(*) FROM (
                        SELECT \(columns), entries FROM \(table) WHERE entries != 0 EXCEPT SELECT * FROM counted))
                    + (SELECT COUNT(*) FROM (
                        SELECT * FROM counted EXCEPT SELECT \(columns), entries FROM \(table) WHERE entries != 0))
                """) ?? 0
    }

    /// Ends a bulk catch-up: writes its `merged` states (in key order), then builds the index,
    /// facets and full text of every entry from its stored state — current now: written at the
    /// end, written out during the catch-up, or untouched by it — in one pass in key order, so
    /// text rows are numbered in key order as by a rebuild. Both are prepared on every core a
    /// chunk at a time. (Writing the merged entries during the pass, beside the stored ones, is
    /// not possible: rows inserted into a table while a statement reads it may or may not be
    /// read by it — at 200,000 entries some were, and were indexed twice.)
    ///
    /// Each chunk (`size` entries) is prepared while the one before it is written
    /// (`PreparedAhead`): at the end of a 100,000-change bootstrap the preparing took 1.2 s on
    /// both cores and the writes 1.8 s on one, one after the other.
    ///
    /// Tried and left out (session 19): one pass that writes each merged state with its index
    /// rows, reading the other stored entries a chunk at a time and skipping those with a
    /// merged state, so that no state is decoded again from the bytes just written. The refresh
    /// of a 100,000-change bootstrap took 2.17–2.38 s with it and 2.31–2.41 s without (twelve
    /// alternating bootstraps): its time is the writer's SQLite statements, and the decoding it
    /// saved ran on the other core.
    static func reindex(_ db: Database, merged: [EntryState], chunk size: Int) throws {
        try clearIndex(db)
        try beginBulkText(db)
        var written: PreparedAhead<[StoredEntry]>?
        for start in stride(from: 0, to: merged.count, by: size) {
            let states = Array(merged[start..<min(merged.count, start + size)])
            let next = PreparedAhead { StoredEntry.prepare(states, indexed: false) }
            for entry in written?.wait() ?? [] { try entry.write(db) }
            written = next
        }
        for entry in written?.wait() ?? [] { try entry.write(db) }

        typealias Chunk = [(kind: String, id: String, state: Data)]
        typealias Prepared = (chunk: Chunk, rows: PreparedAhead<[Result<CatalogueIndex.Rows?, StoreError>]>)
        var chunk: Chunk = []
        var pending: Prepared?
        func write(_ prepared: Prepared?) throws {
            guard let prepared else { return }
            for (stored, rows) in zip(prepared.chunk, prepared.rows.wait()) {
                try CatalogueIndex.write(rows.get(), kind: stored.kind, id: stored.id, replacing: false, db: db)
            }
        }
        func indexChunk() throws {
            let taken = chunk
            chunk.removeAll(keepingCapacity: true)
            let next: Prepared = (
                taken,
                PreparedAhead {
                    taken.concurrentMap(minimumPerWorker: 64) { stored in
                        Result { () throws(StoreError) in
                            CatalogueIndex.rows(of: try decodeState(stored.state, kind: stored.kind, id: stored.id))
                        }
                    }
                }
            )
            try write(pending)
            pending = next
        }
        let rows = try Row.fetchCursor(db, sql: "SELECT kind, id, state FROM entry ORDER BY kind, id")
        while let row = try rows.next() {
            chunk.append((row["kind"], row["id"], row["state"]))
            if chunk.count == size { try indexChunk() }
        }
        try indexChunk()
        try write(pending)
        try countFacetTally(db)
        try finishBulkText(db)
        try advanceCatalogueVersion(db)
    }

    /// Sets the full-text index up for a bulk write into its emptied table, inside the caller's
    /// transaction (FTS5 keeps its settings in a table of its own, so a rollback undoes them):
    /// no merging of segments while rows go in (`automerge` 0) and up to 64 MB of rows held in
    /// memory before a segment is written (`hashsize`; FTS5's default is 1 MB) — fewer,
    /// larger segments, merged once at the end by `finishBulkText`. Measured at the end of a
    /// 100,000-change bootstrap (six alternating bootstraps each, 2026-12-06): the index rows'
    /// writes 1.02–1.45 s against 1.20–1.59 s with FTS5's defaults, the refresh 2.29–2.88 s
    /// against 2.57–3.28 s. (Without the full text at all they took 0.52–0.64 s.)
    static func beginBulkText(_ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO entryText(entryText, rank) VALUES('automerge', 0);
                INSERT INTO entryText(entryText, rank) VALUES('hashsize', \(64 << 20))
                """)
    }

    /// Ends a bulk write of the full-text index: merges it into one segment — rows inserted a
    /// chunk at a time leave many, and a prefix or a ranking then reads each (at 200,000 entries
    /// a ranked window of "holz*" took 12 ms in the written index and 7 ms in a merged one) —
    /// and gives FTS5 its default settings back (`automerge` 4, `hashsize` 1 MB) for the
    /// changes that follow, one entry at a time.
    static func finishBulkText(_ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO entryText(entryText) VALUES('optimize');
                INSERT INTO entryText(entryText, rank) VALUES('automerge', 4);
                INSERT INTO entryText(entryText, rank) VALUES('hashsize', \(1 << 20))
                """)
    }

    /// Replaces the materialized catalogue (entries, index, facets, full text) with one computed
    /// from the whole log, inside the caller's transaction, clears any lag mark and returns the
    /// digest. Payloads are read in chunks and parsed on every core; entries are prepared on
    /// every core and written in key order (SQLite's B-tree inserts then land at the end of
    /// their pages), into emptied tables, and the digest is taken from the written values.
    static func rematerialize(_ db: Database, checkingSignatures: Bool) throws -> String {
        // Forked authors' changes from their fork on are kept in the log, not applied.
        let quarantine = try Self.quarantine(db)
        var state = CatalogueState()
        var chunk: [SignedChange] = []
        func applyChunk() throws {
            let parsed = chunk.concurrentMap(minimumPerWorker: 64) { signed in
                Result { () throws(SyncError) in
                    checkingSignatures ? try signed.verified() : try signed.rereadFromOwnStore()
                }
            }
            for (signed, result) in zip(chunk, parsed) {
                switch result {
                case .success(let change):
                    if quarantine.applies(author: change.author, seq: change.seq) { state.apply(change) }
                case .failure(let error):
                    throw StoreError.corrupt("stored change \(signed.id) no longer verifies: \(error)")
                }
            }
            chunk.removeAll(keepingCapacity: true)
        }
        let rows = try Row.fetchCursor(db, sql: "SELECT payload, signature FROM change ORDER BY author, seq")
        while let row = try rows.next() {
            chunk.append(SignedChange(payload: row["payload"], signature: row["signature"]))
            if chunk.count == 4096 { try applyChunk() }
        }
        try applyChunk()
        try db.execute(sql: "DELETE FROM entry")
        try clearIndex(db)
        try beginBulkText(db)
        var digest = CatalogueDigest()
        let keys = state.entries.keys.sorted()
        for start in stride(from: 0, to: keys.count, by: 2048) {
            let states = keys[start..<min(keys.count, start + 2048)].compactMap { state.entries[$0] }
            for entry in StoredEntry.prepare(states) {
                try entry.write(db, replacingIndex: false)
                digest.add(entry.digestValue)
            }
        }
        try countFacetTally(db)
        try finishBulkText(db)
        try advanceCatalogueVersion(db)
        return digest.finalize()
    }
}

extension SQLiteChangeStore {
    /// Checks everything the store holds without changing it: SQLite's integrity check, every
    /// change's id, signature, seq order and hash chain, the heads against the logs, and the
    /// materialized catalogue against a rebuild from the changes. Returns every problem found.
    package func verify() async throws -> [String] {
        try await writer.read { db in
            var problems: [String] = []
            let quarantine = try Self.quarantine(db)
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { problems += integrity.map { "SQLite integrity: \($0)" } }
            var state = CatalogueState()
            var expected: [String: (seq: Int64, id: String?)] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT author, seq, id, payload, signature FROM change ORDER BY author, seq")
            while let row = try rows.next() {
                let author: String = row["author"]
                let seq: Int64 = row["seq"]
                let id: String = row["id"]
                let signed = SignedChange(payload: row["payload"], signature: row["signature"])
                let name = "change \(author.prefix(12))…#\(seq)"
                if signed.id.rawValue != id { problems.append("\(name): its id is not the SHA-256 of its payload") }
                let previous = expected[author] ?? (0, nil)
                if seq != previous.seq + 1 { problems.append("\(name): follows seq \(previous.seq)") }
                do {
                    let change = try signed.verified()
                    if change.author.rawValue != author || Int64(change.seq) != seq {
                        problems.append("\(name): stored under the wrong author or seq")
                    }
                    if change.previous?.rawValue != previous.id {
                        problems.append("\(name): prev does not name the change before it")
                    }
                    if quarantine.applies(author: change.author, seq: change.seq) { state.apply(change) }
                } catch {
                    problems.append("\(name): \(error)")
                }
                expected[author] = (seq, id)
            }
            for head in try Row.fetchAll(db, sql: "SELECT author, seq, id FROM head") {
                let author: String = head["author"]
                let seq: Int64 = head["seq"]
                let id: String = head["id"]
                if let last = expected[author], last.seq == seq, last.id == id { continue }
                problems.append("head of \(author.prefix(12))… (seq \(seq)) does not match its log")
            }
            // Fork evidence: every change as signed, under its own author, seq and id.
            let evidence = try Row.fetchCursor(db, sql: "SELECT author, seq, id, payload, signature FROM forkChange")
            while let row = try evidence.next() {
                let signed = SignedChange(payload: row["payload"], signature: row["signature"])
                let name = "fork evidence \((row["author"] as String).prefix(12))…#\(row["seq"] as Int64)"
                do {
                    let change = try signed.verified()
                    if change.author.rawValue != row["author"] || Int64(change.seq) != row["seq"]
                        || change.id.rawValue != row["id"]
                    {
                        problems.append("\(name): stored under the wrong author, seq or id")
                    }
                } catch {
                    problems.append("\(name): \(error)")
                }
            }
            let heads = Set(try String.fetchAll(db, sql: "SELECT author FROM head"))
            for author in expected.keys where !heads.contains(author) {
                problems.append("author \(author.prefix(12))… has a log but no head")
            }
            let tallyDiffers =
                try Self.tallyDifferences(
                    "facetTally", columns: "facet, value, kind", counts: Self.facetTallyCounts, db: db)
                + Self.tallyDifferences(
                    "facetRegionTally", columns: "region, facet, value, kind", counts: Self.facetRegionTallyCounts,
                    db: db)
            if tallyDiffers > 0 {
                problems.append(
                    "the facet tallies differ from the facet table for \(tallyDiffers) values (run a rebuild)"
                )
            }
            if let lag = try Self.catalogueLag(db) {
                problems.append(
                    "the catalogue lags \(lag) changes behind the log (an interrupted catch-up; `serve` rebuilds it on start)"
                )
            } else if try Self.storedDigest(db) != state.digest {
                problems.append(
                    "the materialized catalogue differs from a rebuild of the stored changes (run a rebuild)")
            }
            return problems
        }
    }
}
