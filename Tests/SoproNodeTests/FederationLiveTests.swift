import CatalogueStore
import DirectoryModel
import EntryDocuments
import Foundation
import Hummingbird
import HummingbirdTesting
import NodeServer
import Replication
import SoproNode
import SyncProtocol
import Testing

/// Several nodes over real HTTP on 127.0.0.1 (ephemeral ports), replicating with the
/// `Replicator` — publish, pull, push and relay until every digest agrees.
@Suite struct FederationLiveTests {
    struct Member {
        var name: String
        var key: NodeKey?
        var node: CatalogueNode
    }

    static func makeMembers() async throws -> (members: [Member], roster: AuthorRoster) {
        let keys = [NodeKey(), NodeKey(), NodeKey()]
        let regions = ["AT12", "AT13", "HU22"]
        let roster = AuthorRoster(
            zip(keys, regions).map { TrustedAuthor(id: $0.authorID, region: $1, name: $1) })
        let acceptance = ChangeAcceptance(roster: roster, schema: CatalogueSchema.fieldSchema)
        var members: [Member] = []
        for (key, region) in zip(keys, regions) {
            members.append(
                Member(
                    name: region, key: key,
                    node: try await CatalogueNode(
                        store: try SQLiteChangeStore.inMemory(), acceptance: acceptance,
                        mode: .regional(key: key, region: region), name: region)))
        }
        members.append(
            Member(
                name: "mirror", key: nil,
                node: try await CatalogueNode(
                    store: try SQLiteChangeStore.inMemory(), acceptance: acceptance, mode: .mirror, name: "mirror")))
        return (members, roster)
    }

    /// Runs `body` with every member's server live; the ports come in member order.
    static func serve(
        _ members: ArraySlice<Member>, ports: [Int] = [], _ body: @escaping @Sendable ([Int]) async throws -> Void
    )
        async throws
    {
        guard let first = members.first else {
            try await body(ports)
            return
        }
        try await buildApplication(node: first.node, port: 0).test(.live) { client in
            let port = try #require(client.port)
            try await serve(members.dropFirst(), ports: ports + [port], body)
        }
    }

    @Test func nodesAndAMirrorConvergeThroughARelay() async throws {
        let (members, _) = try await Self.makeMembers()
        let file = try decoder.decode(contentsOf: examplesDirectory.appendingPathComponent("entries.yaml"))
        try await Self.serve(members[...]) { ports in
            func peer(_ index: Int) -> Peer {
                Peer(
                    name: members[index].name, url: "http://127.0.0.1:\(ports[index])",
                    authorID: members[index].key?.authorID)
            }
            // A line: AT12 ↔ AT13 ↔ HU22 → mirror. AT12 and HU22 never talk directly.
            let topology: [[Int]] = [[1], [0, 2], [1], [2]]
            let replicators = topology.enumerated().map { index, peers in
                var replicator = Replicator(
                    node: members[index].node, peers: peers.map(peer), client: HTTPPeerClient(),
                    clock: ContinuousClock())
                // Any pull that at least doubles a store defers its catalogue to one rebuild
                // (first pulls here), so both ways of applying pulled pages take part.
                replicator.bulkCatchUpMinimum = 1
                return replicator
            }
            // AT12 publishes the example entries; HU22 adds a Hungarian description concurrently.
            let published = try await members[0].node.publish(file.entries, editor: "maria@at12")
            #expect(!published.changes.isEmpty)
            let enterprise = file.entries[0].entry
            let translation = SourcedEntry(
                entry: enterprise, path: .root, location: FileLocation(line: 1, column: 1),
                document: .object(["description": .object(["hu": .string("Átmeneti munkahelyek.")])]))
            _ = try await members[2].node.publish([translation], editor: "bela@hu22")

            var digests: [String] = []
            for _ in 0..<4 {
                for replicator in replicators {
                    for (name, result) in await replicator.syncAll() {
                        if case .failure(let error) = result { Issue.record("sync with \(name) failed: \(error)") }
                    }
                }
                digests = []
                for member in members { digests.append(try await member.node.store.digest()) }
                if Set(digests).count == 1 { break }
            }
            #expect(Set(digests).count == 1, "every node and the mirror agree")
            let mirrored = try #require(
                try await members[3].node.store.entry(kind: "enterprise", id: enterprise.id.rawValue))
            let entry = try #require(CatalogueEntry(state: mirrored).entry)
            guard case .enterprise(let merged) = entry else {
                Issue.record("not an enterprise")
                return
            }
            #expect(merged.name[.german] == "Holzwerkstatt Traisental", "relayed from AT12 through AT13 and HU22")
            #expect(merged.description[.hungarian] == "Átmeneti munkahelyek.")
            #expect(merged.description[.german] != nil, "both regions' writes survive")
            let status = await replicators[3].status.status(of: "HU22")
            #expect(status?.lastSuccess != nil)
            #expect(status?.isReadOnly == false)
        }
    }
}
