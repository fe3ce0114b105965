import DirectoryModel
import Foundation
import SyncProtocol
import Testing

@testable import CatalogueStore
@testable import EntryDocuments
@testable import SoproNode

/// Facet counts and the overview are remembered per catalogue version: they must always equal
/// what counting the entries gives, before and after every kind of change.
@Suite struct CatalogueSummaryTests {
    let key = NodeKey()

    /// Counts by walking every matching entry, a value at a time: the reference.
    func countByListing(
        _ query: CatalogueQuery, facet: String, values: [String], node: CatalogueNode
    ) async throws
        -> [String: Int]
    {
        var counts: [String: Int] = [:]
        for value in values {
            var narrowed = query
            narrowed.facets.append(.init(facet, value))
            narrowed.limit = 500
            let count = try await node.store.entries(matching: narrowed).items.count
            if count > 0 { counts[value] = count }
        }
        return counts
    }

    @Test func countsFollowEveryChange() async throws {
        let store = try SQLiteChangeStore.inMemory()
        let node = try await SampleNode.make(key: key, region: "AT13", name: "Wien", editor: "anna@wien", store: store)
        var query = CatalogueQuery()
        query.kind = .product
        let regions = ["AT11", "AT12", "AT13", "AT22", "HU22"]
        func check(_ label: Comment) async throws {
            let counts = try await node.store.facetCounts(matching: query, facets: ["region"])
            let again = try await node.store.facetCounts(matching: query, facets: ["region"])
            #expect(counts == again, label)
            let reference = try await countByListing(query, facet: "region", values: regions, node: node)
            #expect(counts.values["region"] == reference, label)
            let overview = try await node.store.overview()
            var all = CatalogueQuery()
            all.limit = 500
            var total = 0
            var page = try await node.store.entries(matching: all)
            total += page.items.count
            while let next = page.next {
                all.cursor = next
                page = try await node.store.entries(matching: all)
                total += page.items.count
            }
            #expect(overview.total == total, label)
        }
        try await check("as published")
        let before = try await node.store.facetCounts(matching: query, facets: ["region"]).values["region"]?["AT13"]

        // A new product delivering to AT13: counted at once.
        let file = try EntryFileDecoder().decode(
            """
            kind: product
            id: 0192f3a4-5b6c-7d8e-9f01-000000000010
            name: {de: "Neue Sitzbank"}
            type: product
            enterprises: [9727bf44-a416-5a0f-bb47-5aa14fed88c6]
            categories: [39160000-1]
            deliveryArea: [AT13]
            """, name: "new.yaml")
        #expect(file.issues.isEmpty, "\(file.issues)")
        _ = try await node.publish(file.entries, editor: "anna@wien")
        try await check("after a publish")
        let after = try await node.store.facetCounts(matching: query, facets: ["region"]).values["region"]?["AT13"]
        #expect(after == (before ?? 0) + 1)

        // Withdrawn: gone from the counts.
        let state = try #require(
            try await node.store.entry(kind: "product", id: "0192f3a4-5b6c-7d8e-9f01-000000000010"))
        _ = try await node.publish([EntryChangePlanner.retraction(of: state)], editor: "anna@wien")
        try await check("after a retraction")
        // Rebuilt from the log: the same counts.
        _ = try await store.rebuild()
        try await check("after a rebuild")
    }

    @Test func anOlderReaderIsNotRememberedAsCurrent() {
        let cache = CatalogueSummaryCache()
        let key = CatalogueSummaryCache.Key(CatalogueQuery(), facetNames: ["kind"])
        cache.remember(FacetCounts(total: 2, values: [:]), for: key, version: 5)
        cache.remember(FacetCounts(total: 1, values: [:]), for: key, version: 4)
        #expect(cache.facetCounts(key, version: 5)?.total == 2)
        #expect(cache.facetCounts(key, version: 4) == nil)
        #expect(cache.facetCounts(key, version: 6) == nil, "a newer version counts again")
    }
}
