import CatalogueStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import NodeAPI
import NodeServer
import SyncProtocol
import Testing

/// `GET`/`POST /v1/federation` at the HTTP boundary: what comes from outside is answered with a
/// 400, a 413 or a refusal per document — never a 500, never stored when refused.
@Suite struct FederationAPITests {
    let keys = [NodeKey(), NodeKey(), NodeKey()]
    let recovery = NodeKey()

    func genesis() throws -> SignedRoster {
        try SignedRoster(
            Roster(
                federation: "sopro-api", version: 1, previous: nil, threshold: 2,
                members: zip(["AT11", "AT12", "AT13"], keys).map {
                    RosterMember(
                        region: $0.0, name: $0.0, keys: [$0.1.authorID],
                        recovery: RosterMember.commitment(to: recovery.authorID))
                }, issued: 1_795_737_600_000),
            signedBy: Array(keys.prefix(2)))
    }

    func node(genesis: RosterID?) async throws -> CatalogueNode {
        try await CatalogueNode(
            store: try SQLiteChangeStore.inMemory(),
            acceptance: ChangeAcceptance(roster: AuthorRoster([]), schema: CatalogueSchema.fieldSchema),
            mode: .mirror, name: "Mirror", genesis: genesis)
    }

    static func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    @Test func badBodiesAreProblemsAndJunkIsRefusedNotStored() async throws {
        let genesis = try genesis()
        let node = try await node(genesis: genesis.id)
        try await buildApplication(node: node).test(.router) { client in
            for bad in [
                "", "[]", "{", #"{"versions": 1, "keyEvents": []}"#,
                #"{"versions": [], "keyEvents": [], "versions": []}"#,
                #"{"versions": [{"payload": "not base64!", "signatures": []}], "keyEvents": []}"#,
            ] {
                try await client.execute(uri: "/v1/federation", method: .post, body: Self.body(bad)) { response in
                    #expect(response.status == .badRequest, "\(bad): \(response.status)")
                }
            }
            let many = try JSONEncoder().encode(
                FederationDocumentsMessage(versions: Array(repeating: genesis, count: 129)))
            try await client.execute(uri: "/v1/federation", method: .post, body: ByteBuffer(data: many)) {
                #expect($0.status == .contentTooLarge)
            }
            // Well-formed documents that are not roster versions or key events: refused one by one.
            let junk = FederationDocumentsMessage(
                versions: [SignedRoster(payload: Data(#"{"roster": 1}"#.utf8))],
                keyEvents: [SignedKeyEvent(payload: Data("{}".utf8), signature: Data(repeating: 1, count: 64))])
            try await client.execute(
                uri: "/v1/federation", method: .post, body: ByteBuffer(data: try JSONEncoder().encode(junk))
            ) { response in
                #expect(response.status == .ok)
                let answer = try JSONDecoder().decode(FederationOfferResponse.self, from: Data(buffer: response.body))
                #expect(answer.versions.map(\.code) == ["roster-malformed"])
                #expect(answer.keyEvents.map(\.code) == ["key-event-malformed"])
            }
            // Another genesis than the configured one: refused, not kept.
            let other = try SignedRoster(
                Roster(
                    federation: "elsewhere", version: 1, previous: nil, threshold: 1,
                    members: [
                        RosterMember(
                            region: "AT11", name: "x", keys: [keys[0].authorID],
                            recovery: RosterMember.commitment(to: recovery.authorID))
                    ], issued: 0), signedBy: [keys[0]])
            try await client.execute(
                uri: "/v1/federation", method: .post,
                body: ByteBuffer(data: try JSONEncoder().encode(FederationDocumentsMessage(versions: [other])))
            ) { response in
                let answer = try JSONDecoder().decode(FederationOfferResponse.self, from: Data(buffer: response.body))
                #expect(answer.versions.first?.status == "refused")
            }
            #expect(try await node.store.federationDocuments().versions.isEmpty)
            // The configured genesis: accepted; the answer's tag revalidates to a 304.
            try await client.execute(
                uri: "/v1/federation", method: .post,
                body: ByteBuffer(data: try JSONEncoder().encode(FederationDocumentsMessage(versions: [genesis])))
            ) { response in
                let answer = try JSONDecoder().decode(FederationOfferResponse.self, from: Data(buffer: response.body))
                #expect(answer.versions.first?.status == "accepted" && answer.version == 1)
            }
            var tag = ""
            try await client.execute(uri: "/v1/federation", method: .get) { response in
                #expect(response.status == .ok)
                tag = response.headers[.eTag] ?? ""
                let message = try JSONDecoder().decode(FederationMessage.self, from: Data(buffer: response.body))
                #expect(message.version == 1 && message.members.count == 3 && message.federation == "sopro-api")
            }
            #expect(!tag.isEmpty)
            try await client.execute(uri: "/v1/federation", method: .get, headers: [.ifNoneMatch: tag]) {
                #expect($0.status == .notModified)
            }
            try await client.execute(uri: "/v1/federation", method: .get, headers: [.ifNoneMatch: "\"other\""]) {
                #expect($0.status == .ok)
            }
            // A mirror has no member card.
            try await client.execute(uri: "/v1/federation/card", method: .get) { #expect($0.status == .notFound) }
        }
    }
}
