import CatalogueStore
import DirectoryModel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PropertyBased
import SyncProtocol
import Synchronization
import Testing

@testable import Brokerage
@testable import EntryDocuments
@testable import NodeAPI
@testable import NodeServer
@testable import SoproNode

/// Escaping at the level browsers and XML parsers read — Unicode scalars — with generated text
/// that joins `<`, `>`, `"`, `'` and `&` to combining marks, U+0D4E, joiners and emoji, so the
/// markup characters are parts of larger grapheme clusters (issue 14: swift-mustache's own
/// escaper compares whole `Character`s and let such a `<` through).
@Suite struct WebEscapingPropertyTests {
    /// What a generated text is made of; no white space, so that no page splits or trims it
    /// (the search page suggests "fewer words" from the first one).
    static let pieces: [String] = [
        "<", ">", "\"", "'", "&", "<", "\"", "=", "/", "a", "ü", "ő", "Z", "1", ";", "#",
        "\u{0D4E}", "\u{0301}", "\u{0300}", "\u{036F}", "\u{0327}", "\u{200D}", "\u{200C}", "\u{FE0F}",
        "👩", "🏽", "❤️", "👩‍💻", "🇦🇹", "&lt;", "&#60;", "\u{0D4E}<", ">\u{0301}", "\"\u{0301}", "<\u{200D}",
    ]

    /// A text of 1–10 pieces, with at least one scalar `<` or `"` joined to something.
    static let hostile = Generator<String, Shrink.None<String>> { rng in
        let count = Int.random(in: 1...10, using: &rng)
        var text = (0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &rng)] }.joined()
        let joined = ["\u{0D4E}<", "<\u{0301}", "\"\u{0301}", "\u{0D4E}\"", ">\u{0301}", "'\u{0301}"]
        text.insert(
            contentsOf: joined[Int.random(in: 0..<joined.count, using: &rng)],
            at: text.index(text.startIndex, offsetBy: Int.random(in: 0...text.count, using: &rng)))
        return text
    }

    /// Markers around the generated text, to find where a page put it.
    static let open: Unicode.Scalar = "\u{27E6}"
    static let close: Unicode.Scalar = "\u{27E7}"
    static func marked(_ text: String) -> String { "\u{27E6}" + text + "\u{27E7}" }

    /// Every character reference the escaping may write.
    static let references = ["&lt;", "&gt;", "&amp;", "&quot;", "&#39;"]

    /// The problems with `output` at the scalar level: every marked value in it (and at least
    /// `minimum` of them) holds no `<`, `>`, `"` or `'`, and every `&` in it starts a reference.
    static func problems(in output: String, minimum: Int = 1) -> [String] {
        let scalars = Array(output.unicodeScalars)
        var problems: [String] = []
        var found = 0
        var index = 0
        while index < scalars.count {
            guard scalars[index] == open else {
                index += 1
                continue
            }
            guard let end = scalars[index...].firstIndex(of: close) else {
                problems.append("a marked value is not closed")
                break
            }
            found += 1
            let value = scalars[(index + 1)..<end]
            for (offset, scalar) in zip(value.indices, value) {
                if scalar == "<" || scalar == ">" || scalar == "\"" || scalar == "'" {
                    problems.append("a raw \(scalar) in \(String(String.UnicodeScalarView(value)).debugDescription)")
                } else if scalar == "&" {
                    let rest = String(String.UnicodeScalarView(scalars[offset..<min(offset + 6, end)]))
                    if !references.contains(where: { rest.unicodeScalars.starts(with: $0.unicodeScalars) }) {
                        problems.append("a bare & in \(String(String.UnicodeScalarView(value)).debugDescription)")
                    }
                }
            }
            index = end + 1
        }
        if found < minimum { problems.append("\(found) marked values, expected at least \(minimum)") }
        return problems
    }

    /// The escaping the tests expect, written independently of the node's: one scalar at a time.
    static func expectedEscape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func get(
        _ client: some TestClientProtocol, _ uri: String, headers: HTTPFields = [:]
    ) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(uri: uri, method: .get, headers: headers) { ($0.status, String(buffer: $0.body)) }
    }

    static func query(_ text: String) -> String { URLQuery.encode([("v", text)]).dropFirst(2).description }

    @Test func theIssuesReproductionRendersNoMetaElement() async throws {
        let node = try await SampleNode.make(key: NodeKey(), region: "AT13", name: "Wien")
        try await buildApplication(node: node).test(.router) { client in
            let (status, page) = try await Self.get(
                client,
                "/search?q=%E0%B5%8E%3Cmeta%20http-equiv%3Drefresh%20content%3D0%3Burl%3Dhttp%3A%2F%2F127.0.0.1%3A9%2F%20%E0%B5%8E%3E"
            )
            #expect(status == .ok)
            // In the bytes (the scalars), not the characters: U+0D4E joins the `<` to itself.
            #expect(!Self.bytes(page, contain: "<meta http-equiv"))
            #expect(Self.bytes(page, contain: "&lt;meta http-equiv=refresh"))
        }
    }

    @Test func aTemplateEscapesEveryScalar() async throws {
        let renderer = try PageRenderer.shipped.get()
        await propertyCheck(count: 500, input: Self.hostile) { text in
            let output = try renderer.render("name", ["text": text, "lang": "de"])
            let expected = "<span lang=\"de\">" + Self.expectedEscape(text) + "</span>\n"
            // Bytes, not `==`: Swift's string equality is canonical equivalence of characters.
            #expect(Array(output.utf8) == Array(expected.utf8), "\(text.debugDescription)")
        }
    }

    @Test func searchReflectionFacetsAndTheFormEscapeGeneratedText() async throws {
        let node = try await SampleNode.make(key: NodeKey(), region: "AT13", name: "Wien")
        let desk = try InquiryTests.desk(
            for: node, limiter: SubmissionRateLimiter(maximum: 1_000_000, windowMilliseconds: 600_000))
        try await buildApplication(node: node, inquiries: desk).test(.router) { client in
            await propertyCheck(count: 60, input: Self.hostile) { text in
                let value = Self.query(Self.marked(text))
                for uri in [
                    "/search?q=\(value)", "/search?q=\(value)&region=\(value)&category=\(value)",
                    "/search?targetGroup=\(value)&kind=enterprise", "/search?q=\(value)&cursor=\(value)",
                ] {
                    // Every search is answered (never a 500), and every page escapes the text.
                    let (status, page) = try await Self.get(client, uri)
                    #expect(status.code < 500, "\(uri) → \(status)")
                    #expect(Self.problems(in: page, minimum: status == .ok ? 1 : 0) == [], "\(uri)")
                }
                // The form again, with what was typed, because consent is missing.
                let form = URLQuery.encode([
                    ("need", "Bedarf " + Self.marked(text) + " Stück"), ("quantity", Self.marked(text)),
                    ("organisation", Self.marked(text)), ("contactName", Self.marked(text)),
                    ("email", Self.marked(text)), ("phone", Self.marked(text)), ("deliveryRegion", "AT13"),
                    ("organisationType", "company"), ("language", "de"),
                ])
                let page = try await client.execute(
                    uri: "/inquiry?lang=de", method: .post, headers: WebInquiryTests.form,
                    body: ByteBuffer(string: form)
                ) { String(buffer: $0.body) }
                #expect(Self.problems(in: page, minimum: 6) == [], "the inquiry form")
            }
        }
    }

    @Test func operatorPagesEscapeWhatAskersWrite() async throws {
        let node = try await SampleNode.make(key: NodeKey(), region: "AT13", name: "Wien")
        let desk = try InquiryTests.desk(
            for: node, limiter: SubmissionRateLimiter(maximum: 1_000_000, windowMilliseconds: 600_000))
        let signedIn: HTTPFields = [.authorization: WebInquiryTests.basic]
        try await buildApplication(node: node, editors: InquiryTests.editors, inquiries: desk).test(.router) {
            client in
            await propertyCheck(count: 40, input: Self.hostile) { text in
                var draft = try JSONDecoder().decode(InquiryDraft.self, from: Data(InquiryTests.validJSON.utf8))
                // The matcher searches the full-text index for the need's words, quotes and marks
                // included (its terms are filtered per scalar, as search is).
                draft.need = Self.marked(text) + " Stück Bedarf"
                draft.organisation = Self.marked(text)
                draft.contactName = Self.marked(text)
                draft.quantity = Self.marked(text)
                let inquiry = try #require(
                    try await desk.submit(draft, channel: .api, consentStatement: "ok", client: "x"))
                _ = try await desk.record(
                    inquiry.id, state: .inContact, note: Self.marked(text), operatorName: "anna@wien")
                let (status, detail) = try await Self.get(
                    client, "/operator/inquiries/\(inquiry.id)?lang=en", headers: signedIn)
                #expect(status == .ok)
                #expect(Self.problems(in: detail, minimum: 4) == [], "the inquiry's page")
                let (_, list) = try await Self.get(client, "/operator/inquiries?lang=en", headers: signedIn)
                #expect(Self.problems(in: list) == [], "the list")
            }
        }
    }

    @Test func entryPagesFeedsAndJSONLDEscapeStoredNames() async throws {
        let node = try await SampleNode.make(key: NodeKey(), region: "AT13", name: "Wien")
        let counter = Mutex(0)
        try await buildApplication(node: node).test(.router) { client in
            await propertyCheck(count: 40, input: Self.hostile) { text in
                let number = counter.withLock { value -> Int in
                    value += 1
                    return value
                }
                let id = String(format: "0192f3a4-5b6c-7d8e-9f01-%012d", number)
                let marked = Self.marked(text)
                let file = try EntryFileDecoder().decode(
                    """
                    kind: enterprise
                    id: \(id)
                    name: {de: \(marked.yamlQuoted)}
                    region: AT13
                    socialModel: work-integration
                    legalForm: \(marked.yamlQuoted)
                    description: {de: \(("Beschreibung " + marked).yamlQuoted)}
                    certifications: [\(marked.yamlQuoted)]
                    contact: {website: "https://example.org/"}
                    """, name: "generated.yaml")
                #expect(file.issues.isEmpty, "\(file.issues)")
                _ = try await node.publish(file.entries, editor: "anna@wien")

                let (status, page) = try await Self.get(client, "/enterprise/\(id)?lang=de")
                #expect(status == .ok)
                #expect(Self.problems(in: Self.withoutJSONLD(page), minimum: 4) == [], "the entry page")
                // The JSON-LD: no `<`, `>` or `&` scalar at all, and the name reads back.
                let jsonLD = try #require(
                    page.components(separatedBy: "application/ld+json\">").last?.components(separatedBy: "</script>")
                        .first)
                #expect(!jsonLD.unicodeScalars.contains { $0 == "<" || $0 == ">" || $0 == "&" }, "\(jsonLD)")
                let document = try JSONSerialization.jsonObject(with: Data(jsonLD.utf8)) as? [String: Any]
                let graph = document?["@graph"] as? [[String: Any]] ?? [document ?? [:]]
                let names = graph.flatMap { $0["name"] as? [[String: String]] ?? [] }.compactMap { $0["@value"] }
                #expect(names.contains { Array($0.utf8) == Array(marked.utf8) }, "the JSON-LD's name is the stored one")

                let (_, results) = try await Self.get(client, "/search?region=AT13&lang=de")
                #expect(Self.problems(in: results, minimum: 0) == [], "cards")

                let (_, feed) = try await Self.get(client, "/feed/AT13.atom?lang=de")
                #expect(Self.problems(in: feed) == [], "the feed")
                let parsed = try #require(ParsedXML(feed), "the feed stays well-formed")
                #expect(parsed.named("title").contains { Array($0.text.utf8) == Array(marked.utf8) })
                let (_, sitemap) = try await Self.get(client, "/sitemap.xml")
                #expect(ParsedXML(sitemap) != nil)
                #expect(Self.problems(in: sitemap, minimum: 0) == [])
            }
        }
    }

    @Test func onlyTheJSONLDIsRenderedUnescaped() throws {
        // `{{{…}}}` and `{{&…}}` bypass the escaping; the JSON-LD is the one value that may,
        // because `jsonLD(_:)` writes `<`, `>` and `&` as JSON escapes itself.
        let directory = examplesDirectory.deletingLastPathComponent()
            .appendingPathComponent("Sources/NodeServer/Resources/templates")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasSuffix(".mustache")
        }
        #expect(files.count > 10)
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            let unescaped = text.components(separatedBy: "{{{").dropFirst().map { $0.prefix { $0 != "}" } }
            #expect(unescaped.allSatisfy { $0 == "jsonLD" }, "\(file): \(unescaped)")
            #expect(!text.contains("{{&"), "\(file)")
            #expect(!text.contains("{{%"), "\(file): the content type is PageRenderer's to set")
        }
    }

    /// Whether `bytes` holds `part` somewhere.
    static func bytes(_ text: String, contain part: String) -> Bool {
        let bytes = Array(text.utf8)
        let part = Array(part.utf8)
        guard !part.isEmpty, bytes.count >= part.count else { return part.isEmpty }
        return (0...(bytes.count - part.count)).contains { bytes[$0..<($0 + part.count)].elementsEqual(part) }
    }

    /// The page without its JSON-LD block (JSON's own quotes and escapes are checked apart).
    static func withoutJSONLD(_ page: String) -> String {
        guard let start = page.range(of: "<script type=\"application/ld+json\">"),
            let end = page.range(of: "</script>", range: start.upperBound..<page.endIndex)
        else { return page }
        return String(page[..<start.lowerBound]) + String(page[end.upperBound...])
    }
}
