import DirectoryModel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SyncProtocol
import Testing

@testable import NodeServer
@testable import SoproNode

/// The embeddable list: a page of its own that only `/embed` lets other sites frame, with the
/// configured ancestors, links that open the catalogue in a new window, and the same search
/// here one link away; an ancestor that could end the policy is refused in the configuration.
@Suite struct WebEmbedTests {
    @Test func onlyTheEmbeddableListMayBeFramed() async throws {
        let node = try await SampleNode.make(key: NodeKey())
        for ancestors in [["*"], ["https://www.partner.example", "'self'"]] {
            try await buildApplication(node: node, embedAncestors: ancestors).test(.router) { client in
                try await client.execute(uri: "/embed?region=AT13&kind=enterprise&lang=de&limit=3", method: .get) {
                    response in
                    #expect(response.status == .ok)
                    let policy = response.headers[.contentSecurityPolicy] ?? ""
                    #expect(policy.hasSuffix("frame-ancestors \(ancestors.joined(separator: " "))"), "\(policy)")
                    #expect(policy.contains("default-src 'none'") && !policy.contains("script-src"))
                    let page = String(buffer: response.body)
                    #expect(page.contains("<base target=\"_blank\">"))
                    #expect(page.components(separatedBy: "<li class=\"card").count - 1 == 3)
                    #expect(page.contains("href=\"/search?kind=enterprise&amp;region=AT13&amp;lang=de\""))
                    #expect(!page.contains("<nav"))
                }
                for uri in ["/search?lang=de", "/", "/enterprise/9727bf44-a416-5a0f-bb47-5aa14fed88c6"] {
                    try await client.execute(uri: uri, method: .get) { response in
                        #expect(response.headers[.contentSecurityPolicy]?.hasSuffix("frame-ancestors 'none'") == true)
                    }
                }
            }
        }
    }

    @Test(arguments: [
        "https://a.example; script-src *", "https://a.example 'unsafe-inline'", "javascript:alert(1)",
        "https://", "data:", "'none' https://a.example",
    ])
    func refusesAncestorsThatCouldEndThePolicy(_ source: String) throws {
        var configuration = NodeConfiguration(name: "Mirror", region: nil, mode: .mirror)
        configuration.embedAncestors = [source]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = #expect(throws: ConfigurationError.self) { try configuration.write(to: directory) }
        #expect(error?.description.contains("embedAncestors[0]") == true, "\(String(describing: error))")
    }

    @Test func ancestorsRoundTripThroughTheFile() throws {
        var configuration = NodeConfiguration(name: "Mirror", region: nil, mode: .mirror)
        configuration.embedAncestors = ["https://www.partner.example", "https://*.gemeinde.example:8443", "'self'"]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try configuration.write(to: directory)
        #expect(try NodeConfiguration.read(from: directory).embedAncestors == configuration.embedAncestors)
    }
}
