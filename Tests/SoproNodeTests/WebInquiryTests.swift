import DirectoryModel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Replication
import SyncProtocol
import Testing

@testable import Brokerage
@testable import CatalogueStore
@testable import EntryDocuments
@testable import NodeAPI
@testable import NodeServer
@testable import SoproNode

/// The inquiry form and the operators' pages: languages, per-field messages, escaping of what
/// askers write, the rate limit, the editor credential, and requests from other sites.
@Suite struct WebInquiryTests {
    static let basic = "Basic " + Data("anna:\(InquiryTests.token)".utf8).base64EncodedString()
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    static func encode(_ fields: [(String, String)]) -> String {
        URLQuery.encode(fields)
    }

    static let valid: [(String, String)] = [
        ("need", "Upcycling-Taschen aus unseren alten Werbebannern, etwa 200 Stück"), ("quantity", "200"),
        ("deliveryRegion", "AT13"), ("organisationType", "company"), ("organisation", "Beispiel GmbH"),
        ("contactName", "Eva Muster"), ("email", "eva@example.org"), ("language", "de"), ("consent", "yes"),
        ("website", ""),
    ]

    @Test func theFormInEveryLanguageAndNotOnAMirror() async throws {
        let node = try await SampleNode.make(key: NodeKey(), region: "AT13", name: "Wien")
        let desk = try InquiryTests.desk(for: node)
        try await buildApplication(node: node, inquiries: desk).test(.router) { client in
            for (language, label) in [
                ("de", "Was brauchen Sie?"), ("hu", "Mire van szüksége?"), ("en", "What do you need?"),
            ] {
                let page = try await client.execute(uri: "/inquiry?lang=\(language)", method: .get) { response in
                    #expect(response.status == .ok)
                    return String(buffer: response.body)
                }
                #expect(page.contains(label))
                #expect(page.contains("action=\"/inquiry?lang=\(language)\""))
                #expect(page.contains("name=\"website\""), "the honeypot is there")
                #expect(page.contains("href=\"/inquiry?lang=\(language)\""), "the navigation offers the form")
            }
        }
        let mirror = try await CatalogueNode(
            store: try SQLiteChangeStore.inMemory(), acceptance: node.acceptance, mode: .mirror, name: "mirror")
        try await buildApplication(node: mirror).test(.router) { client in
            try await client.execute(uri: "/inquiry", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(
                uri: "/inquiry", method: .post, headers: Self.form, body: ByteBuffer(string: Self.encode(Self.valid))
            ) {
                #expect($0.status == .notFound)
            }
            let home = try await client.execute(uri: "/", method: .get) { String(buffer: $0.body) }
            #expect(!home.contains("/inquiry"), "a mirror does not offer the form")
        }
    }

    @Test func submitsWithMessagesInThePagesLanguageAndEscapes() async throws {
        let node = try await SampleNode.make(key: NodeKey(), region: "AT13", name: "Wien")
        let desk = try InquiryTests.desk(
            for: node, limiter: SubmissionRateLimiter(maximum: 2, windowMilliseconds: 600_000))
        try await buildApplication(node: node, inquiries: desk).test(.router) { client in
            // Problems: every one named at its field, in Hungarian; what was typed comes back escaped.
            let invalid = [
                ("need", "<script>alert(1)</script>"), ("email", "nope\" onfocus=\"x"), ("deliveryRegion", "AT13"),
                ("language", "hu"),
            ]
            let page = try await client.execute(
                uri: "/inquiry?lang=hu", method: .post, headers: Self.form,
                body: ByteBuffer(string: Self.encode(invalid))
            ) { response in
                #expect(response.status == .unprocessableContent)
                return String(buffer: response.body)
            }
            #expect(page.contains("Kérjük, javítson"))
            #expect(page.contains("Ez nem érvényes e-mail-cím."))
            #expect(page.contains("Kérjük, töltse ki."))
            #expect(page.contains("Hozzájárulása nélkül"))
            #expect(page.contains("aria-invalid=\"true\""))
            #expect(!page.contains("<script>alert"))
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.contains("onfocus=\"x"))
            #expect(try await desk.list(state: nil).isEmpty)

            // Valid: a thank-you page with a reference; the consent statement shown is stored.
            let thanks = try await client.execute(
                uri: "/inquiry?lang=de", method: .post, headers: Self.form,
                body: ByteBuffer(string: Self.encode(Self.valid))
            ) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
            #expect(thanks.contains("Danke"))
            let stored = try #require(try await desk.list(state: nil).first)
            #expect(stored.source.channel == .form)
            #expect(stored.consent.statement.hasPrefix("Ich bin einverstanden"))
            #expect(thanks.contains(String(stored.id.prefix(8))))

            // The rate limit: a page that says when to try again.
            _ = try await client.execute(
                uri: "/inquiry?lang=en", method: .post, headers: Self.form,
                body: ByteBuffer(string: Self.encode(Self.valid))
            ) { _ in }
            let limited = try await client.execute(
                uri: "/inquiry?lang=en", method: .post, headers: Self.form,
                body: ByteBuffer(string: Self.encode(Self.valid))
            ) { response in
                #expect(response.status == .tooManyRequests)
                return String(buffer: response.body)
            }
            #expect(limited.contains("Too many inquiries from your address"))
        }
    }

    /// Buyers choose categories by name in their language (no CPV codes to type); the node
    /// stores the divisions' own codes, and the operator reads them with their names. Every
    /// field's hint and error are named by one `aria-describedby`, and a date has no `maxlength`.
    @Test func categoriesAreChosenByNameAndFieldsAreDescribedOnce() async throws {
        let node = try await SampleNode.make(key: NodeKey(), region: "AT13", name: "Wien")
        let desk = try InquiryTests.desk(for: node)
        try await buildApplication(node: node, editors: InquiryTests.editors, inquiries: desk).test(.router) { client in
            for (language, furniture) in [("de", "Möbel"), ("hu", "Bútor"), ("en", "Furniture")] {
                let page = try await client.execute(uri: "/inquiry?lang=\(language)", method: .get) {
                    String(buffer: $0.body)
                }
                #expect(page.contains("name=\"categories\" value=\"39\""))
                #expect(page.contains(furniture), "division 39 by its name in \(language)")
                #expect(!page.contains("37520000-9"), "no code to copy from a hint")
                let dateInput = try #require(page.range(of: "type=\"date\"").map { page[$0.lowerBound...].prefix(200) })
                #expect(!dateInput.prefix { $0 != ">" }.contains("maxlength"))
            }
            // A submission with problems: the need field has a hint and an error, named once.
            let invalid = try await client.execute(
                uri: "/inquiry?lang=en", method: .post, headers: Self.form,
                body: ByteBuffer(string: Self.encode([("categories", "39"), ("categories", "90")]))
            ) { String(buffer: $0.body) }
            #expect(invalid.contains("aria-describedby=\"f-need-hint f-need-error\""))
            for line in invalid.split(separator: "\n") {
                #expect(line.components(separatedBy: "aria-describedby").count <= 2, "\(line)")
            }
            #expect(invalid.contains("value=\"39\" checked"), "the choices come back as chosen")
            #expect(invalid.contains("value=\"90\" checked"))

            let chosen = Self.valid + [("categories", "39"), ("categories", "90")]
            try await client.execute(
                uri: "/inquiry?lang=de", method: .post, headers: Self.form,
                body: ByteBuffer(string: Self.encode(chosen))
            ) { #expect($0.status == .ok) }
            let stored = try #require(try await desk.list(state: nil).first)
            #expect(stored.submission.categories.map(\.rawValue) == ["39000000-2", "90000000-7"])
            let detail = try await client.execute(
                uri: "/operator/inquiries/\(stored.id)?lang=de", method: .get, headers: [.authorization: Self.basic]
            ) { String(buffer: $0.body) }
            #expect(detail.contains("39000000-2 (Möbel"))

            // Something that is not a division is checked as sent, and refused with a message.
            let wrong = Self.valid + [("categories", "7")]
            try await client.execute(
                uri: "/inquiry?lang=en", method: .post, headers: Self.form, body: ByteBuffer(string: Self.encode(wrong))
            ) { #expect($0.status == .unprocessableContent) }
        }
    }

    /// "Ask about this" on an entry's page opens this node's form with the entry named and
    /// referenced; the inquiry keeps the reference, the matcher proposes the product's makers
    /// first, and the operator sees what was asked about. On a mirror (no inquiries) the link
    /// goes to the form of the region that published the entry, with the entry referenced.
    @Test func askAboutThisReachesTheFormWithTheEntryReferenced() async throws {
        let key = NodeKey()
        let node = try await SampleNode.make(key: key, region: "AT13", name: "Wien")
        let desk = try InquiryTests.desk(for: node)
        var products = CatalogueQuery()
        products.facets = [.init("kind", "product")]
        let product = try #require(try await node.store.entries(matching: products).items.first)
        let about = "product/\(product.id)"
        let read = try #require(try await node.visibleEntry(kind: .product, id: product.id))
        guard case .product(let entry) = read.entry else { throw CancellationError() }
        let maker = try #require(entry.enterprises.first)
        try await buildApplication(node: node, editors: InquiryTests.editors, inquiries: desk).test(.router) { client in
            let page = try await client.execute(uri: "/product/\(product.id)?lang=en", method: .get) {
                String(buffer: $0.body)
            }
            let link = "/inquiry?about=product/\(product.id)&amp;lang=en"
            #expect(page.contains("href=\"\(link)\""), "the entry page offers the form")
            let form = try await client.execute(uri: "/inquiry?about=product%2F\(product.id)&lang=en", method: .get) {
                String(buffer: $0.body)
            }
            #expect(form.contains("name=\"about\" value=\"\(about)\""))
            #expect(form.contains("Asking about"))
            let unknown = try await client.execute(
                uri: "/inquiry?about=product%2F0192f3a4-5b6c-7d8e-9f01-23456789abcd&lang=en", method: .get
            ) { String(buffer: $0.body) }
            #expect(!unknown.contains("name=\"about\""), "a reference to nothing here is dropped")

            let asked =
                Self.valid.filter { $0.0 != "need" } + [
                    ("need", "Wir brauchen etwas ganz anderes, aber fragen hier an."), ("about", about),
                ]
            try await client.execute(
                uri: "/inquiry?lang=de", method: .post, headers: Self.form, body: ByteBuffer(string: Self.encode(asked))
            ) { #expect($0.status == .ok) }
            let stored = try #require(try await desk.list(state: nil).first)
            #expect(stored.submission.about?.description == about)
            let matches = try await InquiryMatcher(store: node.store).matches(for: stored.submission)
            #expect(matches.products.first?.id == product.id)
            #expect(matches.products.first?.reasons.first == .askedAbout)
            #expect(matches.enterprises.first?.id == maker.rawValue, "its maker is proposed first")
            let detail = try await client.execute(
                uri: "/operator/inquiries/\(stored.id)?lang=de", method: .get, headers: [.authorization: Self.basic]
            ) { String(buffer: $0.body) }
            #expect(detail.contains("Anfrage zu"))
            #expect(detail.contains("href=\"/product/\(product.id)?lang=de\""))
            #expect(detail.contains("die Anfrage kam von seiner Seite"))

            let empty = try await client.execute(uri: "/search?q=zzzqqqxxx&lang=en", method: .get) {
                String(buffer: $0.body)
            }
            #expect(empty.contains("href=\"/inquiry?need=zzzqqqxxx&amp;lang=en\""), "an empty search offers the form")
            let prefilled = try await client.execute(uri: "/inquiry?need=zzzqqqxxx&lang=en", method: .get) {
                String(buffer: $0.body)
            }
            #expect(prefilled.contains(">zzzqqqxxx</textarea>"))
        }

        let mirror = try await CatalogueNode(
            store: try SQLiteChangeStore.inMemory(), acceptance: node.acceptance, mode: .mirror, name: "mirror")
        let all = try await node.store.changes(
            missingFrom: VersionVector(), maximumCount: 10_000, maximumBytes: 1 << 26)
        _ = try await mirror.receive(all.changes)
        let board = PeerStatusBoard(peers: [
            Peer(name: "elsewhere", url: "https://other.example", authorID: NodeKey().authorID),
            Peer(name: "wien", url: "https://wien.example/", authorID: key.authorID),
        ])
        try await buildApplication(node: mirror, peerStatus: board).test(.router) { client in
            let page = try await client.execute(uri: "/product/\(product.id)?lang=hu", method: .get) {
                String(buffer: $0.body)
            }
            #expect(page.contains("href=\"https://wien.example/inquiry?about=product/\(product.id)&amp;lang=hu\""))
            let nothing = try await client.execute(uri: "/search?q=zzzqqqxxx", method: .get) { String(buffer: $0.body) }
            #expect(!nothing.contains("/inquiry"), "a mirror offers no form of its own")
        }
    }

    @Test func operatorsSignInAndNothingTheAskerWroteBecomesMarkup() async throws {
        let node = try await SampleNode.make(key: NodeKey(), region: "AT13", name: "Wien")
        let desk = try InquiryTests.desk(for: node)
        var draft = try JSONDecoder().decode(InquiryDraft.self, from: Data(InquiryTests.validJSON.utf8))
        draft.need = "Holzspielzeug <img src=x onerror=alert(1)> für Kindergärten"
        draft.organisation = "<b>Evil</b> \"Corp\""
        let inquiry = try #require(try await desk.submit(draft, channel: .api, consentStatement: "ok", client: "x"))
        try await buildApplication(node: node, editors: InquiryTests.editors, inquiries: desk).test(.router) { client in
            try await client.execute(uri: "/operator/inquiries", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Basic") == true)
            }
            let wrong = "Basic " + Data("anna:wrong".utf8).base64EncodedString()
            try await client.execute(uri: "/operator/inquiries", method: .get, headers: [.authorization: wrong]) {
                #expect($0.status == .unauthorized)
            }
            let list = try await client.execute(
                uri: "/operator/inquiries?lang=en", method: .get, headers: [.authorization: Self.basic]
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "no-store")
                return String(buffer: response.body)
            }
            #expect(list.contains("/operator/inquiries/\(inquiry.id)"))
            #expect(!list.contains("<th scope=\"col\"></th>"), "every column has its header")
            #expect(list.contains("<th scope=\"col\">What do you need?</th>"))
            #expect(!list.contains("<img src=x") && !list.contains("<b>Evil"))
            #expect(list.contains("&lt;b&gt;Evil&lt;/b&gt;"))

            let detail = try await client.execute(
                uri: "/operator/inquiries/\(inquiry.id)?lang=de", method: .get, headers: [.authorization: Self.basic]
            ) { String(buffer: $0.body) }
            #expect(!detail.contains("<img src=x"))
            #expect(detail.contains("Passende Unternehmen"))
            #expect(detail.contains("Sitz in Wien (AT13)"), "reasons in the page's language")

            // A form posted from another site is refused; from this one, it changes the state.
            let change = ByteBuffer(string: Self.encode([("state", "in-contact"), ("note", "<i>called</i>")]))
            var foreign = Self.form
            foreign[.authorization] = Self.basic
            foreign[.origin] = "https://evil.example"
            try await client.execute(
                uri: "/operator/inquiries/\(inquiry.id)/status", method: .post, headers: foreign, body: change
            ) { #expect($0.status == .forbidden) }
            #expect(try await desk.inquiry(inquiry.id).state == .new)
            var own = Self.form
            own[.authorization] = Self.basic
            own[.origin] = "http://localhost"
            let after = try await client.execute(
                uri: "/operator/inquiries/\(inquiry.id)/status?lang=en", method: .post, headers: own, body: change
            ) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
            #expect(try await desk.inquiry(inquiry.id).state == .inContact)
            #expect(after.contains("&lt;i&gt;called&lt;/i&gt;") && !after.contains("<i>called"))

            // Realised: the page offers the draft of a cooperation entry, for signed-in operators.
            _ = try await desk.record(inquiry.id, state: .realised, note: nil, operatorName: "anna@wien")
            let realised = try await client.execute(
                uri: "/operator/inquiries/\(inquiry.id)?lang=en", method: .get, headers: [.authorization: Self.basic]
            ) { String(buffer: $0.body) }
            #expect(realised.contains("/operator/inquiries/\(inquiry.id)/cooperation-draft"))
            let draftURI = "/operator/inquiries/\(inquiry.id)/cooperation-draft"
            try await client.execute(uri: draftURI, method: .get) { #expect($0.status == .unauthorized) }
            let draft = try await client.execute(uri: draftURI, method: .get, headers: [.authorization: Self.basic]) {
                response in
                #expect(response.headers[.contentDisposition]?.hasPrefix("attachment") == true)
                return String(buffer: response.body)
            }
            #expect(try EntryFileDecoder().decode(draft, name: "draft.yaml").entries.first?.entry.kind == .cooperation)
            try await client.execute(
                uri: "/operator/inquiries/00000000-0000-0000-0000-000000000000/cooperation-draft", method: .get,
                headers: [.authorization: Self.basic]
            ) { #expect($0.status == .notFound) }
        }
    }

    @Test func everyInterfaceStringHasAllThreeLanguages() {
        for (key, texts) in InterfaceText.table {
            for language in InterfaceText.languages {
                #expect(texts[language]?.isEmpty == false, "\(key) in \(language.rawValue)")
            }
        }
    }
}
