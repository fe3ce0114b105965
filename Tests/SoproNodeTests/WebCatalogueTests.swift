import DirectoryModel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SyncProtocol
import Testing

@testable import CatalogueStore
@testable import EntryDocuments
@testable import NodeServer
@testable import SoproNode

/// The web catalogue through the router: every page in three languages, facets, pages,
/// fall-back markers, escaping, caching, 404.
@Suite struct WebCatalogueTests {
    let key = NodeKey()
    static let print1 = "9727bf44-a416-5a0f-bb47-5aa14fed88c6"
    static let mailing = "1411edfc-4aa2-5d1b-bcbf-65bef1f0e620"

    func makeNode() async throws -> CatalogueNode {
        try await SampleNode.make(key: key, region: "AT13", name: "Wien", editor: "anna@wien")
    }

    func publish(_ yaml: String, at node: CatalogueNode) async throws {
        let file = try EntryFileDecoder().decode(yaml, name: "test.yaml")
        #expect(file.issues.isEmpty, "\(file.issues)")
        _ = try await node.publish(file.entries, editor: "anna@wien")
    }

    func html(
        _ client: some TestClientProtocol, _ uri: String, headers: HTTPFields = [:], status: HTTPResponse.Status = .ok
    ) async throws -> String {
        try await client.execute(uri: uri, method: .get, headers: headers) { response in
            #expect(response.status == status, "\(uri)")
            if response.status == .ok || response.status == .notFound {
                #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            }
            return String(buffer: response.body)
        }
    }

    /// Every `href` in the page that leads inside the catalogue.
    static func internalLinks(_ page: String) -> [String] {
        page.components(separatedBy: "href=\"").dropFirst().compactMap {
            $0.split(separator: "\"").first.map(String.init)
        }
        .filter {
            $0.hasPrefix("/") && !$0.hasPrefix("/static/") && !$0.hasPrefix("/v1/") && $0 != "/sitemap.xml"
                && $0 != "/openapi.json" && $0 != "/catalogue.csv"
        }
    }

    @Test func everyPageInEveryLanguage() async throws {
        let node = try await makeNode()
        try await buildApplication(node: node).test(.router) { client in
            let expectations: [(LanguageTag, String, String)] = [
                (.german, "Soziale Unternehmen", "Druckerei Neustart Donaustadt"),
                (.hungarian, "Szociális vállalkozások", "Nyomda Neustart Donaustadt"),
                (.english, "Social enterprises", "Print Shop Neustart Donaustadt"),
            ]
            for (language, kindLabel, name) in expectations {
                let code = language.rawValue
                let pages = [
                    "/?lang=\(code)", "/search?lang=\(code)", "/search?q=druck&lang=\(code)",
                    "/enterprise/\(Self.print1)?lang=\(code)", "/product/\(Self.mailing)?lang=\(code)",
                    "/federation?lang=\(code)",
                ]
                for uri in pages {
                    let page = try await html(client, uri)
                    #expect(page.contains("<html lang=\"\(code)\">"), "\(uri)")
                    #expect(page.contains("hreflang=\"hu\""), "\(uri): alternates")
                    for link in Self.internalLinks(page) where !link.hasPrefix("/?lang=") || link.contains("lang=") {
                        #expect(link.contains("lang="), "\(uri): the link \(link) keeps the language")
                    }
                }
                let home = try await html(client, "/?lang=\(code)")
                #expect(home.contains(kindLabel))
                let enterprise = try await html(client, "/enterprise/\(Self.print1)?lang=\(code)")
                #expect(enterprise.contains(name))
                #expect(enterprise.contains("application/ld+json"))
                #expect(enterprise.contains("Wien (AT13)") || enterprise.contains("(AT13)"))
            }
            // A cooperation page links its partners.
            let list = try await html(client, "/search?kind=cooperation&lang=en")
            let cooperation = try #require(Self.internalLinks(list).first { $0.hasPrefix("/cooperation/") })
            let page = try await html(client, cooperation)
            #expect(page.contains("href=\"/enterprise/"))
            // The language from Accept-Language when no ?lang= is given; the choice varies by it.
            try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "hu-HU,hu;q=0.9,en;q=0.5"]) {
                response in
                #expect(String(buffer: response.body).contains("<html lang=\"hu\">"))
                #expect(response.headers[.contentLanguage] == "hu")
                #expect(response.headers[.vary]?.contains("Accept-Language") == true)
            }
            let english = try await html(client, "/?lang=en", headers: [.acceptLanguage: "de"])
            #expect(english.contains("<html lang=\"en\">"), "?lang= wins over Accept-Language")
        }
    }

    /// The catalogue as CSV from the web page (not only the CLI): every visible entry, the
    /// export's columns, a download; revalidated by the heads.
    @Test func theCatalogueDownloadsAsCSV() async throws {
        let node = try await SampleNode.make(key: NodeKey(), region: "AT13", name: "Wien")
        try await buildApplication(node: node).test(.router) { client in
            let home = try await client.execute(uri: "/?lang=en", method: .get) { String(buffer: $0.body) }
            #expect(home.contains("href=\"/catalogue.csv\""))
            let (csv, etag) = try await client.execute(uri: "/catalogue.csv", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(response.headers[.contentDisposition]?.hasPrefix("attachment") == true)
                return (String(buffer: response.body), response.headers[.eTag])
            }
            let records = try CSVImport.records(from: csv, file: "catalogue.csv")
            let visible = try await CatalogueExport.items(of: try #require(node.store as? SQLiteChangeStore))
            #expect(records.count == visible.count && !records.isEmpty)
            #expect(csv.hasPrefix(CatalogueExport.csvColumns.joined(separator: ",")))
            #expect(csv.contains("target_groups") && csv.contains("price_from"))
            let tag = try #require(etag)
            try await client.execute(uri: "/catalogue.csv", method: .get, headers: [.ifNoneMatch: tag]) {
                #expect($0.status == .notModified)
            }
        }
    }

    /// A quote without its author's name shows the role alone (it read ", Einkauf").
    @Test func aQuoteWithoutAnAuthorShowsItsRoleAlone() async throws {
        let node = try await makeNode()
        try await buildApplication(node: node).test(.router) { client in
            let page = try await html(client, "/cooperation/73243d59-8e68-5148-b708-172f20e85951?lang=de")
            #expect(page.contains("<figcaption>Einkauf</figcaption>"))
            #expect(!page.contains("<figcaption>, "))
        }
    }

    /// Reserved-contract eligibility (Art. 20: at least 30 % disadvantaged staff) is shown on
    /// the enterprise, with its share in the page's number format, and on its products.
    @Test func reservedContractEligibilityIsShownOnTheEnterpriseAndItsProducts() async throws {
        let node = try await makeNode()
        let store = try #require(node.store as? SQLiteChangeStore)
        let entries = try await CatalogueExport.items(of: store).compactMap(\.entry)
        let eligible = try #require(
            entries.compactMap {
                if case .enterprise(let e) = $0, e.qualifiesForReservedContracts == true { e } else { nil }
            }
            .first)
        let product = entries.compactMap { if case .product(let p) = $0 { p } else { nil } }
            .first { $0.enterprises.contains(eligible.id) }
        try await buildApplication(node: node).test(.router) { client in
            let page = try await html(client, "/enterprise/\(eligible.id.rawValue)?lang=de")
            #expect(page.contains("Vorbehaltene Aufträge (Art. 20 RL 2014/24/EU)"))
            #expect(page.contains("geeignet – "))
            let english = try await html(client, "/enterprise/\(eligible.id.rawValue)?lang=en")
            #expect(english.contains("eligible – "))
            if let product {
                let productPage = try await html(client, "/product/\(product.id.rawValue)?lang=en")
                #expect(productPage.contains("eligible through the enterprise that makes it"))
            }
        }
    }

    /// An enterprise's sectors are named by their NACE divisions in the page's language, codes
    /// of one division grouped under its title; a bare section by the section.
    @Test func sectorsAreNamedByTheirDivision() async throws {
        let node = try await makeNode()
        let id = "5d2a7f0e-1c3b-4e8a-9f6d-2b7c8e9a0f11"
        try await publish(
            """
            kind: enterprise
            id: \(id)
            name: {de: Druckwerk Test}
            socialModel: work-integration
            region: AT13
            sectors: ["18.12", "18.14", "16.23", "N"]
            """, at: node)
        try await buildApplication(node: node).test(.router) { client in
            let german = try await html(client, "/enterprise/\(id)?lang=de")
            #expect(
                german.contains(
                    "16.23 (Herstellung von Holz-, Flecht-, Korb- und Korkwaren (ohne Möbel)), 18.12, 18.14 "
                        + "(Herstellung von Druckerzeugnissen; Vervielfältigung von bespielten Ton-, Bild- und "
                        + "Datenträgern), N (Sonstige wirtschaftliche Dienstleistungen)"), "\(german)")
            let hungarian = try await html(client, "/enterprise/\(id)?lang=hu")
            #expect(hungarian.contains("18.12, 18.14 (Nyomdai és egyéb sokszorosítási tevékenység)"))
            #expect(!german.contains("(Herstellung von Waren)"))
        }
    }

    /// Product cards say who offers the product and its price, in the page's number format.
    @Test func productCardsNameTheirEnterpriseAndPrice() async throws {
        let node = try await makeNode()
        let store = try #require(node.store as? SQLiteChangeStore)
        let entries = try await CatalogueExport.items(of: store).compactMap(\.entry)
        let priced = try #require(
            entries.compactMap { if case .product(let p) = $0 { p } else { nil } }
                .first { $0.order?.price?.from != nil && !$0.enterprises.isEmpty })
        let maker = try #require(
            entries.compactMap { if case .enterprise(let e) = $0, e.id == priced.enterprises[0] { e } else { nil } }
                .first)
        try await buildApplication(node: node).test(.router) { client in
            let page = try await html(client, "/enterprise/\(maker.id.rawValue)?lang=de")
            let card = try #require(
                page.components(separatedBy: "<li class=\"card").first { $0.contains("/product/\(priced.id.rawValue)") }
            )
            #expect(card.contains("Angeboten von \(maker.name[.german] ?? "")"), "\(card)")
            let from = try #require(priced.order?.price?.from)
            let german = NSDecimalNumber(decimal: from).stringValue.replacingOccurrences(of: ".", with: ",")
            #expect(card.contains(german), "the price in German notation: \(card)")
        }
    }

    @Test func facetsCombineAndRemove() async throws {
        let node = try await makeNode()
        try await buildApplication(node: node).test(.router) { client in
            let all = try await html(client, "/search?lang=en")
            #expect(all.contains("Region"))
            #expect(all.contains("Vienna (AT13)") || all.contains("Wien (AT13)"))
            let vienna = try await html(client, "/search?region=AT13&lang=en")
            #expect(vienna.contains("Remove filter"))
            let count = try #require(Self.resultCount(vienna))
            let enterprises = try await html(client, "/search?region=AT13&kind=enterprise&lang=en")
            let narrowed = try #require(Self.resultCount(enterprises))
            #expect(narrowed < count && narrowed == 8, "combined facets narrow the result")
            // The chip for the region links to the page without it, keeping the kind.
            #expect(enterprises.contains("href=\"/search?kind=enterprise&amp;lang=en\""))
            let nothing = try await html(client, "/search?q=zzzzqqq%20holz&region=AT13&lang=de")
            #expect(nothing.contains("Nichts gefunden"))
            #expect(nothing.contains("Nur nach „zzzzqqq“ suchen"))
            #expect(nothing.contains("Ohne Filter suchen"))
        }
    }

    @Test func pagesWalkEveryResultOnce() async throws {
        let node = try await makeNode()
        try await buildApplication(node: node).test(.router) { client in
            var uri: String? = "/search?kind=product&lang=en"
            var seen: [String] = []
            var total: Int?
            while let current = uri {
                let page = try await html(client, current)
                total = total ?? Self.resultCount(page)
                // The result cards (the map above them links to the same entries).
                let cards = page.components(separatedBy: "class=\"cards list\"").dropFirst().joined()
                seen += Self.internalLinks(cards).filter { $0.hasPrefix("/product/") }
                uri =
                    page.components(separatedBy: "rel=\"next\"").count > 1
                    ? Self.internalLinks(page).last { $0.contains("cursor=") }?.replacingOccurrences(
                        of: "&amp;", with: "&")
                    : nil
            }
            #expect(Set(seen).count == seen.count, "no entry on two pages")
            #expect(seen.count == total)
            #expect(seen.count > 20, "more than one page")
        }
    }

    @Test func textInAnotherLanguageIsMarked() async throws {
        let node = try await makeNode()
        try await publish(
            """
            kind: enterprise
            id: 0192f3a4-5b6c-7d8e-9f01-23456789abcd
            name: {de: "Nur Deutsch Werkstatt"}
            region: AT13
            socialModel: work-integration
            description: {de: "Eine Beschreibung nur auf Deutsch."}
            """, at: node)
        try await buildApplication(node: node).test(.router) { client in
            let hungarian = try await html(client, "/enterprise/0192f3a4-5b6c-7d8e-9f01-23456789abcd?lang=hu")
            #expect(
                hungarian.contains(
                    "<span lang=\"de\">Nur Deutsch Werkstatt</span> <small class=\"fallback\">(német nyelven)</small>"))
            let german = try await html(client, "/enterprise/0192f3a4-5b6c-7d8e-9f01-23456789abcd?lang=de")
            #expect(!german.contains("class=\"fallback\""))
            // A snippet in another language than the page's is marked too (WCAG 3.1.2).
            let found = try await html(client, "/search?q=beschreibung&lang=hu")
            #expect(found.contains("<p class=\"snippet\" lang=\"de\">"), "\(found)")
            let foundInGerman = try await html(client, "/search?q=beschreibung&lang=de")
            #expect(foundInGerman.contains("<p class=\"snippet\">"))
        }
    }

    @Test func everyFieldIsEscaped() async throws {
        let node = try await makeNode()
        try await publish(
            """
            kind: enterprise
            id: 0192f3a4-5b6c-7d8e-9f01-000000000001
            name: {de: "<script>alert('x')</script> \\"Quote\\" & Co"}
            region: AT13
            socialModel: work-integration
            description: {de: "</script><img src=x onerror=alert(1)> 'single' \\"double\\""}
            legalForm: "<b>GmbH</b>"
            certifications: ["<iframe src=javascript:alert(1)>"]
            """, at: node)
        try await buildApplication(node: node).test(.router) { client in
            let page = try await html(client, "/enterprise/0192f3a4-5b6c-7d8e-9f01-000000000001?lang=de")
            #expect(!page.contains("<script>alert"))
            #expect(!page.contains("<img src=x"))
            #expect(!page.contains("<b>GmbH"))
            #expect(!page.contains("<iframe"))
            #expect(page.contains("&lt;script&gt;"))
            #expect(page.contains("&lt;b&gt;GmbH&lt;/b&gt;"))
            // Inside the JSON-LD, no text can close the script element.
            let jsonLD = try #require(
                page.components(separatedBy: "application/ld+json\">").last?.components(separatedBy: "</script>").first)
            #expect(!jsonLD.contains("<"))
            #expect(jsonLD.contains("\\u003cscript\\u003e"))
            let results = try await html(client, "/search?q=%3Cscript%3E&lang=de")
            #expect(!results.contains("<script>alert"))
            #expect(results.contains("value=\"&lt;script&gt;\""), "the query in the search box is escaped too")
        }
    }

    @Test func linksOnlyToWebAddresses() {
        typealias Controller = WebController<BasicRequestContext>
        #expect(Controller.safeLink("https://example.org/a") == "https://example.org/a")
        #expect(Controller.safeLink("http://example.org") == "http://example.org")
        #expect(Controller.safeLink("javascript:alert(1)") == nil)
        #expect(Controller.safeLink("JaVaScRiPt:alert(1)") == nil)
        #expect(Controller.safeLink("data:text/html,x") == nil)
        #expect(Controller.safeLink(nil) == nil)
    }

    @Test func etagsAnswerNotModifiedUntilTheCatalogueChanges() async throws {
        let node = try await makeNode()
        try await buildApplication(node: node).test(.router) { client in
            let etag = try await client.execute(uri: "/search?q=holz&lang=de", method: .get) { response in
                try #require(response.headers[.eTag])
            }
            try await client.execute(uri: "/search?q=holz&lang=de", method: .get, headers: [.ifNoneMatch: etag]) {
                response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/search?q=holz&lang=hu", method: .get, headers: [.ifNoneMatch: etag]) {
                response in
                #expect(response.status == .ok, "another language is another page")
            }
            try await publish(
                """
                kind: enterprise
                id: 0192f3a4-5b6c-7d8e-9f01-000000000002
                name: {de: "Neue Holzwerkstatt"}
                region: AT13
                socialModel: work-integration
                """, at: node)
            try await client.execute(uri: "/search?q=holz&lang=de", method: .get, headers: [.ifNoneMatch: etag]) {
                response in
                #expect(response.status == .ok, "a publish changes the page")
                #expect(String(buffer: response.body).contains("Neue Holzwerkstatt"))
            }
            let css = try await client.execute(uri: "/static/sopro.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                return try #require(response.headers[.eTag])
            }
            try await client.execute(uri: "/static/sopro.css", method: .get, headers: [.ifNoneMatch: css]) { response in
                #expect(response.status == .notModified)
            }
        }
    }

    @Test func unknownEntriesAndPagesAre404() async throws {
        let node = try await makeNode()
        try await buildApplication(node: node).test(.router) { client in
            for language in ["de", "hu", "en"] {
                let page = try await html(
                    client, "/enterprise/0192f3a4-5b6c-7d8e-9f01-ffffffffffff?lang=\(language)", status: .notFound)
                #expect(page.contains("<html lang=\"\(language)\">"))
                #expect(page.contains("action=\"/search\""), "the 404 page offers a search")
            }
            _ = try await html(client, "/product/\(Self.print1)?lang=en", status: .notFound)
        }
    }

    /// The colours of the stylesheet's text on its backgrounds keep WCAG AA contrast (4.5:1 for
    /// text): computed from the custom properties the pages use, so a palette change that makes
    /// text hard to read fails here.
    @Test func stylesheetColoursMeetWCAGAAContrast() throws {
        let css = String(buffer: try PageRenderer.shipped.get().stylesheet)
        var colours: [String: String] = [:]
        // `--name: #rrggbb` declarations.
        for chunk in css.components(separatedBy: "--").dropFirst() {
            let name = chunk.prefix { $0.isLetter || $0.isNumber || $0 == "-" }
            var rest = chunk.dropFirst(name.count)
            guard rest.first == ":" else { continue }
            rest = rest.dropFirst().drop { $0 == " " }
            guard rest.first == "#" else { continue }
            colours[String(name)] = String(rest.prefix(7))
        }
        func luminance(_ hex: String) -> Double {
            let value = Int(hex.dropFirst(), radix: 16) ?? 0
            let channels = [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff].map { Double($0) / 255 }
            let linear = channels.map { $0 <= 0.03928 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
            return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        }
        func contrast(_ a: String, _ b: String) -> Double {
            let (x, y) = (luminance(a), luminance(b))
            return (max(x, y) + 0.05) / (min(x, y) + 0.05)
        }
        let pairs = [
            ("ink", "tint"), ("ink", "paper"), ("muted", "tint"), ("muted", "paper"), ("brand", "paper"),
            ("brand", "tint"), ("paper", "brand"), ("paper", "brand-dark"), ("accent", "paper"), ("warn", "paper"),
            ("ink", "mark"),
        ]
        for (text, background) in pairs {
            let (foreground, back) = (try #require(colours[text], "--\(text)"), try #require(colours[background]))
            #expect(contrast(foreground, back) >= 4.5, "--\(text) on --\(background): \(contrast(foreground, back))")
        }
    }

    /// The number of results a search page reports (`<h2 … class="count-line">60 entries</h2>`).
    static func resultCount(_ page: String) -> Int? {
        guard let range = page.range(of: "class=\"count-line\">") else { return nil }
        return Int(String(page[range.upperBound...].prefix { $0.isNumber }))
    }

    @Test func aPlusInTheQueryIsASpace() async throws {
        // A browser's GET form sends "druckerei donaustadt" as `q=druckerei+donaustadt`; it was
        // searched as the one word "druckerei+donaustadt" (a phrase, which finds nothing here).
        let node = try await makeNode()
        try await buildApplication(node: node).test(.router) { client in
            let plus = try await html(client, "/search?q=druckerei+donaustadt&lang=de")
            let space = try await html(client, "/search?q=druckerei%20donaustadt&lang=de")
            #expect(Self.resultCount(space) ?? 0 > 0)
            #expect(Self.resultCount(plus) == Self.resultCount(space))
            #expect(plus.contains("value=\"druckerei donaustadt\""))
            // The language switch keeps the words, the space written as `%20`.
            #expect(plus.contains("href=\"/search?q=druckerei%20donaustadt&amp;lang=en\""))
            // An encoded plus stays a plus.
            let literal = try await html(client, "/search?q=C%2B%2B&lang=de")
            #expect(literal.contains("value=\"C++\""))
        }
    }
}
