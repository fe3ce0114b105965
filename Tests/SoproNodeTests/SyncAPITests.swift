import CatalogueStore
import DirectoryModel
import EntryDocuments
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import NodeAPI
import NodeServer
import SoproNode
import SyncProtocol
import Testing

/// The sync API through the router (no socket).
@Suite struct SyncAPITests {
    let key = NodeKey()
    let peer = NodeKey()
    static let now: Int64 = 1_795_737_600_000

    func makeNode(mirror: Bool = false) async throws -> CatalogueNode {
        let roster = AuthorRoster([
            TrustedAuthor(id: key.authorID, region: "AT12", name: "Niederösterreich"),
            TrustedAuthor(id: peer.authorID, region: "HU22", name: "Nyugat-Dunántúl"),
        ])
        return try await CatalogueNode(
            store: try SQLiteChangeStore.inMemory(),
            acceptance: ChangeAcceptance(roster: roster, schema: CatalogueSchema.fieldSchema),
            mode: mirror ? .mirror : .regional(key: key, region: "AT12"), name: mirror ? "Mirror" : "Niederösterreich",
            wallClock: WallClock { Self.now })
    }

    func change(
        by author: NodeKey, seq: UInt64 = 1, previous: ChangeID? = nil, time: Int64 = now, region: String = "HU22"
    )
        throws -> SignedChange
    {
        try ChangeSigner.sign(
            operations: [
                EntryOperation(
                    kind: "enterprise", entry: "0192f3a4-5b6c-7d8e-9f01-23456789abcd",
                    action: .set(field: "region", value: .string(region), supersedes: []))
            ], editor: "bela", seq: seq, previous: previous, hlc: HLCTimestamp(time: time), key: author)
    }

    func body(_ value: some Encodable) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONEncoder().encode(value))
    }

    func json(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
    }

    @Test func answersHealthAndIdentity() async throws {
        let node = try await makeNode()
        try await buildApplication(node: node).test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/node", method: .get) { response in
                #expect(response.status == .ok)
                let info = try JSONDecoder().decode(NodeInfo.self, from: Data(buffer: response.body))
                #expect(info.author == key.authorID)
                #expect(info.region == "AT12")
                #expect(info.mode == "node")
                #expect(info.protocol == 1)
                #expect(info.digest == CatalogueState().digest)
            }
        }
    }

    @Test func acceptsPushesAndServesThemToPullers() async throws {
        let node = try await makeNode()
        let first = try change(by: peer)
        let second = try change(by: peer, seq: 2, previous: first.id, time: Self.now + 1, region: "AT13")
        try await buildApplication(node: node).test(.router) { client in
            try await client.execute(
                uri: "/v1/sync/push", method: .post, body: try body(PushRequest(changes: [second, first]))
            ) {
                response in
                #expect(response.status == .ok)
                let results = try JSONDecoder().decode(PushResponse.self, from: Data(buffer: response.body)).results
                #expect(results.map(\.status) == ["accepted", "accepted"])
            }
            try await client.execute(uri: "/v1/sync/push", method: .post, body: try body(PushRequest(changes: [first])))
            {
                response in
                #expect(response.status == .ok)
                let results = try JSONDecoder().decode(PushResponse.self, from: Data(buffer: response.body)).results
                #expect(results.first?.status == "duplicate")
            }
            try await client.execute(uri: "/v1/sync/heads", method: .get) { response in
                let heads = try JSONDecoder().decode(SyncState.self, from: Data(buffer: response.body))
                #expect(heads.vector[peer.authorID] == 2)
                #expect(heads.heads[peer.authorID]?.id != nil, "heads name the change, not only its seq")
            }
            try await client.execute(
                uri: "/v1/sync/pull", method: .post, body: try body(PullRequest(have: VersionVector(), limit: 1))
            ) {
                response in
                let page = try JSONDecoder().decode(PullResponse.self, from: Data(buffer: response.body))
                #expect(page.changes == [first])
                #expect(!page.complete)
                #expect(page.continuation[peer.authorID] == 1)
            }
            try await client.execute(
                uri: "/v1/sync/pull", method: .post,
                body: try body(PullRequest(have: VersionVector([peer.authorID: 1])))
            ) { response in
                let page = try JSONDecoder().decode(PullResponse.self, from: Data(buffer: response.body))
                #expect(page.changes == [second])
                #expect(page.complete)
            }
        }
        #expect(
            try await node.store.entry(kind: "enterprise", id: "0192f3a4-5b6c-7d8e-9f01-23456789abcd")?.register(
                "region")?.value == "AT13")
    }

    @Test func refusesBadInputWithProblemDetails() async throws {
        let node = try await makeNode()
        let stranger = NodeKey()
        let genuine = try change(by: peer)
        let forged = SignedChange(payload: genuine.payload, signature: try change(by: peer, region: "AT11").signature)
        let first = try change(by: peer)
        let third = try change(by: peer, seq: 3, previous: first.id, time: Self.now + 3)
        let future = try change(by: peer, time: Self.now + 3_600_000)
        try await buildApplication(node: node).test(.router) { client in
            func expectProblem(
                _ body: ByteBuffer, _ status: HTTPResponse.Status, _ type: String,
                sourceLocation: SourceLocation = #_sourceLocation
            ) async throws
                -> [String: Any]
            {
                try await client.execute(uri: "/v1/sync/push", method: .post, body: body) { response in
                    #expect(response.status == status, sourceLocation: sourceLocation)
                    #expect(
                        response.headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
                    let problem = try json(response)
                    #expect(problem["type"] as? String == "urn:sopro:problem:\(type)", sourceLocation: sourceLocation)
                    #expect((problem["detail"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
                    return problem
                }
            }
            let malformed = try await expectProblem(
                ByteBuffer(string: #"{"changes": [}"#), .badRequest, "malformed-request")
            #expect(malformed["detail"] as? String == "the body is not valid JSON: invalid value at line 1, column 14")
            let missing = try await expectProblem(
                ByteBuffer(string: #"{"change": []}"#), .badRequest, "malformed-request")
            #expect(missing["detail"] as? String == "changes: is required")
            let notBase64 = try await expectProblem(
                ByteBuffer(string: #"{"changes": [{"payload": "!!", "signature": ""}]}"#), .badRequest,
                "malformed-request")
            #expect((notBase64["detail"] as? String)?.hasPrefix("changes[0].payload:") == true)
            _ = try await expectProblem(
                try body(PushRequest(changes: [try change(by: stranger)])), .forbidden, "unknown-author")
            _ = try await expectProblem(
                try body(PushRequest(changes: [forged])), .unprocessableContent, "bad-signature")
            let gap = try await expectProblem(try body(PushRequest(changes: [third])), .conflict, "seq-gap")
            #expect(gap["expectedSeq"] as? Int == 1)
            try await client.execute(
                uri: "/v1/sync/push", method: .post, body: try body(PushRequest(changes: [future]))
            ) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "3300")
            }
            _ = try await expectProblem(
                try body(PushRequest(changes: Array(repeating: first, count: 1001))), .contentTooLarge, "too-large")
            _ = try await expectProblem(
                ByteBuffer(repeating: UInt8(ascii: " "), count: 9 * 1_048_576), .contentTooLarge, "too-large")
        }
        #expect(try await node.store.versionVector() == VersionVector(), "nothing refused was stored")
    }

    @Test func mirrorsRefusePushes() async throws {
        let mirror = try await makeNode(mirror: true)
        try await buildApplication(node: mirror).test(.router) { client in
            try await client.execute(
                uri: "/v1/sync/push", method: .post, body: try body(PushRequest(changes: [try change(by: peer)]))
            ) {
                response in
                #expect(response.status == .methodNotAllowed)
                let problem = try json(response)
                #expect(problem["type"] as? String == "urn:sopro:problem:read-only-mirror")
            }
            try await client.execute(uri: "/v1/node", method: .get) { response in
                let info = try json(response)
                #expect(info["mode"] as? String == "mirror")
            }
        }
        await #expect(throws: NodeError.self) { try await mirror.publish([EntryOperation](), editor: "x") }
    }

    @Test func publishesEntriesOnlyWhereTheyChange() async throws {
        let node = try await makeNode()
        let file = try decoder.decode(contentsOf: examplesDirectory.appendingPathComponent("entries.yaml"))
        let first = try await node.publish(file.entries, editor: "maria")
        #expect(first.entries.map(\.outcome) == [.created, .created, .created])
        #expect(first.changes.map(\.seq) == [1])
        let again = try await node.publish(file.entries, editor: "maria")
        #expect(again.entries.map(\.outcome) == [.unchanged, .unchanged, .unchanged])
        #expect(again.changes.isEmpty, "republishing the same files signs nothing")
        #expect(try await node.store.heads()[key.authorID]?.seq == 1)
    }

    @Test func countsChangesAndRequestsForPrometheus() async throws {
        let node = try await makeNode()
        try await buildApplication(node: node).test(.router) { client in
            try await client.execute(
                uri: "/v1/sync/push", method: .post, body: try body(PushRequest(changes: [try change(by: peer)]))
            ) {
                #expect($0.status == .ok)
            }
            try await client.execute(
                uri: "/v1/sync/push", method: .post, body: try body(PushRequest(changes: [try change(by: NodeKey())]))
            ) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains("sopro_changes_applied_total 1"))
                #expect(text.contains(#"sopro_changes_refused_total{reason="unknown-author"} 1"#))
                #expect(text.contains(#"sopro_http_requests_total{method="POST",status="403"} 1"#))
                #expect(text.contains("sopro_http_request_duration_seconds_bucket"))
            }
        }
    }
}
