import GRDB

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
        return migrator
    }
}
