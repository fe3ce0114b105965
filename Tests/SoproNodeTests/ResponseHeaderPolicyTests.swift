import DirectoryModel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SyncProtocol
import Testing

@testable import NodeServer
@testable import SoproNode

/// Headers every answer carries (issue 14: API answers had no `nosniff`, the operators' API no
/// `no-store`): errors included, and paths no route takes.
@Suite struct ResponseHeaderPolicyTests {
    struct Case {
        var uri: String
        var method: HTTPRequest.Method = .get
        var headers: HTTPFields = [:]
        var body: String?
        var isPrivate: Bool
    }

    @Test func everyAnswerIsNosniffAndTheOperatorsAnswersAreNotStored() async throws {
        let node = try await SampleNode.make(key: NodeKey(), region: "AT13", name: "Wien")
        let desk = try InquiryTests.desk(for: node)
        let bearer: HTTPFields = [.authorization: "Bearer \(InquiryTests.token)"]
        let json: HTTPFields = [.contentType: "application/json"]
        let unknown = "00000000-0000-0000-0000-000000000000"
        let cases: [Case] = [
            Case(uri: "/v1/node", isPrivate: false),
            Case(uri: "/v1/entries?limit=1", isPrivate: false),
            Case(uri: "/v1/entries?limit=0", isPrivate: false),
            Case(uri: "/v1/nothing-here", isPrivate: false),
            Case(uri: "/openapi.json", isPrivate: false),
            Case(uri: "/healthz", isPrivate: false),
            Case(uri: "/metrics", isPrivate: false),
            Case(uri: "/v1/sync/heads", isPrivate: false),
            Case(uri: "/v1/inquiries", headers: bearer, isPrivate: true),
            Case(uri: "/v1/inquiries", isPrivate: true),
            Case(uri: "/v1/inquiries/\(unknown)", headers: bearer, isPrivate: true),
            Case(uri: "/v1/inquiries/\(unknown)/nothing", headers: bearer, isPrivate: true),
            Case(uri: "/v1/inquiries", method: .post, headers: json, body: InquiryTests.validJSON, isPrivate: true),
            Case(
                uri: "/v1/personal-data/export", method: .post, headers: bearer.merging(json),
                body: #"{"email": "anna.berger@example.org"}"#, isPrivate: true),
            Case(uri: "/v1/personal-data/erase", method: .post, headers: json, body: "{}", isPrivate: true),
            Case(uri: "/operator/inquiries", headers: [.authorization: WebInquiryTests.basic], isPrivate: true),
            Case(uri: "/operator/inquiries", isPrivate: true),
        ]
        try await buildApplication(node: node, editors: InquiryTests.editors, inquiries: desk).test(.router) { client in
            for test in cases {
                try await client.execute(
                    uri: test.uri, method: test.method, headers: test.headers,
                    body: test.body.map { ByteBuffer(string: $0) }
                ) { response in
                    let name = "\(test.method) \(test.uri) (\(response.status.code))"
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(name)")
                    if test.isPrivate {
                        #expect(response.headers[.cacheControl] == "no-store", "\(name)")
                    } else {
                        #expect(response.headers[.cacheControl] != "no-store", "\(name)")
                    }
                }
            }
        }
    }

    @Test func privatePaths() {
        typealias Policy = ResponseHeaderPolicy<BasicRequestContext>
        #expect(Policy.isPrivate("/v1/inquiries"))
        #expect(Policy.isPrivate("/v1/inquiries/abc/status"))
        #expect(Policy.isPrivate("/v1/personal-data/erase"))
        #expect(Policy.isPrivate("/operator/inquiries/abc"))
        #expect(!Policy.isPrivate("/v1/inquiriesx"))
        #expect(!Policy.isPrivate("/v1/entries"))
        #expect(!Policy.isPrivate("/operators"))
    }
}

extension HTTPFields {
    /// These fields and `other`'s.
    func merging(_ other: HTTPFields) -> HTTPFields {
        var merged = self
        merged.append(contentsOf: other)
        return merged
    }
}
