import CatalogueStore
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import NodeAPI
import NodeServer
import SoproNode
import SyncProtocol
import Synchronization
import Testing

/// Runs `docs/conformance/vectors.json` — the cases any implementation can run without Swift —
/// against the in-memory replica and against a node through its push and fork endpoints (SQLite
/// store, HTTP statuses), so the vectors and the code cannot drift apart.
@Suite struct ConformanceVectorTests {
    final class Now: Sendable {
        let value = Mutex<Int64>(0)
    }

    @Test func everyVectorHoldsForTheReplicaAndTheNode() async throws {
        if ProcessInfo.processInfo.environment["SOPRO_WRITE_VECTORS"] != nil {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(try ConformanceVectors.make()).write(to: ConformanceVectors.fileURL)
        }
        let vectors = try JSONDecoder().decode(
            ConformanceVectors.self, from: try Data(contentsOf: ConformanceVectors.fileURL))
        #expect(vectors.format == "sopro-conformance/1")
        var keys: [String: NodeKey] = [:]
        for key in vectors.keys {
            let made = try NodeKey(seed: try #require(Hex.decode(key.seed)))
            #expect(made.authorID.rawValue == key.author, "key \(key.name): its author id")
            keys[key.name] = made
        }
        #expect(vectors.cases.count >= 40)
        for vector in vectors.cases {
            try await check(vector, keys: keys)
        }
    }

    func check(_ vector: ConformanceVectors.Case, keys: [String: NodeKey]) async throws {
        let roster = AuthorRoster(
            try vector.roster.enumerated().map { index, name in
                TrustedAuthor(id: try #require(keys[name]).authorID, region: "AT1\(index + 1)", name: name)
            })
        let acceptance = ChangeAcceptance(roster: roster, schema: CatalogueSchema.fieldSchema)
        let now = Now()
        let node = try await CatalogueNode(
            store: try SQLiteChangeStore.inMemory(), acceptance: acceptance,
            mode: .regional(key: NodeKey(), region: "AT13"), name: "receiver",
            wallClock: WallClock { now.value.withLock { $0 } })
        let app = buildApplication(node: node)
        try await app.test(.router) { client in
            var replica = Replica(acceptance: acceptance)
            for (index, step) in vector.steps.enumerated() {
                let label = "\(vector.name), step \(index + 1)"
                now.value.withLock { $0 = step.now }
                if let received = step.receive {
                    let changes = try received.map { try #require($0.signed, "\(label): base64") }
                    let expected = try #require(step.results, "\(label)")
                    let results = replica.receive(changes, now: step.now).map(Self.result)
                    #expect(results.map(\.status) == expected.map(\.status), "\(label): replica")
                    #expect(results.map(\.code) == expected.map(\.code), "\(label): replica")
                    let body = try JSONEncoder().encode(PushRequest(changes: changes))
                    try await client.execute(
                        uri: "/v1/sync/push", method: .post, headers: [.contentType: "application/json"],
                        body: ByteBuffer(data: body)
                    ) { response in
                        let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                        let pushed = (json?["results"] as? [[String: Any]] ?? []).map {
                            ConformanceVectors.Result(
                                status: $0["status"] as? String ?? "", code: $0["code"] as? String)
                        }
                        #expect(pushed.map(\.status) == expected.map(\.status), "\(label): push")
                        #expect(pushed.map(\.code) == expected.map(\.code), "\(label): push")
                        let allRefused = expected.allSatisfy { $0.status == "refused" }
                        let status = allRefused ? expected.first?.http ?? 200 : 200
                        #expect(Int(response.status.code) == status, "\(label): HTTP status")
                    }
                }
                if let evidence = step.evidence {
                    let changes = try evidence.map { try #require($0.signed, "\(label): base64") }
                    if let fork = try? ForkEvidence(verifying: changes) { replica.record(fork) }
                    let body = try JSONEncoder().encode(
                        ForksMessage(forks: [try ForksMessage.Fork(ForkEvidence(verifying: changes))]))
                    try await client.execute(
                        uri: "/v1/sync/forks", method: .post, headers: [.contentType: "application/json"],
                        body: ByteBuffer(data: body)
                    ) { response in
                        #expect(response.status == .ok, "\(label): evidence")
                    }
                }
                #expect(replica.digest == step.digest, "\(label): replica digest")
                #expect(try await node.store.digest() == step.digest, "\(label): node digest")
                let forks = try await node.store.forks().map {
                    ConformanceVectors.Fork(author: $0.author.rawValue, seq: $0.seq)
                }
                #expect(forks == step.forks, "\(label): forks")
                #expect(ConformanceVectors.Maker.forks(replica) == step.forks, "\(label): replica forks")
            }
        }
    }

    static func result(_ result: Replica.ReceiveResult) -> ConformanceVectors.Result {
        ConformanceVectors.Maker.result(result)
    }
}
