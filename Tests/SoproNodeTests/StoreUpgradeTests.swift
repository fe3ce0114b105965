import Foundation
import GRDB
import SyncProtocol
import Testing

@testable import CatalogueStore

/// A store written by an old version is brought up to date without losing anything: its log is
/// kept and its catalogue, rebuilt from the log, is the same as a current store's.
@Suite struct StoreUpgradeTests {
    static let v2 = "v2: catalogue index, facets and full-text search"

    /// A store at schema v2, as version 1 of the node left it: the same log as `current`, and
    /// each entry's state as JSON (the form v3 replaced).
    static func v2Store(holding current: SQLiteChangeStore) async throws -> DatabaseQueue {
        // With the node's own rank, as every store a node opens has (`SQLiteChangeStore.open`):
        // the upgraded store's searches are compared with the current one's.
        var configuration = Configuration()
        configuration.prepareDatabase { FullTextRank.register($0) }
        let old = try DatabaseQueue(configuration: configuration)
        try StoreMigrations.migrator.migrate(old, upTo: v2)
        func values(_ sql: String) async throws -> [[DatabaseValue]] {
            try await current.writer.read { db in try Row.fetchAll(db, sql: sql).map { Array($0.databaseValues) } }
        }
        let changes = try await values("SELECT author, seq, id, payload, signature, hlcTime, hlcCounter FROM change")
        let heads = try await values("SELECT author, seq, id, hlcTime, hlcCounter FROM head")
        let entries = try await values("SELECT kind, id, state, digestValue, visible FROM entry")
        try await old.write { db in
            for row in changes {
                try db.execute(
                    sql: """
                        INSERT INTO change (author, seq, id, payload, signature, hlcTime, hlcCounter, receivedAt)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 0)
                        """,
                    arguments: StatementArguments(row))
            }
            for row in heads {
                try db.execute(
                    sql: "INSERT INTO head (author, seq, id, hlcTime, hlcCounter) VALUES (?, ?, ?, ?, ?)",
                    arguments: StatementArguments(row))
            }
            for row in entries {
                let state = try EntryState(storageBytes: try #require(Data.fromDatabaseValue(row[2])))
                var json = row
                json[2] = try JSONEncoder().encode(state).databaseValue
                try db.execute(
                    sql: "INSERT INTO entry (kind, id, state, digestValue, visible) VALUES (?, ?, ?, ?, ?)",
                    arguments: StatementArguments(json))
            }
        }
        return old
    }

    @Test func aVersion2StoreWithJSONStatesIsRebuiltFromItsLog() async throws {
        let key = NodeKey()
        let current = try SQLiteChangeStore.inMemory()
        let node = try await SampleNode.make(key: key, store: current)
        let expectedDigest = try await current.digest()
        let expectedEntries = try await current.visibleEntryStates().map { "\($0.kind)/\($0.id)" }
        #expect(expectedEntries.count > 50)

        let upgraded = try SQLiteChangeStore(
            writer: try await Self.v2Store(holding: current), bulkCapacity: 32_768, ownRank: true)
        // Nothing is read before the start-up rebuild, which the upgrade asks for.
        let lag = try await upgraded.refreshCatalogue()
        #expect(lag != nil, "the upgrade marks the catalogue for a rebuild from the log")
        #expect(try await upgraded.digest() == expectedDigest)
        #expect(try await upgraded.visibleEntryStates().map { "\($0.kind)/\($0.id)" } == expectedEntries)
        #expect(try await upgraded.heads() == current.heads())
        // The log's rows come through the copy of v15 byte for byte.
        let log = "SELECT author, seq, id, payload, signature, hlcTime, hlcCounter FROM change ORDER BY author, seq"
        let upgradedLog = try await upgraded.writer.read { db in try Row.fetchAll(db, sql: log) }
        let currentLog = try await current.writer.read { db in try Row.fetchAll(db, sql: log) }
        #expect(upgradedLog.count == currentLog.count && !upgradedLog.isEmpty)
        #expect(upgradedLog == currentLog)
        // And the log has no index beside its key (v15): only the primary key is listed.
        let indexes = try await upgraded.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT name, origin FROM pragma_index_list('change')")
        }
        #expect(indexes.map { $0["origin"] as String } == ["pk"], "\(indexes)")
        // Entries are in a rowid table (v15): their rows of about 2,000 bytes fit its pages.
        let entryLayout = try await upgraded.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT wr FROM pragma_table_list WHERE name = 'entry'")
        }
        #expect(entryLayout?["wr"] as Int? == 0)
        let entryRows = try await upgraded.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entry") }
        #expect((entryRows ?? 0) > 50)
        // And the upgraded catalogue is searchable and readable like the original.
        var query = CatalogueQuery()
        query.text = "druck"
        let (a, b) = (try await upgraded.entries(matching: query), try await current.entries(matching: query))
        #expect(a == b, "\(a)\n\(b)")
        let some = try #require(expectedEntries.first?.split(separator: "/"))
        let read = try await upgraded.catalogueEntry(kind: String(some[0]), id: String(some[1]))
        #expect(read?.isVisible == true)
        _ = node
    }
}
