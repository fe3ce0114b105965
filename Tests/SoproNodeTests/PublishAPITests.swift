import CatalogueStore
import DirectoryModel
import EntryDocuments
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import NodeServer
import SoproNode
import SyncProtocol
import Testing

@Suite struct PublishAPITests {
    let key = NodeKey()
    let made = NodeConfiguration.makeEditor(named: "maria")
    var token: String { made.token }
    var editor: NodeConfiguration.Editor { made.editor }

    func makeApp(mirror: Bool = false) async throws -> (CatalogueNode, some ApplicationProtocol) {
        var configuration = NodeConfiguration(name: "NÖ", region: "AT12", mode: mirror ? .mirror : .node)
        configuration.editors = [editor]
        let node = try await CatalogueNode(
            store: try SQLiteChangeStore.inMemory(),
            acceptance: ChangeAcceptance(
                roster: AuthorRoster([TrustedAuthor(id: key.authorID, region: "AT12", name: "NÖ")]),
                schema: CatalogueSchema.fieldSchema),
            mode: mirror ? .mirror : .regional(key: key, region: "AT12"), name: "NÖ")
        return (node, buildApplication(node: node, editors: EditorAuthenticator(configuration: configuration)))
    }

    func body(_ documents: [DocumentValue]) throws -> ByteBuffer {
        struct Body: Encodable { var entries: [DocumentValue] }
        return ByteBuffer(data: try JSONEncoder().encode(Body(entries: documents)))
    }

    func json(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
    }

    var documents: [DocumentValue] {
        get throws {
            try decoder.decode(contentsOf: examplesDirectory.appendingPathComponent("entries.yaml")).entries.map {
                $0.entry.document
            }
        }
    }

    @Test func publishesWithAnEditorTokenOnly() async throws {
        let (node, app) = try await makeApp()
        let documents = try self.documents
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/publish", method: .post, body: try body(documents)) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(
                uri: "/v1/publish", method: .post, headers: [.authorization: "Bearer wrong"], body: try body(documents)
            ) { #expect($0.status == .unauthorized) }
            try await client.execute(
                uri: "/v1/publish", method: .post, headers: [.authorization: "Bearer \(token)"],
                body: try body(documents)
            ) { response in
                #expect(response.status == .ok)
                let entries = try json(response)["entries"] as? [[String: Any]]
                #expect(entries?.compactMap { $0["outcome"] as? String } == ["created", "created", "created"])
            }
            try await client.execute(
                uri: "/v1/publish", method: .post, headers: [.authorization: "Bearer \(token)"],
                body: try body(documents)
            ) { response in
                let result = try json(response)
                #expect(
                    (result["entries"] as? [[String: Any]])?.allSatisfy { $0["outcome"] as? String == "unchanged" }
                        == true)
                #expect((result["changes"] as? [Any])?.isEmpty == true)
            }
        }
        let editorName = try await node.store.entry(kind: "enterprise", id: "3664d6c4-7277-4bf1-8088-6e144507ea6d")?
            .register("name.de")?.winner?.editor
        #expect(editorName == "maria")
    }

    @Test func refusesInvalidEntriesListingEveryProblem() async throws {
        let (node, app) = try await makeApp()
        let documents = try self.documents + [.object(["kind": .string("product"), "id": .string("x")])]
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/v1/publish", method: .post, headers: [.authorization: "Bearer \(token)"],
                body: try body(documents)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let issues = try json(response)["issues"] as? [String] ?? []
                #expect(issues.contains { $0.hasPrefix("entries[3].id:") })
                #expect(issues.contains { $0.hasPrefix("entries[3].type:") })
            }
        }
        #expect(try await node.store.versionVector() == VersionVector(), "nothing was published")
    }

    @Test func retractsEntriesSoTheyLeaveTheCatalogue() async throws {
        let (node, app) = try await makeApp()
        let documents = try self.documents
        try await app.test(.router) { client in
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            try await client.execute(uri: "/v1/publish", method: .post, headers: auth, body: try body(documents)) { _ in
            }
            let target = ByteBuffer(
                string: #"{"entries": [{"kind": "product", "id": "c8e71102-32f0-4ed3-b2fd-b3404ad6ab5e"}]}"#)
            try await client.execute(uri: "/v1/retract", method: .post, headers: auth, body: target) { response in
                #expect(response.status == .ok)
                let entries = try json(response)["entries"] as? [[String: Any]]
                #expect(entries?.first?["outcome"] as? String == "retracted")
            }
            try await client.execute(uri: "/v1/retract", method: .post, headers: auth, body: target) { response in
                let entries = try json(response)["entries"] as? [[String: Any]]
                #expect(entries?.first?["outcome"] as? String == "unchanged")
            }
            try await client.execute(uri: "/v1/entries?kind=product", method: .get) { response in
                let items = try json(response)["items"] as? [Any]
                #expect(items?.isEmpty == true)
            }
            let unknown = ByteBuffer(
                string: #"{"entries": [{"kind": "product", "id": "0192f3a4-5b6c-7d8e-9f01-23456789abcd"}]}"#)
            try await client.execute(uri: "/v1/retract", method: .post, headers: auth, body: unknown) { response in
                #expect(response.status == .notFound)
            }
        }
        #expect(
            try await node.store.entry(kind: "product", id: "c8e71102-32f0-4ed3-b2fd-b3404ad6ab5e")?.isRetracted == true
        )
    }

    @Test func mirrorsRefusePublishing() async throws {
        let (_, app) = try await makeApp(mirror: true)
        let documents = try self.documents
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/v1/publish", method: .post, headers: [.authorization: "Bearer \(token)"],
                body: try body(documents)
            ) { #expect($0.status == .methodNotAllowed) }
        }
    }

    /// A publish is all or nothing: here the second entry's name is one "character" of 70,000
    /// combining marks (over the 64 KiB a string of a change may have). Nothing of the first
    /// entry is stored either, and the answer is a 422 that says why — never a 500.
    @Test func aPublishIsStoredWholeOrNotAtAll() async throws {
        let (node, app) = try await makeApp()
        let heavy = "e" + String(repeating: "\u{301}", count: 70_000)
        let entries = """
            {"entries": [
              {"kind": "enterprise", "id": "0192f3a4-5b6c-7d8e-9f01-23456789abc1", "name": {"de": "Erster Betrieb"},
               "socialModel": "work-integration", "region": "AT12"},
              {"kind": "enterprise", "id": "0192f3a4-5b6c-7d8e-9f01-23456789abc2", "name": {"de": "\(heavy)"},
               "socialModel": "work-integration", "region": "AT12"}]}
            """
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/v1/publish", method: .post, headers: [.authorization: "Bearer \(token)"],
                body: ByteBuffer(string: entries)
            ) { response in
                #expect(response.status == .unprocessableContent, "\(String(buffer: response.body).prefix(300))")
            }
        }
        #expect(try await node.store.heads().isEmpty, "nothing was signed")
        #expect(try await node.store.entry(kind: "enterprise", id: "0192f3a4-5b6c-7d8e-9f01-23456789abc1") == nil)
    }
}
