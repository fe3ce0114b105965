import DirectoryModel
import Foundation
import GRDB
import SyncProtocol
import Testing

@testable import CatalogueStore

/// A text search's facet counts are made from the matching text rows alone
/// (`countFacetsOfTextRows`); they must equal the counts through the entry index and the facet
/// table (`countFacetsWithIndex`) for every text, language, kind and filter.
@Suite struct FacetCountPathTests {
    static let facets = [
        "kind", "region", "reserved", "category", "sector", "socialModel", "targetGroup", "sustainability",
        "certification", "contracting", "deliveryArea", "language", "enterprise", "product", "productType",
        "picture",
    ]

    @Test func textRowsCountAsTheIndexDoes() async throws {
        let store = try SQLiteChangeStore.inMemory()
        _ = try await SampleNode.make(key: NodeKey(), store: store)
        let texts = ["holz", "werk", "reinigung", "textil", "garten", "műhely", "fa", "catering", "bio", "ar"]
        let languages: [LanguageTag?] = [nil] + LanguageTag.catalogueLanguages
        let kinds: [EntryKind?] = [nil] + EntryKind.allCases
        let filters: [[CatalogueQuery.Facet]] = [
            [], [.init("region", "AT13")], [.init("reserved", "eligible")],
            [.init("reserved", "eligible"), .init("region", "AT12")], [.init("sector", "C")],
        ]
        let compared = try await store.writer.read { db in
            var compared = 0
            var differing: [String] = []
            var nonEmpty = 0
            var reservedCounted = 0
            for text in texts {
                let words = try SearchWords.words(of: text)
                let expression = try SQLiteChangeStore.textExpression(words, db: db)
                for language in languages {
                    for kind in kinds {
                        for filter in filters {
                            var query = CatalogueQuery()
                            query.text = text
                            query.language = language
                            query.kind = kind
                            query.facets = filter
                            let match = SQLiteChangeStore.matchExpression(text: expression, query: query)
                            let fast = try SQLiteChangeStore.countFacetsOfTextRows(
                                match: match, query: query, facets: Self.facets, db: db)
                            let reference = try SQLiteChangeStore.countFacetsWithIndex(
                                match: match, query: query, facets: Self.facets, db: db)
                            compared += 1
                            if fast.total > 0 { nonEmpty += 1 }
                            if reference.values["reserved"] != nil { reservedCounted += 1 }
                            if fast != reference {
                                differing.append(
                                    "\(text) \(language?.rawValue ?? "-") \(kind?.rawValue ?? "-") \(filter)")
                            }
                        }
                    }
                }
            }
            return (compared, differing, nonEmpty, reservedCounted)
        }
        #expect(compared.1.count == 0, "counts differ for \(compared.1.prefix(5)) of \(compared.0) queries")
        // The comparison covers matches, products counted through their makers and both kinds.
        #expect(compared.2 > compared.0 / 3)
        #expect(compared.3 > 10)
    }

    /// Without a text: the whole catalogue's counts from the facet table alone, and a filtered
    /// count driven by its first facet, against the plain join over every entry of the index.
    @Test func browsingCountsAsTheIndexDoes() async throws {
        let store = try SQLiteChangeStore.inMemory()
        _ = try await SampleNode.make(key: NodeKey(), store: store)
        let kinds: [EntryKind?] = [nil] + EntryKind.allCases
        let filters: [[CatalogueQuery.Facet]] = [
            [], [.init("region", "AT13")], [.init("reserved", "eligible")],
            [.init("reserved", "eligible"), .init("region", "AT12")], [.init("sector", "C"), .init("region", "AT12")],
            [.init("region", "HU22"), .init("reserved", "eligible")], [.init("region", "XX99")],
        ]
        let differing = try await store.writer.read { db in
            var differing: [String] = []
            var reservedCounted = 0
            for kind in kinds {
                for filter in filters {
                    for lighthouse in [nil, true] as [Bool?] {
                        var query = CatalogueQuery()
                        query.kind = kind
                        query.facets = filter
                        query.lighthouse = lighthouse
                        let counted = try SQLiteChangeStore.countFacets(
                            match: nil, query: query, facets: Self.facets, db: db)
                        let reference = try SQLiteChangeStore.countFacetsWithIndex(
                            match: nil, query: query, facets: Self.facets, db: db)
                        if reference.values["reserved"] != nil { reservedCounted += 1 }
                        if counted != reference {
                            differing.append("\(kind?.rawValue ?? "-") \(filter) \(lighthouse.map(String.init) ?? "-")")
                        }
                    }
                }
            }
            #expect(reservedCounted > 5)
            return differing
        }
        #expect(differing.count == 0, "counts differ for \(differing.prefix(5))")
    }

    /// The browse counts (everything, a kind, a region) read the facet tallies, kept in the transactions that write the facet
    /// table: after publishing, retracting and changing facets, after a rebuild and after a bulk
    /// catch-up into another store, they equal the counts through the entry index, and `verify`
    /// finds the tally equal to the facet table's groups.
    @Test func theFacetTallyFollowsEveryWrite() async throws {
        let key = NodeKey()
        let store = try SQLiteChangeStore.inMemory()
        let node = try await SampleNode.make(key: key, store: store)
        func differing(_ store: SQLiteChangeStore) async throws -> [String] {
            try await store.writer.read { db in
                var differing: [String] = []
                let regions = try String.fetchAll(
                    db, sql: "SELECT DISTINCT value FROM entryFacet WHERE facet = 'region' ORDER BY value")
                #expect(regions.count >= 3)
                for region in [nil, "XX99"] + regions as [String?] {
                    for kind in [nil] + EntryKind.allCases as [EntryKind?] {
                        var query = CatalogueQuery()
                        query.kind = kind
                        query.facets = region.map { [.init("region", $0)] } ?? []
                        let counted = try SQLiteChangeStore.countFacets(
                            match: nil, query: query, facets: Self.facets, db: db)
                        let reference = try SQLiteChangeStore.countFacetsWithIndex(
                            match: nil, query: query, facets: Self.facets, db: db)
                        if counted != reference {
                            differing.append("\(region ?? "-") \(kind?.rawValue ?? "-"): \(counted) \(reference)")
                        }
                    }
                }
                return differing
            }
        }
        let published = try await differing(store)
        #expect(published.isEmpty, "\(published)")

        let enterprises = try await store.visibleEntryStates().filter { $0.kind == "enterprise" }
        #expect(enterprises.count >= 4)
        _ = try await node.retract(
            enterprises.prefix(2).map { EntryKey(kind: $0.kind, id: $0.id) }, editor: "maria@at12")
        let moved = enterprises[2]
        _ = try await node.publish(
            [
                EntryOperation(
                    kind: moved.kind, entry: moved.id,
                    action: .set(
                        field: "region", value: .string("HU22"), supersedes: moved.register("region")?.liveTags ?? []))
            ], editor: "maria@at12")
        let edited = try await differing(store)
        #expect(edited.isEmpty, "\(edited)")
        let browsed = try await store.writer.read { db in
            try SQLiteChangeStore.countFacets(match: nil, query: CatalogueQuery(), facets: ["region"], db: db)
        }
        #expect((browsed.values["region"]?["HU22"] ?? 0) >= 1)
        let visible = try await store.visibleEntryStates().count
        #expect(browsed.total == visible)
        let verified = try await store.verify()
        #expect(verified == [])

        _ = try await store.rebuild()
        let rebuilt = try await differing(store)
        #expect(rebuilt.isEmpty, "\(rebuilt)")

        let caughtUp = try SQLiteChangeStore.inMemory()
        let log = try await store.changes(missingFrom: VersionVector(), maximumCount: 10_000, maximumBytes: 64 << 20)
        let applied = try await caughtUp.apply(
            await ChangeVerifier.verify(log.changes), acceptance: node.acceptance,
            now: Int64(Date().timeIntervalSince1970 * 1000), catalogue: .deferred)
        #expect(!applied.isEmpty && applied.allSatisfy { $0 == .accepted }, "\(applied)")
        let lagged = try await caughtUp.refreshCatalogue()
        #expect(lagged != nil)
        let bulk = try await differing(caughtUp)
        #expect(bulk.isEmpty, "\(bulk)")
        let caughtUpVerified = try await caughtUp.verify()
        #expect(caughtUpVerified == [])
        // A tally out of step is reported.
        try await store.writer.write { db in try db.execute(sql: "UPDATE facetTally SET entries = entries + 1") }
        let problems = try await store.verify()
        #expect(problems.contains { $0.contains("facet tallies") }, "\(problems)")
    }

    /// An entry with two sectors of one section has the section's token twice in its text rows
    /// (once per sector): the section is still counted once for it, as in the facet table.
    @Test func aRepeatedTokenCountsOnce() async throws {
        let store = try SQLiteChangeStore.inMemory()
        _ = try await SampleNode.make(key: NodeKey(), store: store)
        let repeated = try await store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT facets FROM entryText").filter { tokens in
                let list = tokens.split(separator: " ")
                return Set(list).count < list.count
            }.count
        }
        #expect(repeated > 0, "the sample catalogue has no entry with a repeated facet token")
        let counts = try await store.writer.read { db in
            var query = CatalogueQuery()
            query.text = "ar"
            let match = SQLiteChangeStore.matchExpression(
                text: try SQLiteChangeStore.textExpression(try SearchWords.words(of: "ar"), db: db), query: query)
            return (
                try SQLiteChangeStore.countFacetsOfTextRows(match: match, query: query, facets: ["sector"], db: db),
                try SQLiteChangeStore.countFacetsWithIndex(match: match, query: query, facets: ["sector"], db: db)
            )
        }
        #expect(counts.0 == counts.1)
    }

    @Test func tokensReadBack() {
        for (facet, value) in [("region", "AT13"), ("sector", "16.23"), ("certification", "EMAS = ÖKO")] {
            let token = CatalogueIndex.facetToken(facet, value)
            let read = CatalogueIndex.facet(ofToken: Substring(token))
            #expect(read?.facet == facet && read?.value == value)
        }
        #expect(CatalogueIndex.facet(ofToken: Substring(CatalogueIndex.facetToken("text", "de"))) == nil)
        #expect(CatalogueIndex.facet(ofToken: "f6") == nil)
        #expect(CatalogueIndex.facet(ofToken: "fzz") == nil)
        #expect(CatalogueIndex.facet(ofToken: "holz") == nil)
    }
}
