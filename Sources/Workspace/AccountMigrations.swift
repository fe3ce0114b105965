import GRDB

/// The editor accounts' schema, in the node's database beside the change store's and the
/// inquiry store's tables, migrated on its own (distinct identifiers in GRDB's one table).
/// Append-only, and no application types.
enum AccountMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("accounts v1: editor accounts and sessions") { db in
            try db.execute(
                sql: """
                    -- People who keep the region's entries here: personal data, never signed,
                    -- synced or served.
                    CREATE TABLE editorAccount (
                        id TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        email TEXT NOT NULL UNIQUE,      -- lower-cased
                        role TEXT NOT NULL,              -- editor | operator
                        passwordHash TEXT NOT NULL,      -- $scrypt$ln=…,r=…,p=…$salt$hash
                        failedSignIns INTEGER NOT NULL DEFAULT 0,
                        lockedUntil INTEGER,             -- ms since 1970
                        createdAt INTEGER NOT NULL,
                        passwordSetAt INTEGER NOT NULL
                    );
                    -- Signed-in browsers, by the SHA-256 of the cookie's token.
                    CREATE TABLE editorSession (
                        tokenSHA256 TEXT PRIMARY KEY NOT NULL,
                        accountID TEXT NOT NULL REFERENCES editorAccount (id) ON DELETE CASCADE,
                        formToken TEXT NOT NULL,
                        createdAt INTEGER NOT NULL,
                        lastSeenAt INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX editorSessionAccount ON editorSession (accountID);
                    """)
        }
        return migrator
    }
}
