import CatalogueStore
import DirectoryModel
import EntryDocuments
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SyncProtocol
import Testing

@testable import NodeServer
@testable import SoproNode
@testable import Workspace

/// The workspace's work list: the region's entries that need an editor — likely duplicates
/// (the same name at the same place), missing translations — shown to a signed-in editor.
@Suite struct WorkspaceWorkListTests {
    static let twice = """
        enterprises:
          - id: 7a1c2f40-1111-4c1e-9a55-000000000001
            name: {de: Reparaturcafé Beispielstadt, hu: Javítókávézó Beispielstadt, en: Repair Café Beispielstadt}
            socialModel: work-integration
            region: AT12
            address: {street: Hauptplatz 1, postalCode: "3100", locality: St. Pölten, country: AT}
            description: {de: Wir reparieren., hu: Javítunk., en: We repair.}
          - id: 7a1c2f40-1111-4c1e-9a55-000000000002
            name: {de: Reparaturcafé  BEISPIELSTADT}
            socialModel: work-integration
            region: AT12
            address: {street: Hauptplatz 1a, postalCode: "3100", locality: "St. Pölten", country: AT}
        """

    static func node() async throws -> (CatalogueNode, [SourcedEntry]) {
        let node = try await SampleNode.make(key: NodeKey())
        let set = try EntryFileDecoder().decode(twice, name: "twice.yaml")
        #expect(set.isValid, "\(set.issues)")
        _ = try await node.publish(set.entries.map(\.publishItem), editor: "eva")
        return (node, set.entries)
    }

    @Test func likelyDuplicatesAndMissingTranslationsAreListed() async throws {
        let (node, _) = try await Self.node()
        let author = try #require(node.authorID)
        let keys = try await node.store.entryKeys(publishedBy: author.rawValue, limit: 2_000)
        #expect(keys.count > 40)
        let read = try await node.store.catalogueEntries(keys)
        let items = WorkList.items(keys.compactMap { key in read[key].map { (key, $0) } })
        let first = EntryKey(kind: "enterprise", id: "7a1c2f40-1111-4c1e-9a55-000000000001")
        let second = EntryKey(kind: "enterprise", id: "7a1c2f40-1111-4c1e-9a55-000000000002")
        let byKey = Dictionary(uniqueKeysWithValues: items.map { ($0.key, $0) })
        #expect(byKey[first]?.likelyDuplicates == [second])
        #expect(byKey[second]?.likelyDuplicates == [first])
        #expect(byKey[first]?.missingLanguages == [])
        #expect(byKey[second]?.missingLanguages == [.hungarian, .english])
        // Another region's entry is not this region's work.
        let other = try #require(
            try await node.store.entryKeys(publishedBy: String(repeating: "0", count: 64), limit: 10))
        #expect(other.isEmpty)
    }

    @Test func theSameNameFarApartIsNotADuplicate() {
        var vienna = Enterprise(id: try! EntryID(parsing: "7a1c2f40-1111-4c1e-9a55-000000000003"))
        vienna.name = [.german: "Nähwerkstatt"]
        vienna.geo = GeoPosition(latitude: 48.2, longitude: 16.37)
        var graz = vienna
        graz.id = try! EntryID(parsing: "7a1c2f40-1111-4c1e-9a55-000000000004")
        graz.geo = GeoPosition(latitude: 47.07, longitude: 15.44)
        var nextDoor = vienna
        nextDoor.id = try! EntryID(parsing: "7a1c2f40-1111-4c1e-9a55-000000000005")
        nextDoor.geo = GeoPosition(latitude: 48.205, longitude: 16.372)
        let keys = [vienna, graz, nextDoor].map { EntryKey(kind: "enterprise", id: $0.id.rawValue) }
        let found = WorkList.likelyDuplicates(
            zip(keys, [vienna, graz, nextDoor].map(Entry.enterprise)).map { ($0, $1) })
        #expect(found[keys[0]] == [keys[2]])
        #expect(found[keys[1]] == nil)
        #expect(
            GeoPosition(latitude: 48.2, longitude: 16.37).distanceInKilometres(
                to: GeoPosition(latitude: 47.07, longitude: 15.44)) > 140)
    }

    @Test func theSignedInEditorSeesTheWorkList() async throws {
        let (node, _) = try await Self.node()
        guard let store = node.store as? SQLiteChangeStore else { Issue.record("not SQLite"); return }
        let accounts = try EditorAccounts(store: SQLiteAccountStore(sharing: store), policy: EditorAccountsTests.policy)
        let (_, password) = try await accounts.add(name: "Eva", email: "eva@example.at", role: .editor)
        guard case .signedIn(_, let token, _) = try await accounts.signIn(email: "eva@example.at", password: password)
        else { Issue.record("no sign-in"); return }
        try await buildApplication(node: node, accounts: accounts).test(.router) { client in
            let page = try await client.execute(
                uri: "/workspace?lang=en", method: .get, headers: [.cookie: "sopro_session=\(token)"]
            ) { String(buffer: $0.body) }
            #expect(page.contains("Needs attention:"))
            #expect(page.contains("Possibly the same enterprise as"))
            #expect(page.contains("href=\"/enterprise/7a1c2f40-1111-4c1e-9a55-000000000002?lang=en\""))
            #expect(page.contains("Name or description missing in: Hungarian, English"), "\(page)")
        }
    }
}
