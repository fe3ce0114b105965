import Foundation
import GRDB
import SyncProtocol

extension SQLiteChangeStore {
    package func federationDocuments() async throws -> FederationDocuments {
        try await writer.read { db in try Self.federationDocuments(db) }
    }

    static func federationDocuments(_ db: Database) throws -> FederationDocuments {
        var documents = FederationDocuments()
        let decoder = JSONDecoder()
        for row in try Row.fetchAll(db, sql: "SELECT id, payload, signatures FROM rosterVersion ORDER BY version, id") {
            let signatures: [SignedRoster.Signature]
            do {
                signatures = try decoder.decode([SignedRoster.Signature].self, from: row["signatures"] as Data)
            } catch {
                throw StoreError.corrupt(
                    "the signatures of roster version \(row["id"] as String) cannot be read: \(error)")
            }
            documents.versions.append(SignedRoster(payload: row["payload"], signatures: signatures))
        }
        for row in try Row.fetchAll(db, sql: "SELECT payload, signature FROM keyEvent ORDER BY id") {
            documents.events.append(SignedKeyEvent(payload: row["payload"], signature: row["signature"]))
        }
        if let text = try String.fetchOne(db, sql: "SELECT value FROM federationSetting WHERE name = 'genesis'") {
            documents.adoptedGenesis = try RosterID(parsing: text)
        }
        return documents
    }

    package func updateFederation<Result: Sendable>(
        now: Int64, _ update: @escaping @Sendable (FederationDocuments) throws -> (FederationStoreChange, Result)
    ) async throws -> (rebuilt: Bool, result: Result) {
        try await writer.write { db in
            let (change, result) = try update(try Self.federationDocuments(db))
            return (try Self.store(change, now: now, db: db), result)
        }
    }

    static func store(_ change: FederationStoreChange, now: Int64, db: Database) throws -> Bool {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            for version in change.versions {
                let number = (try? version.roster().version) ?? 0
                try db.execute(
                    sql: """
                        INSERT INTO rosterVersion (id, version, payload, signatures, receivedAt) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET signatures = excluded.signatures
                        """,
                    arguments: [
                        version.id.rawValue, number, version.payload, try encoder.encode(version.signatures), now,
                    ])
            }
            for id in change.removedVersions {
                try db.execute(sql: "DELETE FROM rosterVersion WHERE id = ?", arguments: [id.rawValue])
            }
            for id in change.removedEvents {
                try db.execute(sql: "DELETE FROM keyEvent WHERE id = ?", arguments: [id.rawValue])
            }
            for event in change.events {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO keyEvent (id, payload, signature, receivedAt) VALUES (?, ?, ?, ?)",
                    arguments: [event.id.rawValue, event.payload, event.signature, now])
            }
            if let genesis = change.adoptGenesis {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO federationSetting (name, value) VALUES ('genesis', ?)",
                    arguments: [genesis.rawValue])
            }
            guard let cutoffs = change.cutoffs else { return false }
            let before = try Self.quarantine(db)
            try db.execute(sql: "DELETE FROM keyCutoff")
            for (author, last) in cutoffs.sorted(by: { $0.key < $1.key }) {
                try db.execute(
                    sql: "INSERT INTO keyCutoff (author, lastSeq) VALUES (?, ?)", arguments: [author.rawValue, last])
            }
            guard try Self.quarantine(db) != before else { return false }
            if try Self.catalogueLag(db) != nil {
                try Self.markCatalogueLagging(db, now: now, changes: 1)
            } else {
                _ = try Self.rematerialize(db, checkingSignatures: false)
            }
            return true
        }
    }
}
