import AsyncHTTPClient
import DirectoryModel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import SyncProtocol
import Testing

@testable import CatalogueStore
@testable import EntryDocuments
@testable import NodeServer
@testable import SoproNode

/// The machine-readable side of the web catalogue: Atom feeds per region, the sitemap, and a
/// 404 page for browsers where API clients get a problem.
@Suite struct WebFeedTests {
    let key = NodeKey()

    func makeNode() async throws -> CatalogueNode {
        try await SampleNode.make(key: key, region: "AT13", name: "Wien", editor: "anna@wien")
    }

    func get(
        _ client: some TestClientProtocol, _ uri: String, headers: HTTPFields = [:],
        status: HTTPResponse.Status = .ok, contentType: String? = nil
    ) async throws -> String {
        try await client.execute(uri: uri, method: .get, headers: headers) { response in
            #expect(response.status == status, "\(uri)")
            if let contentType { #expect(response.headers[.contentType] == contentType, "\(uri)") }
            return String(buffer: response.body)
        }
    }

    /// The ids (`kind/id`) of the entries in `region` or a region inside it, from the store.
    func entries(in regions: [String], node: CatalogueNode) async throws -> Set<String> {
        var keys: Set<String> = []
        for region in regions {
            var query = CatalogueQuery()
            query.facets = [.init("region", region)]
            query.limit = 500
            for item in try await node.store.entries(matching: query).items { keys.insert("\(item.kind)/\(item.id)") }
        }
        return keys
    }

    @Test func feedsListRecentChangesPerRegion() async throws {
        let node = try await makeNode()
        let address = try #require(PublicAddress("https://katalog.example.at/sopro/"))
        try await buildApplication(node: node, publicAddress: address).test(.router) { client in
            let atom = "application/atom+xml; charset=utf-8"
            let whole = try #require(ParsedXML(try await get(client, "/feed.atom?lang=hu", contentType: atom)))
            #expect(whole.named("feed").first?.attributes["xml:lang"] == "hu")
            let items = whole.named("entry")
            let total = try await node.store.overview().total
            #expect(items.count == min(total, WebController<BasicRequestContext>.feedLength))
            let updated = whole.named("updated").dropFirst().map(\.text)
            #expect(updated == updated.sorted(by: >), "newest first")
            let links = whole.named("link").compactMap { $0.attributes["href"] }
            #expect(links.allSatisfy { $0.hasPrefix("https://katalog.example.at/sopro/") }, "\(links.prefix(3))")
            #expect(links.contains("https://katalog.example.at/sopro/feed.atom?lang=hu"), "the feed names itself")

            // A region's feed holds its entries (an enterprise there, a product delivering there,
            // a cooperation there) and a region's feed takes the regions inside it.
            func feedEntries(_ region: String) async throws -> Set<String> {
                let feed = try #require(ParsedXML(try await get(client, "/feed/\(region).atom", contentType: atom)))
                return Set(
                    feed.named("id").dropFirst().map {
                        $0.text.replacingOccurrences(of: "urn:sopro:", with: "").replacingOccurrences(
                            of: ":", with: "/")
                    })
            }
            let vienna = try await feedEntries("AT13")
            let expected = try await entries(in: ["AT13"], node: node)
            #expect(!vienna.isEmpty && vienna.isSubset(of: expected))
            #expect(vienna.count == min(expected.count, 50))
            let hungary = try await feedEntries("HU2")
            let inHU22 = try await entries(in: ["HU22"], node: node)
            #expect(!hungary.isEmpty && hungary.isSubset(of: inHU22))
            #expect(hungary.isDisjoint(with: expected.subtracting(inHU22)))
            let tyrol = try await feedEntries("AT34")
            #expect(tyrol.isEmpty, "a region without entries has an empty feed")

            _ = try await get(client, "/feed/XX99.atom", status: .notFound)
            _ = try await get(client, "/feed/AT13.rss", status: .notFound)
        }
    }

    @Test func feedsEscapeWhatEditorsWrite() async throws {
        let node = try await makeNode()
        let file = try EntryFileDecoder().decode(
            """
            kind: enterprise
            id: 0192f3a4-5b6c-7d8e-9f01-000000000003
            name: {de: "<script>x</script> & \\"Co\\" ]]>"}
            region: AT13
            socialModel: work-integration
            """, name: "escape.yaml")
        _ = try await node.publish(file.entries, editor: "anna@wien")
        try await buildApplication(node: node).test(.router) { client in
            let text = try await get(client, "/feed/AT13.atom?lang=de")
            let feed = try #require(ParsedXML(text), "the feed stays well-formed")
            #expect(feed.named("title").contains { $0.text == "<script>x</script> & \"Co\" ]]>" })
            #expect(!text.contains("<script>"))
            // Without a configured address, links are made from the request's host.
            #expect(feed.named("link").allSatisfy { $0.attributes["href"]?.hasPrefix("http://localhost/") == true })
        }
    }

    @Test func xmlTextDropsCharactersXMLCannotCarry() {
        #expect(WebController<BasicRequestContext>.xmlText("a\u{1}b\u{0}c\td\ne") == "abc\td\ne")
        #expect(WebController<BasicRequestContext>.xmlText("a\u{FFFE}b\u{FFFF}c\u{FFFD}") == "abc\u{FFFD}")
    }

    @Test func hostHeadersOnlyMakeLinksWhenPlain() {
        #expect(PublicAddress.requested(host: "catalogue.example:8080").base == "http://catalogue.example:8080")
        #expect(PublicAddress.requested(host: "[::1]:8041").base == "http://[::1]:8041")
        #expect(PublicAddress.requested(host: "evil.example/\"><script>").base == "http://localhost")
        #expect(PublicAddress.requested(host: nil).base == "http://localhost")
        #expect(PublicAddress("ftp://example.org") == nil)
        #expect(PublicAddress("https://example.org/?q=1") == nil)
        #expect(PublicAddress("https://example.org/sopro//")?.base == "https://example.org/sopro")
    }

    @Test func plainAuthorities() {
        for plain in [
            "localhost", "localhost:8041", "katalog.example.at", "katalog.example.at.", "127.0.0.1:80", "[::1]",
            "[::1]:8041", "[2001:db8::7]:443", "sopro_node:8080", "xn--bcher-kva.example",
        ] {
            #expect(PublicAddress.isPlainAuthority(plain), "\(plain)")
        }
        for bad in [
            "", ":80", "a..b", "-a.example", "a-.example", "a.example:0", "a.example:65536", "a.example:8o",
            "a.example:", "a:b:c", "[::1", "[::1]x", "[]", "[zz::1]", "evil.example/\"><x", "user@host", "a b",
            "bücher.example", "a.example:80:80", String(repeating: "a", count: 64) + ".example",
            String(repeating: "a.", count: 130),
        ] {
            #expect(!PublicAddress.isPlainAuthority(bad), "\(bad)")
        }
    }

    @Test func aSecondHostOrOneThatIsNotPlainIsRefused() async throws {
        let node = try await makeNode()
        // Through the router: the test client's authority is `localhost`; a `Host` field is a
        // second Host header (as NIOHTTPTypesHTTP1 leaves all but the first).
        try await buildApplication(node: node).test(.router) { client in
            let host = try #require(HTTPField.Name("Host"))
            try await client.execute(uri: "/sitemap.xml", method: .get, headers: [host: "evil.example"]) {
                #expect($0.status == .badRequest)
                #expect($0.headers[.contentType] == "application/problem+json")
            }
            try await client.execute(uri: "/sitemap.xml", method: .get) { #expect($0.status == .ok) }
        }
        // Over a connection, as a client writes them.
        try await buildApplication(node: node, port: 0).test(.live) { client in
            let port = try #require(client.port)
            func status(_ hosts: [String]) async throws -> UInt {
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/sitemap.xml")
                for host in hosts { request.headers.add(name: "Host", value: host) }
                return try await HTTPClient.shared.execute(request, timeout: .seconds(10)).status.code
            }
            #expect(try await status(["localhost:\(port)"]) == 200)
            #expect(try await status(["localhost:\(port)", "evil.example"]) == 400)
            #expect(try await status(["evil.example/\"><x"]) == 400)
            #expect(try await status(["evil.example:99999"]) == 400)
        }
    }

    @Test func sitemapListsEveryPageOnceAcrossParts() async throws {
        let node = try await makeNode()
        let total = try await node.store.overview().total
        // One file while it fits.
        try await buildApplication(node: node).test(.router) { client in
            let xml = "application/xml; charset=utf-8"
            let single = try #require(ParsedXML(try await get(client, "/sitemap.xml", contentType: xml)))
            #expect(single.named("urlset").count == 1)
            #expect(single.named("loc").count == total + 2)
        }
        // An index of parts beyond the size of one file.
        let renderer = try PageRenderer.shipped.get()
        let web = WebController<BasicRequestContext>(
            node: node, peerStatus: nil, renderer: renderer, publicAddress: nil, sitemapSize: 25)
        let router = Router()
        router.addRoutes(web.routes)
        try await Application(router: router).test(.router) { client in
            let index = try #require(ParsedXML(try await get(client, "/sitemap.xml")))
            let parts = index.named("loc").map(\.text)
            #expect(parts.count == (total + 2 + 24) / 25)
            var locations: [String] = []
            for part in parts {
                let path = part.replacingOccurrences(of: "http://localhost", with: "")
                let sitemap = try #require(ParsedXML(try await get(client, path)))
                let locs = sitemap.named("loc").map(\.text)
                #expect(locs.count <= 25)
                locations += locs
            }
            #expect(locations.count == total + 2)
            #expect(Set(locations).count == locations.count, "no page in two parts")
            #expect(locations.contains("http://localhost/enterprise/9727bf44-a416-5a0f-bb47-5aa14fed88c6"))
            _ = try await get(client, "/sitemap/\(parts.count + 1).xml", status: .notFound)
            _ = try await get(client, "/sitemap/0.xml", status: .notFound)
        }
    }

    @Test func unknownPathsAreAPageForBrowsersAndAProblemForPrograms() async throws {
        let node = try await makeNode()
        try await buildApplication(node: node).test(.router) { client in
            let browser: HTTPFields = [
                .accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", .acceptLanguage: "hu",
            ]
            let page = try await get(
                client, "/no/such/page", headers: browser, status: .notFound, contentType: "text/html; charset=utf-8")
            #expect(page.contains("<html lang=\"hu\">"))
            #expect(page.contains("Az oldal nem található"))
            let problem = "application/problem+json"
            _ = try await get(client, "/no/such/page", status: .notFound, contentType: problem)
            _ = try await get(client, "/v1/no-such-endpoint", headers: browser, status: .notFound, contentType: problem)
            _ = try await get(
                client, "/no/such/page", headers: [.accept: "text/html;q=0, application/json"], status: .notFound,
                contentType: problem)
            try await client.execute(uri: "/no/such/page", method: .post, headers: browser) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == problem)
            }
        }
    }
}
