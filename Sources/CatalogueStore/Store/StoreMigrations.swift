import Foundation
import GRDB
import SyncProtocol

/// The store's schema, as append-only named migrations: a migration that has shipped is never
/// edited; changes to the schema come as new migrations.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: change logs, heads, forks, entries") { db in
            // Signed changes exactly as received: payload bytes and signature, never re-encoded.
            try db.execute(
                sql: """
                    CREATE TABLE change (
                        author TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        id TEXT NOT NULL UNIQUE,
                        payload BLOB NOT NULL,
                        signature BLOB NOT NULL,
                        hlcTime INTEGER NOT NULL,
                        hlcCounter INTEGER NOT NULL,
                        receivedAt INTEGER NOT NULL,
                        PRIMARY KEY (author, seq)
                    ) WITHOUT ROWID;
                    CREATE TABLE head (
                        author TEXT PRIMARY KEY,
                        seq INTEGER NOT NULL,
                        id TEXT NOT NULL,
                        hlcTime INTEGER NOT NULL,
                        hlcCounter INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    -- Evidence of forks: the rival change, kept beside the one in the log.
                    CREATE TABLE fork (
                        author TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        keptID TEXT NOT NULL,
                        rivalID TEXT NOT NULL,
                        rivalPayload BLOB NOT NULL,
                        rivalSignature BLOB NOT NULL,
                        detectedAt INTEGER NOT NULL,
                        PRIMARY KEY (author, rivalID)
                    ) WITHOUT ROWID;
                    CREATE TABLE suspendedAuthor (
                        author TEXT PRIMARY KEY,
                        since INTEGER NOT NULL,
                        reason TEXT NOT NULL
                    ) WITHOUT ROWID;
                    -- The materialized catalogue: each entry's merged CRDT state (JSON), and the
                    -- canonical JSON its digest is computed from.
                    CREATE TABLE entry (
                        kind TEXT NOT NULL,
                        id TEXT NOT NULL,
                        state BLOB NOT NULL,
                        digestValue BLOB NOT NULL,
                        visible INTEGER NOT NULL,
                        PRIMARY KEY (kind, id)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v2: catalogue index, facets and full-text search") { db in
            try db.execute(
                sql: """
                    -- One row per visible entry, for listing and filtering.
                    CREATE TABLE entryIndex (
                        kind TEXT NOT NULL,
                        id TEXT NOT NULL,
                        names TEXT NOT NULL,            -- JSON object: language → name
                        region TEXT,
                        socialModel TEXT,
                        lighthouse INTEGER NOT NULL,
                        updatedTime INTEGER NOT NULL,   -- latest HLC time of the entry's values
                        PRIMARY KEY (kind, id)
                    ) WITHOUT ROWID;
                    CREATE INDEX entryIndexUpdated ON entryIndex (updatedTime);
                    -- Multi-valued facets: category, sector, region, language, targetGroup, …
                    CREATE TABLE entryFacet (
                        facet TEXT NOT NULL,
                        value TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        id TEXT NOT NULL,
                        PRIMARY KEY (facet, value, kind, id)
                    ) WITHOUT ROWID;
                    CREATE INDEX entryFacetEntry ON entryFacet (kind, id);
                    -- Names and descriptions in every language. FTS5 cannot index kind and id,
                    -- so entryTextRow maps them to the FTS rowids for cheap updates.
                    CREATE VIRTUAL TABLE entryText USING fts5(
                        kind UNINDEXED, id UNINDEXED, language UNINDEXED, name, description,
                        tokenize = 'unicode61 remove_diacritics 2'
                    );
                    CREATE TABLE entryTextRow (
                        rowid INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL,
                        id TEXT NOT NULL
                    );
                    CREATE INDEX entryTextRowEntry ON entryTextRow (kind, id);
                    """)
        }
        migrator.registerMigration("v3: entry states in their binary storage form") { db in
            // v1 and v2 stored each state as JSON (Codable); decoding and encoding it was the
            // largest cost of applying a change. Until session 5 this migration converted each
            // state by decoding it as the application's `EntryState` — which a migration must
            // not use (it changes with the application; GRDB's guidance). Entry states are
            // derived from the log, and v11 has every store with changes rebuild its catalogue
            // from the log on its next start (nothing reads a state before), so the JSON states
            // are dropped here instead. `StoreUpgradeTests` upgrades a v2 store with JSON states.
            try db.execute(sql: "DELETE FROM entry")
        }
        migrator.registerMigration("v4: full-text rank configured in the index") { db in
            // Names weigh ten times descriptions. Configured as the table's rank, FTS5 sorts
            // matches itself and computes snippets only for the rows a page reads.
            try db.execute(sql: "INSERT INTO entryText(entryText, rank) VALUES('rank', 'bm25(0, 0, 0, 10.0, 1.0)')")
        }
        migrator.registerMigration("v5: catalogue lag mark for deferred catch-ups") { db in
            try db.execute(
                sql: """
                    -- Present while the materialized catalogue lags behind the log: a bulk
                    -- catch-up stores changes first and rebuilds the catalogue once at its end
                    -- (or at the next start, if it was interrupted).
                    CREATE TABLE catalogueLag (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        since INTEGER NOT NULL,     -- wall-clock milliseconds of the first deferred batch
                        changes INTEGER NOT NULL    -- accepted changes not yet in the catalogue
                    );
                    """)
        }
        migrator.registerMigration("v6: origin region, delivery area and link facets") { db in
            // New index columns and facets are derived data: mark the catalogue as lagging, and
            // the node rebuilds it from the log on its next start.
            try db.execute(
                sql: """
                    ALTER TABLE entryIndex ADD COLUMN origin TEXT;   -- author id of the oldest standing value
                    CREATE INDEX entryIndexOrigin ON entryIndex (origin);
                    INSERT INTO catalogueLag (id, since, changes)
                        SELECT 1, 0, COUNT(*) FROM change HAVING COUNT(*) > 0
                        ON CONFLICT (id) DO UPDATE SET changes = excluded.changes;
                    """)
        }
        migrator.registerMigration("v7: catalogue version") { db in
            try db.execute(
                sql: """
                    -- Advanced in every transaction that changes the materialized catalogue, so
                    -- that counts remembered for a version are known to be current.
                    CREATE TABLE catalogueVersion (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        version INTEGER NOT NULL
                    );
                    INSERT INTO catalogueVersion (id, version) VALUES (1, 1);
                    """)
        }
        // v8 and v9 created the inquiry tables here until session 6. Inquiries are the inquiry
        // store's own (`InquiryMigrations` in Brokerage creates the same tables if they are not
        // there), so a store made now — a mirror's included — holds no table for personal data;
        // stores made before keep theirs, which the inquiry store goes on using.
        migrator.registerMigration("v8: inquiries") { _ in }
        migrator.registerMigration("v9: erased referral ids") { _ in }
        migrator.registerMigration("v10: fork evidence of any changes, quarantine instead of suspension") { db in
            // v1 kept one rival beside the copy in the log and suspended the author. Evidence now
            // travels between nodes and may name changes the log never held, so every rival is
            // kept here with its bytes; an author with two or more changes at one seq is
            // quarantined from that seq on (derived from this table, nothing else stored).
            try db.execute(
                sql: """
                    CREATE TABLE forkChange (
                        author TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        id TEXT NOT NULL,
                        payload BLOB NOT NULL,
                        signature BLOB NOT NULL,
                        detectedAt INTEGER NOT NULL,      -- ms since 1970, when this node learnt of it
                        PRIMARY KEY (author, seq, id)
                    ) WITHOUT ROWID;
                    INSERT OR IGNORE INTO forkChange (author, seq, id, payload, signature, detectedAt)
                        SELECT author, seq, rivalID, rivalPayload, rivalSignature, detectedAt FROM fork;
                    INSERT OR IGNORE INTO forkChange (author, seq, id, payload, signature, detectedAt)
                        SELECT change.author, change.seq, change.id, change.payload, change.signature, fork.detectedAt
                        FROM fork JOIN change ON change.id = fork.keptID;
                    DROP TABLE fork;
                    DROP TABLE suspendedAuthor;
                    -- A store that knew a fork applied the forked author's whole log: rebuild the
                    -- catalogue with the quarantine on the next start.
                    INSERT INTO catalogueLag (id, since, changes)
                        SELECT 1, 0, COUNT(*) FROM change WHERE EXISTS (SELECT 1 FROM forkChange) HAVING COUNT(*) > 0
                        ON CONFLICT (id) DO UPDATE SET changes = excluded.changes;
                    """)
        }
        migrator.registerMigration("v11: entry states of storage version 2") { db in
            // Removed set tags now carry the element their remove named (a remove no longer
            // deletes another element's add), and unknown ops create no entry: the catalogue is
            // rebuilt from the log on the next start, before anything reads a state.
            try db.execute(
                sql: """
                    INSERT INTO catalogueLag (id, since, changes)
                        SELECT 1, 0, COUNT(*) FROM change HAVING COUNT(*) > 0
                        ON CONFLICT (id) DO UPDATE SET changes = excluded.changes;
                    """)
        }
        migrator.registerMigration("v12: federation roster and key events") { db in
            // Roster versions (accepted and proposed) with the signatures collected for each
            // payload, key events, the genesis a node adopted from its configured authors, and
            // the cut-offs the federation state derives (kept here so the quarantine, the heads a
            // round exchanges and the catalogue rebuild read them in the same transaction).
            try db.execute(
                sql: """
                    CREATE TABLE rosterVersion (
                        id TEXT PRIMARY KEY,
                        version INTEGER NOT NULL,
                        payload BLOB NOT NULL,
                        signatures BLOB NOT NULL,       -- JSON [{"key", "signature"}], valid ones only
                        receivedAt INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE keyEvent (
                        id TEXT PRIMARY KEY,
                        payload BLOB NOT NULL,
                        signature BLOB NOT NULL,
                        receivedAt INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE federationSetting (
                        name TEXT PRIMARY KEY,
                        value TEXT NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE keyCutoff (
                        author TEXT PRIMARY KEY,
                        lastSeq INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v13: facets in the full-text index, words for compounds") { db in
            // A search narrowed by facets, kind or language checked each ranked match against
            // the facet table; with the entry's facets as tokens of a third text column (weight
            // 0, never searched by the buyer's words) FTS5 intersects the lists before a row is
            // read. FTS5 tables cannot gain a column: the table is made anew, empty, and the
            // catalogue rebuilt from the log on the next start. Words of four to six letters
            // (the stems a search asks for most) have prefix indexes: FTS5 otherwise merges the
            // lists of every word a prefix covers before reading the first row (5 ms for "holz*"
            // at 200,000 entries, against 0.3 ms with the index; the index is a third larger).
            // `searchWord` the long words themselves, so that a longer prefix is asked as the
            // words it begins (FTS5 has no prefix index for it). `searchTerm` holds the
            // catalogue's long words (and their stems) written backwards, so that a search finds
            // the compounds ending in a word by a range of its key.
            try db.execute(
                sql: """
                    DROP TABLE entryText;
                    DELETE FROM entryTextRow;
                    CREATE VIRTUAL TABLE entryText USING fts5(
                        kind UNINDEXED, id UNINDEXED, language UNINDEXED, name, description, facets,
                        tokenize = 'unicode61 remove_diacritics 2', prefix = '4 5 6'
                    );
                    INSERT INTO entryText(entryText, rank) VALUES('rank', 'bm25(0, 0, 0, 10.0, 1.0, 0.0)');
                    CREATE TABLE searchTerm (
                        reversed TEXT PRIMARY KEY       -- a folded word or stem, last letter first
                    ) WITHOUT ROWID;
                    CREATE TABLE searchWord (
                        word TEXT PRIMARY KEY           -- a folded word of 7 letters or more
                    ) WITHOUT ROWID;
                    INSERT INTO catalogueLag (id, since, changes)
                        SELECT 1, 0, COUNT(*) FROM change HAVING COUNT(*) > 0
                        ON CONFLICT (id) DO UPDATE SET changes = excluded.changes;
                    """)
        }
        migrator.registerMigration("v14: pictures by content") { db in
            // Entries name pictures by the SHA-256 of their bytes; every node keeps the bytes it
            // fetched and checked by that hash, and the sizes its pages show (its own, so not
            // federated). Entries name them through the `picture` facet of the entry index.
            try db.execute(
                sql: """
                    CREATE TABLE picture (
                        sha256 TEXT PRIMARY KEY,        -- of data
                        type TEXT NOT NULL,             -- jpeg, png, webp (told from the bytes)
                        width INTEGER NOT NULL,
                        height INTEGER NOT NULL,
                        data BLOB NOT NULL
                    );
                    CREATE TABLE pictureRendition (
                        sha256 TEXT NOT NULL,           -- the picture it was made from
                        width INTEGER NOT NULL,         -- the width asked for
                        type TEXT NOT NULL,
                        height INTEGER NOT NULL,
                        data BLOB NOT NULL,
                        PRIMARY KEY (sha256, width)
                    );
                    """)
        }
        migrator.registerMigration("v15: change ids without an index of their own, entries in a rowid table") { db in
            // Two layouts of v1 that made every write larger than it needs to be, measured
            // 2026-12-04 with sqlite3 (WAL, synchronous FULL) on the benchmark's rows:
            //
            // - `change.id` was UNIQUE: an index ordered by hash, so each batch of 1,000 changes
            //   wrote about 1,000 of its pages, scattered, to the write-ahead log and back
            //   (100,000 changes in batches of 1,000: 5.2-6.2 s against 1.1-1.2 s without it;
            //   2.4 against 0.6 CPU-s, most of it in the kernel). No query needs it: changes are
            //   read by author and seq, and an id is the hash of a payload that names both, so
            //   two rows with one id would be one (author, seq).
            // - `entry` was WITHOUT ROWID, whose rows SQLite keeps in an index B-tree: a row of
            //   more than about 1,000 bytes spills into an overflow page of its own. An entry's
            //   state and digest value are about 2,000 bytes, so 20,000 entries took 94 MB (a
            //   leaf share and a mostly empty overflow page each), written in 0.63-0.68 s; in a
            //   rowid table with (kind, id) UNIQUE, 42 MB in 0.27 s, and the scan in key order
            //   as fast. The log's rows (about 700 bytes) fit, and stay clustered by author and
            //   seq, the order pulls read.
            //
            // Both tables are copied as SQLite's advice for changing a table has it, the log's
            // payload and signature bytes unchanged, entries in key order.
            try db.execute(
                sql: """
                    CREATE TABLE changeLog (
                        author TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        id TEXT NOT NULL,
                        payload BLOB NOT NULL,
                        signature BLOB NOT NULL,
                        hlcTime INTEGER NOT NULL,
                        hlcCounter INTEGER NOT NULL,
                        receivedAt INTEGER NOT NULL,
                        PRIMARY KEY (author, seq)
                    ) WITHOUT ROWID;
                    INSERT INTO changeLog (author, seq, id, payload, signature, hlcTime, hlcCounter, receivedAt)
                        SELECT author, seq, id, payload, signature, hlcTime, hlcCounter, receivedAt
                        FROM change ORDER BY author, seq;
                    DROP TABLE change;
                    ALTER TABLE changeLog RENAME TO change;
                    CREATE TABLE entryState (
                        kind TEXT NOT NULL,
                        id TEXT NOT NULL,
                        state BLOB NOT NULL,
                        digestValue BLOB NOT NULL,
                        visible INTEGER NOT NULL,
                        UNIQUE (kind, id)
                    );
                    INSERT INTO entryState (kind, id, state, digestValue, visible)
                        SELECT kind, id, state, digestValue, visible FROM entry ORDER BY kind, id;
                    DROP TABLE entry;
                    ALTER TABLE entryState RENAME TO entry;
                    """)
        }
        migrator.registerMigration("v16: facet tallies") { db in
            // How many entries of each kind have each facet value, kept in the transaction that
            // writes the facet table (`CatalogueIndex.write`; a bulk write counts it anew), so
            // that browsing the whole catalogue reads a few hundred rows instead of grouping
            // every row of the facet table after every change (at 200,000 entries, a million
            // rows: 0.65-0.82 s for a browse page's first counts); and the same for the entries
            // of each region (an entry with several regions counts in each), the browse page's
            // region filter (0.55-0.61 s). Rows may hold 0.
            try db.execute(
                sql: """
                    CREATE TABLE facetTally (
                        facet TEXT NOT NULL,
                        value TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        entries INTEGER NOT NULL,
                        PRIMARY KEY (facet, value, kind)
                    ) WITHOUT ROWID;
                    INSERT INTO facetTally (facet, value, kind, entries)
                        SELECT facet, value, kind, COUNT(*) FROM entryFacet GROUP BY facet, value, kind;
                    CREATE TABLE facetRegionTally (
                        region TEXT NOT NULL,
                        facet TEXT NOT NULL,
                        value TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        entries INTEGER NOT NULL,
                        PRIMARY KEY (region, facet, value, kind)
                    ) WITHOUT ROWID;
                    INSERT INTO facetRegionTally (region, facet, value, kind, entries)
                        SELECT r.value, f.facet, f.value, f.kind, COUNT(*)
                        FROM entryFacet r JOIN entryFacet f ON f.kind = r.kind AND f.id = r.id
                        WHERE r.facet = 'region' GROUP BY r.value, f.facet, f.value, f.kind;
                    """)
        }
        return migrator
    }
}
