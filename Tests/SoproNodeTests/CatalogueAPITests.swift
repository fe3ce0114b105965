import DirectoryModel
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import PropertyBased
import SyncProtocol
import Testing

@testable import CatalogueStore
@testable import EntryDocuments
@testable import NodeServer
@testable import SoproNode

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
            // Facets alone are checked on the text rows; with a column only the entry index
            // has (lighthouse), through the index. Both keep the order.
            for lighthouse in [nil, false] as [Bool?] {
                var all = CatalogueQuery()
                all.text = text
                all.limit = 500
                let unfiltered = try await node.store.entries(matching: all).items
                var members = CatalogueQuery()
                members.facets = [facet]
                members.lighthouse = lighthouse
                members.limit = 500
                let allowed = Set(try await node.store.entries(matching: members).items.map { "\($0.kind)/\($0.id)" })
                let expected = unfiltered.map { "\($0.kind)/\($0.id)" }.filter(allowed.contains)

                var query = all
                query.facets = [facet]
                query.lighthouse = lighthouse
                query.limit = 3
                var seen: [String] = []
                repeat {
                    let page = try await node.store.entries(matching: query)
                    #expect(page.items.allSatisfy { $0.snippet != nil }, "\(text): snippets on filtered pages")
                    seen += page.items.map { "\($0.kind)/\($0.id)" }
                    query.cursor = page.next
                } while query.cursor != nil
                #expect(seen == expected, "\(text) with \(facet), lighthouse \(String(describing: lighthouse))")
                if facet.name == "region", text == "holz" { #expect(!expected.isEmpty, "the case finds something") }
            }
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
            try SampleNode.samples("regions/AT12.yaml").first)
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

    /// Search text built from Unicode scalars, not `Character`s: quotes and FTS syntax joined
    /// to combining and joining marks. Measured before: `q=x"\u{301}y` was a 500 (FTS5
    /// "unterminated string").
    @Test func searchTextWithJoinedQuotesNeverFailsTheServer() async throws {
        let node = try await makeNode()
        let syntax: [Unicode.Scalar] = Array("\"*()-+:^ORANDNEARab ".unicodeScalars)
        let joiners: [Unicode.Scalar] = ["\u{301}", "\u{200D}", "\u{D4E}", "\u{FE0F}", "\u{308}", "\u{200B}"]
        let scalars = Generator<String, Shrink.None<String>> { rng in
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...16, using: &rng) {
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: text.append(syntax[Int.random(in: 0..<syntax.count, using: &rng)])
                case 1: text.append(joiners[Int.random(in: 0..<joiners.count, using: &rng)])
                default:
                    text.append(Unicode.Scalar(UInt32.random(in: 0x20...0xD7FF, using: &rng)) ?? "x")
                }
            }
            return String(text)
        }
        // Inquiry matching reads the asker's text the same way.
        await #expect(throws: Never.self) {
            _ = try await node.store.textRelevance(anyOf: ["\u{D4E}\"x", "x\"\u{301}y"], limit: 5)
        }
        await propertyCheck(count: 100, input: scalars) { text in
            await #expect(throws: Never.self) { _ = try await node.store.textRelevance(anyOf: [text], limit: 5) }
        }
        try await buildApplication(node: node).test(.router) { client in
            let fixed = try await client.execute(uri: "/v1/entries?q=x%22%CC%81y", method: .get) { $0.status }
            #expect(fixed == .ok, "q=x\"\u{301}y → \(fixed)")
            await propertyCheck(count: 300, input: scalars) { text in
                let encoded = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                for uri in ["/v1/entries?q=\(encoded)", "/search?q=\(encoded)"] {
                    let status = try await client.execute(uri: uri, method: .get) { $0.status }
                    #expect(
                        status.code < 500,
                        "\(uri) (\(text.unicodeScalars.map { String($0.value, radix: 16) })) → \(status)")
                }
            }
        }
    }

    /// Measured before: about 1,000 `category=39` made SQLite refuse the query ("Expression
    /// tree is too large"), a 500 that logged 110 KB of SQL.
    @Test func aParameterRepeatedTooOftenIsABadRequest() async throws {
        let node = try await makeNode()
        try await buildApplication(node: node).test(.router) { client in
            let many = Array(repeating: "category=39", count: 1_000).joined(separator: "&")
            try await client.execute(uri: "/v1/entries?\(many)", method: .get) { response in
                #expect(response.status == .badRequest)
                let detail = String(buffer: response.body)
                #expect(detail.contains("category") && detail.contains("at most 20 values"), "\(detail)")
            }
            let twenty = Array(repeating: "category=39", count: 20).joined(separator: "&")
            let allowed = try await client.execute(uri: "/v1/entries?\(twenty)", method: .get) { $0.status }
            #expect(allowed == .ok)
            let page = try await client.execute(uri: "/search?\(many)", method: .get) { $0.status }
            #expect(page.code < 500)
        }
    }

    @Test func loggedErrorsAreBounded() {
        let long = String(repeating: "SELECT ", count: 20_000)
        let bounded = InternalErrorResponder<BasicRequestContext>.bounded(long)
        #expect(bounded.unicodeScalars.count < 1_100)
        #expect(bounded.hasSuffix("more characters)"))
        #expect(InternalErrorResponder<BasicRequestContext>.bounded("short") == "short")
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
