import GRDB

/// The inquiry store's own schema, in the node's database beside the change store's tables but
/// migrated on its own (GRDB records each migrator's steps by identifier in one table; the two
/// sets of identifiers are distinct). Append-only, and no application types.
///
/// Stores made before session 6 got these tables from the change store's v8 and v9, hence
/// `IF NOT EXISTS`: on such a store these steps find the tables and only record themselves.
enum InquiryMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("inquiries v1: one row per inquiry") { db in
            try db.execute(
                sql: """
                    -- Inquiries: personal data, never signed, synced or served publicly. One row
                    -- each (the JSON document holds history and referrals), so erasing is a DELETE.
                    CREATE TABLE IF NOT EXISTS inquiry (
                        id TEXT PRIMARY KEY NOT NULL,
                        receivedAt INTEGER NOT NULL,     -- ms since 1970, at this node
                        updatedAt INTEGER NOT NULL,
                        state TEXT NOT NULL,
                        email TEXT NOT NULL,             -- lower-cased, for export and erasure
                        closedAt INTEGER,                -- ms; retention counts from here
                        document BLOB NOT NULL           -- the Inquiry as JSON
                    );
                    CREATE INDEX IF NOT EXISTS inquiryReceived ON inquiry (receivedAt);
                    CREATE INDEX IF NOT EXISTS inquiryEmail ON inquiry (email);
                    CREATE INDEX IF NOT EXISTS inquiryClosed ON inquiry (state, closedAt);
                    """)
        }
        migrator.registerMigration("inquiries v2: erased referral ids") { db in
            try db.execute(
                sql: """
                    -- The ids of erased inquiries (random UUIDs, no personal data): a referral
                    -- replayed after its inquiry was erased would otherwise store the person's
                    -- data again (measured: send 201, replay 200, erase, replay 201).
                    CREATE TABLE IF NOT EXISTS erasedInquiry (
                        id TEXT PRIMARY KEY NOT NULL,
                        erasedAt INTEGER NOT NULL        -- ms since 1970
                    ) WITHOUT ROWID;
                    """)
        }
        return migrator
    }
}
