package import CatalogueStore
import Foundation
package import GRDB

/// Editor accounts and sessions in the node's SQLite file (`AccountMigrations`).
package final class SQLiteAccountStore: AccountStore {
    let writer: any DatabaseWriter

    package init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try AccountMigrations.migrator.migrate(writer)
    }

    /// The account store in the change store's database (the node's one SQLite file).
    package convenience init(sharing store: SQLiteChangeStore) throws {
        try self.init(writer: store.writer)
    }

    private static func account(_ row: Row) throws -> EditorAccount {
        let id: String = row["id"]
        guard let role = EditorRole(rawValue: row["role"]) else {
            throw AccountError.corrupt("account \(id): role \(row["role"] as String? ?? "?")")
        }
        guard let hash = PasswordHash(parsing: row["passwordHash"]) else {
            throw AccountError.corrupt("account \(id): the password hash is not one this node reads")
        }
        return EditorAccount(
            id: id, name: row["name"], email: row["email"], role: role, passwordHash: hash,
            failedSignIns: row["failedSignIns"], lockedUntil: row["lockedUntil"], createdAt: row["createdAt"],
            passwordSetAt: row["passwordSetAt"])
    }

    private static func session(_ row: Row) -> EditorSession {
        EditorSession(
            tokenSHA256: row["tokenSHA256"], accountID: row["accountID"], formToken: row["formToken"],
            createdAt: row["createdAt"], lastSeenAt: row["lastSeenAt"])
    }

    package func account(id: String) async throws -> EditorAccount? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM editorAccount WHERE id = ?", arguments: [id]).map(Self.account)
        }
    }

    package func account(email: String) async throws -> EditorAccount? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM editorAccount WHERE email = ?", arguments: [email.lowercased()])
                .map(Self.account)
        }
    }

    package func accounts() async throws -> [EditorAccount] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM editorAccount ORDER BY name, email").map(Self.account)
        }
    }

    package func insert(_ account: EditorAccount) async throws {
        do {
            try await writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO editorAccount (id, name, email, role, passwordHash, failedSignIns, lockedUntil,
                        createdAt, passwordSetAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        account.id, account.name, account.email.lowercased(), account.role.rawValue,
                        account.passwordHash.description, account.failedSignIns, account.lockedUntil,
                        account.createdAt, account.passwordSetAt,
                    ])
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw AccountError.duplicateEmail(account.email)
        }
    }

    package func update(_ account: EditorAccount) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE editorAccount SET name = ?, role = ?, passwordHash = ?, failedSignIns = ?,
                    lockedUntil = ?, passwordSetAt = ? WHERE id = ?
                    """,
                arguments: [
                    account.name, account.role.rawValue, account.passwordHash.description, account.failedSignIns,
                    account.lockedUntil, account.passwordSetAt, account.id,
                ])
        }
    }

    package func remove(id: String) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM editorSession WHERE accountID = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM editorAccount WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    package func insert(_ session: EditorSession) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO editorSession (tokenSHA256, accountID, formToken, createdAt, lastSeenAt)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    session.tokenSHA256, session.accountID, session.formToken, session.createdAt, session.lastSeenAt,
                ])
        }
    }

    package func session(tokenSHA256: String) async throws -> EditorSession? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM editorSession WHERE tokenSHA256 = ?", arguments: [tokenSHA256])
                .map(Self.session)
        }
    }

    package func touch(tokenSHA256: String, at time: Int64) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE editorSession SET lastSeenAt = ? WHERE tokenSHA256 = ?", arguments: [time, tokenSHA256])
        }
    }

    package func removeSession(tokenSHA256: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM editorSession WHERE tokenSHA256 = ?", arguments: [tokenSHA256])
        }
    }

    package func removeSessions(accountID: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM editorSession WHERE accountID = ?", arguments: [accountID])
        }
    }

    package func removeSessions(idleBefore: Int64, createdBefore: Int64) async throws -> Int {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM editorSession WHERE lastSeenAt < ? OR createdAt < ?",
                arguments: [idleBefore, createdBefore])
            return db.changesCount
        }
    }
}
