import DirectoryModel
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import PropertyBased
import SoproNode
import SyncProtocol
import Testing

/// Reading the catalogue through the router: filters, search, paging, one entry with provenance.
@Suite struct CatalogueAPITests {
    let key = NodeKey()

    func makeNode() async throws -> CatalogueNode {
        try await SampleNode.make(key: key)
    }

    func page(_ client: some TestClientProtocol, _ uri: String) async throws -> CataloguePage {
        try await client.execute(uri: uri, method: .get) { response in
            #expect(response.status == .ok, "\(uri): \(String(buffer: response.body))")
            return try JSONDecoder().decode(CataloguePage.self, from: Data(buffer: response.body))
        }
    }

    @Test func filtersByKindAndFacets() async throws {
        let node = try await makeNode()
        try await buildApplication(node: node).test(.router) { client in
            let vienna = try await page(client, "/v1/entries?kind=enterprise&region=AT13&limit=100")
            #expect(vienna.items.count == 8)
            #expect(vienna.items.allSatisfy { $0.kind == "enterprise" && $0.region == "AT13" })
            let toys = try await page(client, "/v1/entries?category=37&limit=100")
            #expect(!toys.items.isEmpty)
            #expect(toys.items.allSatisfy { $0.kind == "product" })
            let lighthouses = try await page(client, "/v1/entries?lighthouse=true&limit=100")
            #expect(lighthouses.items.allSatisfy { $0.lighthouse })
            #expect(lighthouses.items.count >= 15)
            let manufacturing = try await page(client, "/v1/entries?sector=C&socialModel=sheltered-workshop&limit=100")
            #expect(!manufacturing.items.isEmpty)
        }
    }

    @Test func pagesWithStableCursors() async throws {
        let node = try await makeNode()
        try await buildApplication(node: node).test(.router) { client in
            var seen: [String] = []
            var cursor: String?
            repeat {
                let uri = "/v1/entries?limit=7" + (cursor.map { "&cursor=\($0)" } ?? "")
                let result = try await page(client, uri)
                seen += result.items.map { "\($0.kind)/\($0.id)" }
                cursor = result.next
            } while cursor != nil
            #expect(seen.count == 115)
            #expect(Set(seen).count == seen.count, "no entry twice")
            #expect(seen == seen.sorted(), "ordered by kind and id")
        }
    }

    /// A search with filters pages through exactly the entries of the unfiltered search that
    /// pass the filters, in the same order, each once (the filters are applied in SQL, the
    /// unfiltered order by FTS5 itself).
    @Test func filteredSearchesKeepTheRankedOrder() async throws {
        let node = try await makeNode()
        for (text, facet) in [
            ("holz", CatalogueQuery.Facet("region", "AT13")), ("druck", .init("kind", "x")),
            ("reinigung", .init("category", "90")), ("a", .init("socialModel", "work-integration")),
            ("werkstatt", .init("region", "HU22")),
        ] {
            var all = CatalogueQuery()
            all.text = text
            all.limit = 500
            let unfiltered = try await node.store.entries(matching: all).items
            var members = CatalogueQuery()
            members.facets = [facet]
            members.limit = 500
            let allowed = Set(try await node.store.entries(matching: members).items.map { "\($0.kind)/\($0.id)" })
            let expected = unfiltered.map { "\($0.kind)/\($0.id)" }.filter(allowed.contains)

            var query = all
            query.facets = [facet]
            query.limit = 3
            var seen: [String] = []
            repeat {
                let page = try await node.store.entries(matching: query)
                #expect(page.items.allSatisfy { $0.snippet != nil }, "\(text): snippets on filtered pages")
                seen += page.items.map { "\($0.kind)/\($0.id)" }
                query.cursor = page.next
            } while query.cursor != nil
            #expect(seen == expected, "\(text) with \(facet)")
        }
    }

    @Test func searchesEveryLanguageWithSnippets() async throws {
        let node = try await makeNode()
        try await buildApplication(node: node).test(.router) { client in
            let german = try await page(client, "/v1/entries?q=Holz&lang=de&limit=100")
            #expect(!german.items.isEmpty)
            let snippet = try #require(german.items.first?.snippet)
            #expect(snippet.contains { $0.match && $0.text.lowercased().hasPrefix("holz") })
            let hungarian = try await page(client, "/v1/entries?q=asztalos&lang=hu")
            #expect(!hungarian.items.isEmpty, "Hungarian text is indexed")
            let accents = try await page(client, "/v1/entries?q=muhely")
            #expect(!accents.items.isEmpty, "diacritics are folded: muhely finds műhely")
            let filtered = try await page(client, "/v1/entries?q=Holz&kind=product&limit=100")
            #expect(filtered.items.allSatisfy { $0.kind == "product" })
            var cursor: String?
            var all: [String] = []
            repeat {
                let result = try await page(
                    client, "/v1/entries?q=Holz&limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
                all += result.items.map(\.id)
                cursor = result.next
            } while cursor != nil
            #expect(Set(all).count == all.count)
            let everything = try await page(client, "/v1/entries?q=Holz&limit=500")
            #expect(all == everything.items.map(\.id), "pages follow the ranking of one long page")
            // Filters keep the ranking: the filtered pages are the long page's matching items, in order.
            var regional: [String] = []
            cursor = nil
            repeat {
                let result = try await page(
                    client, "/v1/entries?q=Holz&region=AT12&limit=1" + (cursor.map { "&cursor=\($0)" } ?? ""))
                regional += result.items.map(\.id)
                cursor = result.next
            } while cursor != nil
            let inRegion = try await page(client, "/v1/entries?region=AT12&limit=500").items.map(\.id)
            #expect(!regional.isEmpty)
            #expect(regional == everything.items.map(\.id).filter(inRegion.contains))
            let listingCursor = try #require(try await page(client, "/v1/entries?limit=1").next)
            try await client.execute(uri: "/v1/entries?q=Holz&cursor=\(listingCursor)", method: .get) { response in
                #expect(response.status == .badRequest)
            }
            let hostile = try await page(client, "/v1/entries?q=%22%29%20OR%20*%20NEAR")
            #expect(hostile.items.isEmpty, "search syntax in the input is taken as words")
        }
    }

    @Test func showsOneEntryWithProvenanceAndConflicts() async throws {
        let node = try await makeNode()
        let enterprise = try #require(
            EntryFileDecoder().decode(paths: [examplesDirectory.appendingPathComponent("regions/AT12.yaml").path])
                .entries.first)
        let id = enterprise.entry.id.rawValue
        try await buildApplication(node: node).test(.router) { client in
            try await client.execute(uri: "/v1/entries/enterprise/\(id)", method: .get) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(json?["retracted"] as? Bool == false)
                #expect((json?["problems"] as? [Any])?.isEmpty == true)
                let fields = json?["fields"] as? [String: Any]
                let name = (fields?["name.de"] as? [String: Any])?["current"] as? [String: Any]
                #expect(name?["region"] as? String == "AT12")
                #expect(name?["editor"] as? String == "maria@at12")
                let entry = json?["entry"] as? [String: Any]
                #expect(entry?["region"] as? String == "AT12")
            }
            try await client.execute(uri: "/v1/entries/enterprise/0192f3a4-5b6c-7d8e-9f01-23456789abcd", method: .get) {
                response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
    }

    @Test func refusesBadQueriesAndAllowsAnyOrigin() async throws {
        let node = try await makeNode()
        try await buildApplication(node: node).test(.router) { client in
            for uri in [
                "/v1/entries?colour=red", "/v1/entries?lighthouse=maybe", "/v1/entries?cursor=%%%",
                "/v1/entries?kind=shop",
                "/v1/entries?limit=0", "/v1/entries?lang=deutsch", "/v1/entries?q=%20%20",
                "/v1/entries?updatedSince=yesterday",
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
            try await client.execute(
                uri: "/v1/entries?limit=1", method: .get, headers: [.origin: "https://example.org"]
            ) {
                response in
                #expect(response.headers[.accessControlAllowOrigin] == "*")
            }
            let recent = try await page(client, "/v1/entries?updatedSince=2000-01-01T00:00:00Z&limit=1")
            #expect(recent.items.count == 1)
            let future = try await page(client, "/v1/entries?updatedSince=2999-01-01")
            #expect(future.items.isEmpty)
        }
    }

    @Test func randomQueriesNeverFailTheServer() async throws {
        let node = try await makeNode()
        let alphabet = Array("abcHolzműhely \"*()-+:^NEARORAND%&=?#/\\'\u{0}ő😀")
        let queries = Generator<String, Shrink.None<String>> { rng in
            String(
                (0..<Int.random(in: 0...24, using: &rng)).map { _ in
                    alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
                })
        }
        try await buildApplication(node: node).test(.router) { client in
            await propertyCheck(count: 200, input: queries) { text in
                let encoded = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                for parameter in ["q", "region", "cursor", "lang", "limit"] {
                    let status = try await client.execute(uri: "/v1/entries?\(parameter)=\(encoded)", method: .get) {
                        $0.status
                    }
                    #expect(status == .ok || status == .badRequest, "\(parameter)=\(text.debugDescription) → \(status)")
                }
            }
        }
    }

    @Test func aPlusInTheQueryIsASpace() async throws {
        // `q=druckerei+donaustadt`, as an HTML form writes it, finds what `%20` finds (it was
        // one word, a phrase that matches nothing).
        let node = try await makeNode()
        try await buildApplication(node: node).test(.router) { client in
            let space = try await page(client, "/v1/entries?q=druckerei%20donaustadt")
            let plus = try await page(client, "/v1/entries?q=druckerei+donaustadt")
            #expect(!space.items.isEmpty)
            #expect(plus.items.map(\.id) == space.items.map(\.id))
        }
    }
}
