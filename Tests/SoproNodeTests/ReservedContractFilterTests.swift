import CatalogueStore
import DirectoryModel
import SyncProtocol
import Testing

/// The reserved-contract filter: enterprises with at least 30 % disadvantaged staff, and the
/// products any of them makes — alone, with a search, with other facets, and counted.
@Suite struct ReservedContractFilterTests {
    /// Every visible entry of the sample catalogue, with whether it is eligible as the entry
    /// pages say (an enterprise by its share, a product through its makers).
    static func expected(_ store: SQLiteChangeStore) async throws -> Set<String> {
        var listing = CatalogueQuery()
        listing.limit = 500
        let items = try await store.entries(matching: listing).items
        let entries = try await store.catalogueEntries(items.map { EntryKey(kind: $0.kind, id: $0.id) })
        func eligible(_ id: String) -> Bool {
            if case .enterprise(let enterprise) = entries[EntryKey(kind: "enterprise", id: id)]?.entry {
                return enterprise.qualifiesForReservedContracts == true
            }
            return false
        }
        return Set(
            items.filter { item in
                switch entries[EntryKey(kind: item.kind, id: item.id)]?.entry {
                case .enterprise: eligible(item.id)
                case .product(let product): product.enterprises.contains { eligible($0.rawValue) }
                default: false
                }
            }.map { "\($0.kind)/\($0.id)" })
    }

    @Test func findsEligibleEnterprisesAndTheirProducts() async throws {
        let store = try SQLiteChangeStore.inMemory()
        _ = try await SampleNode.make(key: NodeKey(), store: store)
        let expected = try await Self.expected(store)
        #expect(expected.contains { $0.hasPrefix("product/") } && expected.contains { $0.hasPrefix("enterprise/") })

        var query = CatalogueQuery()
        query.facets = [.init("reserved", "eligible")]
        query.limit = 500
        let found = try await store.entries(matching: query).items.map { "\($0.kind)/\($0.id)" }
        #expect(Set(found) == expected)
        #expect(try await store.facetCounts(matching: query, facets: ["reserved"]).total == expected.count)
        let unfiltered = try await store.facetCounts(matching: CatalogueQuery(), facets: ["reserved"])
        #expect(unfiltered.values["reserved"]?["eligible"] == expected.count)

        // With a search and another facet: the same condition inside the match.
        query.text = "holz"
        query.facets.append(.init("region", "AT13"))
        let narrowed = try await store.entries(matching: query).items.map { "\($0.kind)/\($0.id)" }
        var plain = CatalogueQuery()
        plain.text = "holz"
        plain.facets = [.init("region", "AT13")]
        plain.limit = 500
        let all = try await store.entries(matching: plain).items.map { "\($0.kind)/\($0.id)" }
        #expect(!all.isEmpty)
        #expect(narrowed == all.filter(expected.contains))
        let counted = try await store.facetCounts(matching: plain, facets: ["reserved"])
        #expect(counted.values["reserved"]?["eligible"] ?? 0 == narrowed.count)
    }
}
