package import CatalogueStore
package import DirectoryModel
import Foundation
package import GRDB

/// Inquiries in the node's SQLite file (table `inquiry`, `InquiryMigrations`): each one a JSON
/// document with the columns the queries need beside it. One row per inquiry, so erasing a
/// person's data is deleting rows, with nothing left in other tables.
package final class SQLiteInquiryStore: InquiryStore {
    let writer: any DatabaseWriter

    /// Opens the inquiry store in `writer`'s database and brings its tables up to date.
    package init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try InquiryMigrations.migrator.migrate(writer)
    }

    /// The inquiry store in the change store's database (the node's one SQLite file).
    package convenience init(sharing store: SQLiteChangeStore) throws {
        try self.init(writer: store.writer)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    private static func decode(_ row: Row) throws -> Inquiry {
        let data: Data = row["document"]
        do {
            return try JSONDecoder().decode(Inquiry.self, from: data)
        } catch {
            throw StoreError.corrupt("inquiry \(row["id"] as String? ?? "?") cannot be read: \(error)")
        }
    }

    private static func write(_ inquiry: Inquiry, _ db: Database, insert: Bool) throws {
        let document = try encoder.encode(inquiry)
        let arguments: StatementArguments = [
            inquiry.id, inquiry.receivedAt, inquiry.updatedAt, inquiry.state.rawValue,
            inquiry.submission.email.rawValue.lowercased(), inquiry.closedAt, document,
        ]
        if insert {
            // Never an erased one again (a replayed referral).
            try db.execute(
                sql: """
                    INSERT INTO inquiry (id, receivedAt, updatedAt, state, email, closedAt, document)
                    SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE NOT EXISTS (SELECT 1 FROM erasedInquiry WHERE id = ?1)
                    ON CONFLICT (id) DO NOTHING
                    """, arguments: arguments)
        } else {
            try db.execute(
                sql: """
                    UPDATE inquiry SET receivedAt = ?2, updatedAt = ?3, state = ?4, email = ?5, closedAt = ?6,
                    document = ?7 WHERE id = ?1
                    """, arguments: arguments)
        }
    }

    package func insert(_ inquiry: Inquiry) async throws -> Bool {
        try await writer.write { db in
            try Self.write(inquiry, db, insert: true)
            return db.changesCount == 1
        }
    }

    package func inquiry(id: String) async throws -> Inquiry? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT id, document FROM inquiry WHERE id = ?", arguments: [id]).map(Self.decode)
        }
    }

    package func list(state: InquiryState?, limit: Int) async throws -> [Inquiry] {
        try await writer.read { db in
            var sql = "SELECT id, document FROM inquiry"
            var arguments: StatementArguments = []
            if let state {
                sql += " WHERE state = ?"
                arguments += [state.rawValue]
            }
            sql += " ORDER BY receivedAt DESC, id LIMIT ?"
            arguments += [min(max(limit, 1), 1000)]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.decode)
        }
    }

    package func update(id: String, _ change: @Sendable (inout Inquiry) throws -> Void) async throws -> Inquiry? {
        try await writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, document FROM inquiry WHERE id = ?", arguments: [id])
            else { return nil }
            var inquiry = try Self.decode(row)
            try change(&inquiry)
            inquiry.id = id
            try Self.write(inquiry, db, insert: false)
            return inquiry
        }
    }

    package func inquiries(email: EmailAddress) async throws -> [Inquiry] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, document FROM inquiry WHERE email = ? ORDER BY receivedAt, id",
                arguments: [email.rawValue.lowercased()]
            ).map(Self.decode)
        }
    }

    package func erase(email: EmailAddress) async throws -> Int {
        try await erase(where: "email = ?", [email.rawValue.lowercased()])
    }

    package func eraseClosed(before time: Int64) async throws -> Int {
        try await erase(where: "state = 'closed' AND closedAt IS NOT NULL AND closedAt < ?", [time])
    }

    package func wasErased(id: String) async throws -> Bool {
        try await writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM erasedInquiry WHERE id = ?)", arguments: [id])
                ?? false
        }
    }

    /// Deletes the inquiries `condition` selects and keeps their ids (table `erasedInquiry`).
    /// Deleted is gone from the file, too: `secure_delete` overwrites the freed space, and a
    /// TRUNCATE checkpoint writes the WAL back and empties it (measured before: the erased
    /// e-mail address was still in `store.sqlite-wal` and the database file).
    private func erase(where condition: String, _ arguments: StatementArguments) async throws -> Int {
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        let count = try await writer.writeWithoutTransaction { db in
            let previous = try Int.fetchOne(db, sql: "PRAGMA secure_delete") ?? 0
            try db.execute(sql: "PRAGMA secure_delete = ON")
            defer { try? db.execute(sql: "PRAGMA secure_delete = \(previous)") }
            var count = 0
            try db.inTransaction {
                try db.execute(
                    sql:
                        "INSERT OR IGNORE INTO erasedInquiry (id, erasedAt) SELECT id, ? FROM inquiry WHERE \(condition)",
                    arguments: [now] + arguments)
                try db.execute(sql: "DELETE FROM inquiry WHERE \(condition)", arguments: arguments)
                count = db.changesCount
                return .commit
            }
            return count
        }
        if count > 0 {
            // Best effort: a reader in the middle of a long read keeps the WAL; the next
            // erasure or SQLite's own checkpoint writes it back.
            try? await writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        }
        return count
    }
}
