import Crypto
import DirectoryModel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import SyncProtocol
import Testing

@testable import Brokerage
@testable import CatalogueStore
@testable import EntryDocuments
@testable import NodeServer
@testable import SoproNode

/// The public web pages and API answer byte for byte as recorded, for the demo data published
/// by one node with a fixed key at a fixed time: the guard for restructuring the node without
/// changing what anyone sees.
///
/// The test crawls every internal link from the home pages in three languages (bounded), adds
/// the API, feeds, sitemaps and the detail of every entry, and compares status, content type and
/// the SHA-256 of each body with `Fixtures/response-snapshot.json`. After an intended change of
/// output, `SOPRO_WRITE_SNAPSHOT=1 swift test --filter ResponseSnapshotTests` records it again
/// (review the diff of the fixture); `SOPRO_SNAPSHOT_BODIES=/some/dir` also writes each body
/// there, so two recordings can be compared with `diff -r`.
@Suite struct ResponseSnapshotTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/response-snapshot.json")
    /// 2026-11-02T09:30:00Z.
    static let time: Int64 = 1_793_611_800_000
    static let crawlLimit = 1_500
    /// Facet links multiply; this many search pages are enough to cover their rendering.
    static let searchLimit = 200

    func makeNode() async throws -> (CatalogueNode, InquiryDesk) {
        let key = try NodeKey(seed: Data(repeating: 7, count: 32))
        let roster = AuthorRoster([TrustedAuthor(id: key.authorID, region: "AT12", name: "Niederösterreich")])
        let clock = WallClock { Self.time }
        let store = try SQLiteChangeStore.inMemory()
        let node = try await CatalogueNode(
            store: store, acceptance: ChangeAcceptance(roster: roster, schema: CatalogueSchema.fieldSchema),
            mode: .regional(key: key, region: "AT12"), name: "Niederösterreich", wallClock: clock)
        _ = try await node.publishKeepingPictures(
            try SampleNode.samples("regions"), editor: "maria@at12", intake: SampleNode.pictures)
        let desk = try InquiryDesk(
            store: SQLiteInquiryStore(sharing: store), node: node, peers: [], transport: HTTPReferralTransport(),
            wallClock: clock)
        return (node, desk)
    }

    /// `status content-type sha256 length` of each answer, by request path.
    func record() async throws -> ([String: String], [String: ByteBuffer]) {
        let (node, desk) = try await makeNode()
        return try await buildApplication(node: node, inquiries: desk).test(.router) { client in
            var answers: [String: String] = [:]
            var bodies: [String: ByteBuffer] = [:]
            var queue = [
                "/", "/?lang=hu", "/?lang=en", "/search", "/search?q=druck", "/search?q=nyomda&lang=hu",
                "/federation", "/inquiry", "/inquiry?lang=hu", "/feed.atom", "/sitemap.xml", "/no-such-page",
                "/healthz", "/openapi.json", "/v1/node", "/v1/sync/heads", "/v1/sync/forks", "/v1/sync/pull",
                "/v1/entries", "/v1/entries?limit=500", "/v1/entries?q=druck", "/v1/entries?kind=product&limit=5",
                "/v1/entries?region=AT12&lang=hu", "/v1/entries/enterprise/00000000-0000-4000-8000-000000000000",
            ]
            var seen = Set(queue)
            var searches = 0
            var index = 0
            while index < queue.count, index < Self.crawlLimit {
                let path = queue[index]
                index += 1
                let (line, body) = try await client.execute(uri: path, method: .get) { response in
                    let type = response.headers[.contentType] ?? "-"
                    let digest = SHA256.hash(data: Data(buffer: response.body)).map { String(format: "%02x", $0) }
                    return (
                        "\(response.status.code) \(type) \(digest.joined()) \(response.body.readableBytes)",
                        response.body
                    )
                }
                answers[path] = line
                bodies[path] = body
                let text = String(buffer: body)
                var found = WebCatalogueTests.internalLinks(text.replacingOccurrences(of: "&amp;", with: "&"))
                if path == "/v1/entries" || path.hasPrefix("/v1/entries?") {
                    found += Self.entryPaths(in: body)
                }
                if path.hasSuffix(".xml") || path.hasSuffix(".atom") || path.hasPrefix("/feed/") {
                    found += Self.localLocations(in: text)
                }
                for link in found where !seen.contains(link) && !link.hasPrefix("/operator") {
                    if link.hasPrefix("/search") {
                        guard searches < Self.searchLimit else { continue }
                        searches += 1
                    }
                    seen.insert(link)
                    queue.append(link)
                }
            }
            return (answers, bodies)
        }
    }

    /// The API detail path of every entry a list answer names.
    static func entryPaths(in body: ByteBuffer) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
            let items = object["items"] as? [[String: Any]]
        else { return [] }
        return items.compactMap { item in
            guard let kind = item["kind"] as? String, let id = item["id"] as? String else { return nil }
            return "/v1/entries/\(kind)/\(id)"
        }
    }

    /// Paths of absolute or relative locations in a sitemap or feed that point into this node.
    static func localLocations(in text: String) -> [String] {
        let pattern = /(?:<loc>|href=")(?:http:\/\/[^\/"<]+)?(\/[^"<]*)/
        return text.matches(of: pattern).map { String($0.output.1).replacingOccurrences(of: "&amp;", with: "&") }
            .filter { !$0.hasPrefix("/static/") }
    }

    @Test func publicAnswersAreByteForByteAsRecorded() async throws {
        let (answers, bodies) = try await record()
        #expect(answers.count > 100, "crawled only \(answers.count) answers")
        if let directory = ProcessInfo.processInfo.environment["SOPRO_SNAPSHOT_BODIES"] {
            for (path, body) in bodies {
                let name = path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? path
                try Data(buffer: body).write(to: URL(fileURLWithPath: directory).appendingPathComponent(name))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if ProcessInfo.processInfo.environment["SOPRO_WRITE_SNAPSHOT"] == "1" {
            try encoder.encode(answers).write(to: Self.fixture)
            return
        }
        let recorded = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: Self.fixture))
        let differing = recorded.keys.sorted().filter { answers[$0] != recorded[$0] }
        let added = answers.keys.sorted().filter { recorded[$0] == nil }
        #expect(differing.isEmpty, "answers differ from the recording: \(differing.prefix(10))")
        #expect(added.isEmpty, "paths not in the recording: \(added.prefix(10))")
    }
}
