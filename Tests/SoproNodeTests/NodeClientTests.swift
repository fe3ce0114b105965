import CatalogueStore
import DirectoryModel
import EntryDocuments
import Foundation
import Hummingbird
import HummingbirdTesting
import NodeAPI
import NodeClient
import NodeServer
import SoproNode
import SyncProtocol
import Synchronization
import Testing

/// The typed client the command line uses, against a live node on 127.0.0.1: each document
/// decodes as the server writes it, and each failure is the `NodeClientError` it should be.
@Suite(.tags(.live)) struct NodeClientTests {
    let key = NodeKey()
    let made = NodeConfiguration.makeEditor(named: "maria")

    func makeNode(needsOwnHead: Bool = false) async throws -> CatalogueNode {
        try await CatalogueNode(
            store: try SQLiteChangeStore.inMemory(),
            acceptance: ChangeAcceptance(
                roster: AuthorRoster([TrustedAuthor(id: key.authorID, region: "AT12", name: "NÖ")]),
                schema: CatalogueSchema.fieldSchema),
            mode: .regional(key: key, region: "AT12"), name: "NÖ", needsOwnHeadFromPeers: needsOwnHead)
    }

    func serve(_ node: CatalogueNode, _ body: @escaping @Sendable (NodeClient) async throws -> Void) async throws {
        var configuration = NodeConfiguration(name: "NÖ", region: "AT12", mode: .node)
        configuration.editors = [made.editor]
        let app = buildApplication(node: node, port: 0, editors: EditorAuthenticator(configuration: configuration))
        try await app.test(.live) { client in
            try await body(NodeClient(url: "http://127.0.0.1:\(try #require(client.port))"))
        }
    }

    var documents: [DocumentValue] {
        get throws {
            try EntryFileDecoder().decode(contentsOf: examplesDirectory.appendingPathComponent("entries.yaml")).entries
                .map(\.entry.document)
        }
    }

    @Test func publishesAndReadsBackThroughTheTypedDocuments() async throws {
        let node = try await makeNode()
        let documents = try self.documents
        let token = made.token
        try await serve(node) { client in
            let answer = try await client.publish(documents, token: token)
            #expect(answer.entries.map(\.outcome) == ["created", "created", "created"])
            #expect(answer.changes.count == 1)
            let again = try await client.publish(documents, token: token)
            #expect(again.entries.map(\.outcome) == ["unchanged", "unchanged", "unchanged"])
            #expect(again.changes.isEmpty)

            let info = try await client.node()
            #expect(info.author == key.authorID)
            #expect(info.heads[key.authorID.rawValue]?.seq == 1)

            let page = try await client.entries([("kind", "enterprise")])
            let enterprise = try #require(page.items.first)
            let detail = try #require(try await client.entry(kind: enterprise.kind, id: enterprise.id))
            #expect(detail.id == enterprise.id && !detail.retracted && detail.problems.isEmpty)
            #expect(detail.fields.values.compactMap(\.current).allSatisfy { $0.region == "AT12" })
            #expect(try await client.entry(kind: "enterprise", id: "00000000-0000-4000-8000-000000000000") == nil)

            let retracted = try await client.retract([.init(kind: enterprise.kind, id: enterprise.id)], token: token)
            #expect(retracted.entries.map(\.outcome) == ["retracted"])
            #expect(try await client.entry(kind: enterprise.kind, id: enterprise.id)?.retracted == true)
        }
    }

    @Test func aRefusalIsTheNodesProblemAsSent() async throws {
        let node = try await makeNode()
        let documents = try self.documents
        try await serve(node) { client in
            do {
                _ = try await client.publish(documents, token: "wrong")
                Issue.record("published with a wrong token")
            } catch let error as NodeClientError {
                #expect(error.status == 401)
                #expect(error.problem?.code == "unauthorized")
                #expect(error.problem?.status == 401)
                #expect(
                    "\(error)".contains("the node answered 401: the editor token is not one of this node's editors"))
            }
            var invalid = documents
            invalid[0] = .object(["kind": .string("enterprise")])
            do {
                _ = try await client.publish(invalid, token: made.token)
                Issue.record("published an invalid entry")
            } catch let error as NodeClientError {
                #expect(error.status == 422)
                #expect(error.problem?.code == "invalid-entries")
                #expect(error.problem?.issues?.contains { $0.hasPrefix("entries[0]") } == true)
            }
        }
    }

    @Test func aNodeNotReadyIsAskedAgainWithinPatience() async throws {
        let node = try await makeNode(needsOwnHead: true)
        let documents = try self.documents
        let token = made.token
        try await serve(node) { client in
            var impatient = client
            impatient.patience = .zero
            do {
                _ = try await impatient.publish(documents, token: token)
                Issue.record("signed before its own head was confirmed")
            } catch let error as NodeClientError {
                #expect(error.status == 503)
                #expect(error.problem?.code == "own-head-unconfirmed")
            }
            let waits = Mutex<[Duration]>([])
            var patient = client
            patient.patience = .seconds(10)
            patient.onWait = { _, pause in waits.withLock { $0.append(pause) } }
            let confirming = Task {
                try await Task.sleep(for: .milliseconds(500))
                await node.confirmOwnHead(by: "test")
            }
            let answer = try await patient.publish(documents, token: token)
            try await confirming.value
            #expect(answer.entries.count == 3)
            #expect(waits.withLock { !$0.isEmpty })
        }
    }

    @Test func aNodeThatIsNotThereIsUnreachable() async throws {
        // Port 9 (discard) is closed on the test machines' loopback: the connection is refused.
        let client = NodeClient(url: "http://127.0.0.1:9")
        do {
            _ = try await client.node()
            Issue.record("reached a node on port 9")
        } catch let error as NodeClientError {
            guard case .unreachable(let detail) = error.kind else {
                Issue.record("expected unreachable, got \(error)")
                return
            }
            #expect(detail.contains("connection refused"))
        }
    }
}
