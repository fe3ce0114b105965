import Brokerage
import CatalogueStore
import DirectoryModel
import Foundation
import SyncProtocol

/// The read measurements of the node benchmark on a store as it is (a kept mirror store): full
/// text search, a list by region, a search narrowed by a region (the search page's query), the
/// queries of a search page, and matching an inquiry with its parts.
struct ReadBenchmarks {
    let store: SQLiteChangeStore
    let clock = ContinuousClock()

    static let words = [
        "Holz", "Werkstatt", "Textil", "Catering", "Reinigung", "Garten", "Fahrrad", "Druck", "Wäsche", "Montage",
    ]
    static let hungarian = [
        "fa", "műhely", "textil", "konyha", "takarítás", "kert", "kerékpár", "nyomda", "mosoda", "szerelés",
    ]
    static let regions = ["AT11", "AT12", "AT13", "AT22", "HU22"]
    static let needs = [
        "Holz Spielzeug für unsere Kindergärten", "Catering für Betriebsfeiern",
        "Reinigung der Büros, zweimal pro Woche", "Textil Taschen aus Werbebannern", "Garten und Grünflächen pflegen",
        "Fahrrad Werkstatt für Dienstfahrräder", "Druck und Versand der Gemeindezeitung", "Wäsche für das Pflegeheim",
        "Montage und Verpackung von Werbemitteln", "fa műhely játékok óvodának",
    ]

    func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] * 1000
    }

    func time(_ work: () async throws -> Void) async rethrows -> Double {
        seconds(try await clock.measure { try await work() })
    }

    func report(_ name: String, _ values: [Double]) {
        print(
            String(
                format: "%@ p50 %7.2f ms, p99 %7.2f ms (%d)", name.padding(toLength: 50, withPad: " ", startingAt: 0),
                percentile(values, 0.5), percentile(values, 0.99), values.count))
    }

    func run() async throws {
        print("reads on a kept store: \(try await store.changeCount()) changes")
        var search: [Double] = []
        var list: [Double] = []
        var narrowed: [Double] = []
        for index in 0..<500 {
            var query = CatalogueQuery()
            query.text = Self.words[index % 10].lowercased()
            query.limit = 20
            search.append(try await time { _ = try await store.entries(matching: query) })
            var byRegion = CatalogueQuery()
            byRegion.facets = [.init("region", Self.regions[index % 5])]
            byRegion.limit = 20
            list.append(try await time { _ = try await store.entries(matching: byRegion) })
            // The search page narrowed by a region, in the page's language.
            var both = CatalogueQuery()
            both.text = (index % 2 == 0 ? Self.words : Self.hungarian)[index % 10].lowercased()
            both.language = index % 2 == 0 ? .german : .hungarian
            both.facets = [.init("region", Self.regions[(index / 10) % 5])]
            both.limit = 20
            narrowed.append(try await time { _ = try await store.entries(matching: both) })
        }
        report("store search, 20 results", search)
        report("store list by region, 20 results", list)
        report("store search narrowed by a region", narrowed)

        // The facet counts of a search page, the first time for each query (remembered after,
        // until the catalogue changes): searches in both languages, the same narrowed by a
        // region, and browsing (no text) all, by kind and by region.
        let pageFacets = [
            "kind", "region", "reserved", "category", "sector", "socialModel", "targetGroup", "sustainability",
            "certification", "contracting", "deliveryArea",
        ]
        var searchCounts: [Double] = []
        var narrowedCounts: [Double] = []
        var browseCounts: [Double] = []
        var browseRegionCounts: [Double] = []
        for (index, word) in (Self.words + Self.hungarian).enumerated() {
            var query = CatalogueQuery()
            query.text = word.lowercased()
            query.language = index < 10 ? .german : .hungarian
            searchCounts.append(try await time { _ = try await store.facetCounts(matching: query, facets: pageFacets) })
            query.facets = [.init("region", Self.regions[index % 5])]
            narrowedCounts.append(
                try await time { _ = try await store.facetCounts(matching: query, facets: pageFacets) })
        }
        var browsing = [CatalogueQuery()]
        for kind in EntryKind.allCases {
            var query = CatalogueQuery()
            query.kind = kind
            browsing.append(query)
        }
        for region in Self.regions {
            var query = CatalogueQuery()
            query.facets = [.init("region", region)]
            browsing.append(query)
        }
        for query in browsing {
            let elapsed = try await time { _ = try await store.facetCounts(matching: query, facets: pageFacets) }
            if query.facets.isEmpty { browseCounts.append(elapsed) } else { browseRegionCounts.append(elapsed) }
        }
        report("page facet counts, a search (first)", searchCounts)
        report("page facet counts, narrowed by a region (first)", narrowedCounts)
        report("page facet counts, browsing all or a kind (first)", browseCounts)
        report("page facet counts, browsing a region (first)", browseRegionCounts)

        var relevance: [Double] = []
        var reading: [Double] = []
        var matching: [Double] = []
        for need in Self.needs {
            var draft = InquiryDraft()
            draft.need = need
            draft.deliveryRegion = "AT13"
            draft.organisationType = "public-body"
            draft.contactName = "Benchmark"
            draft.email = "benchmark@example.org"
            draft.language = "de"
            draft.consent = true
            let submission = try draft.validated(today: "2026-01-01").get()
            let terms = InquiryMatcher.terms(of: need)
            for _ in 0..<3 {
                var hits: [RelevanceHit] = []
                relevance.append(try await time { hits = try await store.textRelevance(anyOf: terms, limit: 400) })
                let keys = hits.map { EntryKey(kind: $0.kind, id: $0.id) }
                _ = try await store.catalogueEntries(keys)
                reading.append(try await time { _ = try await store.catalogueEntries(keys) })
                matching.append(
                    try await time { _ = try await InquiryMatcher(store: store).matches(for: submission) })
            }
        }
        report("matching: candidates by text (400)", relevance)
        report("matching: reading those candidates", reading)
        report("matching an inquiry", matching)
    }
}
