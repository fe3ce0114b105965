import DirectoryModel
import SyncProtocol
import Testing

@testable import CatalogueStore

/// Results sorted most recently updated first or by name: every entry once across pages, in
/// order, with and without a search, and a cursor of one order refused by another.
@Suite struct CatalogueSortTests {
    static func pages(_ query: CatalogueQuery, store: SQLiteChangeStore) async throws -> [CataloguePage.Item] {
        var query = query
        var items: [CataloguePage.Item] = []
        for _ in 0..<100 {
            let page = try await store.entries(matching: query)
            items += page.items
            guard let next = page.next else { return items }
            query.cursor = next
        }
        Issue.record("did not end")
        return items
    }

    static func sortName(_ item: CataloguePage.Item, _ language: String) -> String {
        let name = [language, "de", "en", "hu"].lazy.compactMap { item.names[$0] }.first { !$0.isEmpty } ?? ""
        return WordFolding.words(of: name).map(\.folded).joined(separator: " ")
    }

    @Test func sortsEveryEntryOnceInOrder() async throws {
        let store = try SQLiteChangeStore.inMemory()
        _ = try await SampleNode.make(key: NodeKey(), store: store)
        var all = CatalogueQuery()
        all.limit = 500
        let everything = Set(try await store.entries(matching: all).items.map(\.id))
        for text in [nil, "holz", "service"] {
            for language in ["de", "hu"] {
                var query = CatalogueQuery()
                query.text = text
                query.limit = 7
                query.sortLanguage = try LanguageTag(parsing: language)
                var relevance = query
                relevance.limit = 500
                let expected =
                    text == nil ? everything : Set(try await store.entries(matching: relevance).items.map(\.id))

                query.sort = .updated
                let byTime = try await Self.pages(query, store: store)
                #expect(byTime.count == expected.count && Set(byTime.map(\.id)) == expected)
                #expect(zip(byTime, byTime.dropFirst()).allSatisfy { $0.updated >= $1.updated })

                query.sort = .name
                let byName = try await Self.pages(query, store: store)
                #expect(byName.count == expected.count && Set(byName.map(\.id)) == expected)
                let names = byName.map { Self.sortName($0, language) }
                #expect(zip(names, names.dropFirst()).allSatisfy { $0 <= $1 }, "\(text ?? "all") \(language)")
            }
        }
        // Accented first letters sort with their letter ("Újrahasználati" among the u, not
        // after "z"): the order above is that of folded names, and the catalogue has such names.
        var query = CatalogueQuery()
        query.sort = .name
        query.sortLanguage = .hungarian
        query.limit = 500
        let items = try await store.entries(matching: query).items
        let accented = items.firstIndex { ($0.names["hu"] ?? "").hasPrefix("Új") }
        let plainU = items.lastIndex {
            Self.sortName($0, "hu").hasPrefix("u") && !($0.names["hu"] ?? "").hasPrefix("Ú")
        }
        let afterU = items.firstIndex { Self.sortName($0, "hu").first.map { $0 > "u" } ?? false }
        if let accented, let afterU { #expect(accented < afterU) }
        #expect(accented != nil || plainU != nil)
    }

    @Test func aCursorBelongsToItsOrder() async throws {
        let store = try SQLiteChangeStore.inMemory()
        _ = try await SampleNode.make(key: NodeKey(), store: store)
        var query = CatalogueQuery()
        query.limit = 2
        query.sort = .updated
        let cursor = try #require(try await store.entries(matching: query).next)
        for sort in [CatalogueQuery.Sort.relevance, .name] {
            var other = query
            other.sort = sort
            other.cursor = cursor
            await #expect(throws: QueryError.self) { try await store.entries(matching: other) }
        }
    }
}
