import CatalogueStore
import DirectoryModel
import Foundation
import NIOCore
import NodeAPI
import Replication
import SoproNode
import SoproTestSupport
import SyncProtocol
import Testing

/// The federation's life over real HTTP between live nodes and a mirror, each with its own
/// SQLite store: a genesis signed by its threshold, a region that joins with 3 of 5 approvals
/// (and not with 2, nor with an outsider's), a replayed or conflicting version, and a stolen key
/// revoked by the region's recovery key after the thief's changes reached some nodes.
@Suite(.tags(.live)) struct RosterLiveTests {
    struct Region {
        var code: String
        var key = NodeKey()
        var recovery = NodeKey()

        var member: RosterMember {
            RosterMember(
                region: code, name: "Region \(code)", keys: [key.authorID],
                recovery: RosterMember.commitment(to: recovery.authorID))
        }
    }

    static let entry = "0192f3a4-5b6c-7d8e-9f01-0000000000aa"

    static func operation(_ value: String, entry: String = entry) -> EntryOperation {
        EntryOperation(
            kind: "enterprise", entry: entry, action: .set(field: "name.de", value: .string(value), supersedes: []))
    }

    /// The German name an entry has at `node`, if it is held.
    static func name(_ node: CatalogueNode, id: String) async throws -> String? {
        guard let read = try await node.catalogueEntry(kind: "enterprise", id: id),
            case .string(let name)? = read.document["name"]?["de"]
        else { return nil }
        return name
    }

    /// A node that follows `genesis` and trusts nothing by configuration.
    static func node(
        _ region: Region?, genesis: RosterID, key: NodeKey? = nil, store: SQLiteChangeStore? = nil
    )
        async throws -> CatalogueNode
    {
        let acceptance = ChangeAcceptance(roster: AuthorRoster([]), schema: CatalogueSchema.fieldSchema)
        let mode: NodeMode = region.map { .regional(key: key ?? $0.key, region: $0.code) } ?? .mirror
        return try await CatalogueNode(
            store: try store ?? SQLiteChangeStore.inMemory(), acceptance: acceptance, mode: mode,
            name: region?.code ?? "mirror", genesis: genesis)
    }

    /// Full rounds: every node with every other, `times` times.
    static func rounds(_ replicators: [Replicator<ContinuousClock>], times: Int = 2) async {
        for _ in 0..<times {
            for replicator in replicators {
                for peer in replicator.peers { _ = try? await replicator.sync(with: peer) }
            }
        }
    }

    @Test func aRegionJoinsWithTheThresholdAndAStolenKeyIsRevokedEverywhere() async throws {
        let regions = ["AT11", "AT12", "AT13", "AT22", "HU22"].map { Region(code: $0) }
        let newcomer = Region(code: "SK01")
        let genesisRoster = Roster(
            federation: "sopro-live", version: 1, previous: nil, threshold: 3, members: regions.map(\.member),
            issued: 1_795_737_600_000)
        // Signed by two at first: not yet in force anywhere.
        let genesis = try SignedRoster(genesisRoster, signedBy: [regions[0].key, regions[1].key])
        var allNodes: [CatalogueNode] = []
        for region in regions { allNodes.append(try await Self.node(region, genesis: genesis.id)) }
        allNodes.append(try await Self.node(newcomer, genesis: genesis.id))
        allNodes.append(try await Self.node(nil, genesis: genesis.id))
        for node in allNodes { await node.confirmOwnHead(by: "test") }
        let members = allNodes.enumerated().map {
            FederationLiveTests.Member(name: "N\($0.offset)", key: nil, node: $0.element)
        }
        let genesisID = genesis.id
        let nodes = allNodes
        let firstGenesis = genesis
        try await FederationLiveTests.serve(members[...]) { ports in
            var genesis = firstGenesis
            let peers = ports.enumerated().map { Peer(name: "N\($0.offset)", url: "http://127.0.0.1:\($0.element)") }
            let client = HTTPPeerClient.underTestLoad
            // A chain of peers plus the mirror pulling from the newcomer's and the first node.
            let replicators = nodes.enumerated().map { index, node in
                let theirs =
                    index == 6 ? [peers[0], peers[5]] : peers.filter { $0.name != "N\(index)" && $0.name != "N6" }
                return Replicator(node: node, peers: theirs, client: client, clock: ContinuousClock())
            }
            _ = try await nodes[0].offerFederation(versions: [genesis], events: [])
            await Self.rounds(replicators, times: 1)
            for node in nodes { #expect(node.federation.current == nil, "two of five signed the genesis") }
            try genesis.sign(with: regions[2].key)
            _ = try await nodes[2].offerFederation(versions: [genesis], events: [])
            await Self.rounds(replicators)
            for node in nodes { #expect(node.federation.current?.version == 1) }

            // SK01 asks to join; AT11 and AT12 approve (too few), an outsider signs too.
            let stateNow = nodes[5].federation
            let join = try RosterDrafting.next(
                after: stateNow, adding: [newcomer.member], lastSeqs: [:], issued: 1_795_737_600_100)
            var request = try SignedRoster(join, signedBy: [newcomer.key])
            _ = try await nodes[5].offerFederation(versions: [request], events: [])
            await Self.rounds(replicators, times: 1)
            for index in [0, 1] {
                var approval = try #require(
                    try await nodes[index].store.federationDocuments().versions.first { $0.id == request.id })
                try approval.sign(with: regions[index].key)
                _ = try await nodes[index].offerFederation(versions: [approval], events: [])
            }
            var outsider = request
            try outsider.sign(with: NodeKey())
            _ = try await nodes[3].offerFederation(versions: [outsider], events: [])
            await Self.rounds(replicators)
            for node in nodes {
                #expect(node.federation.current?.version == 1)
                #expect(node.federation.proposals.first?.approvedBy == ["AT11", "AT12"])
            }
            await #expect(throws: (any Error).self, "not a member yet: its own node does not sign") {
                try await nodes[5].publish([Self.operation("Frühstart")], editor: "sk")
            }

            // The third approval: SK01 is trusted everywhere within a few rounds.
            try request.sign(with: regions[4].key)
            _ = try await nodes[4].offerFederation(versions: [request], events: [])
            await Self.rounds(replicators)
            let joined = try #require(try await nodes[5].publish([Self.operation("Beigetreten")], editor: "sk"))
            await Self.rounds(replicators)
            for node in nodes {
                #expect(node.federation.current?.version == 2)
                #expect(try await node.store.heads()[newcomer.key.authorID]?.id == joined.id)
            }

            // A replayed genesis is known; a conflicting version 2 signed by few is refused.
            let replay = try await nodes[0].offerFederation(versions: [genesis], events: [])
            #expect(replay.versions.first?.outcome == .known)
            let rival = try SignedRoster(
                Roster(
                    federation: "sopro-live", version: 2, previous: genesisID, threshold: 1,
                    members: [regions[0].member], issued: 1_795_737_600_200,
                    retired: regions.dropFirst().map { RetiredKey(key: $0.key.authorID, last: 0) }),
                signedBy: [regions[0].key])
            let refused = try await nodes[1].offerFederation(versions: [rival], events: [])
            if case .refused(let error) = refused.versions.first?.outcome {
                #expect(error.code == .rollback)
            } else {
                Issue.record("a conflicting old version was not refused: \(String(describing: refused.versions.first))")
            }

            // AT13's key is stolen. AT13 published once; the thief, with a copy of its log,
            // publishes twice more and pushes to AT22 only.
            let legitimate = try #require(try await nodes[2].publish([Self.operation("Echt")], editor: "at13"))
            await Self.rounds(replicators)
            var thief = Replica(acceptance: nodes[2].acceptance)
            _ = thief.receive(
                try await nodes[2].store.changes(missingFrom: VersionVector(), maximumCount: 100, maximumBytes: 1 << 20)
                    .changes, now: nodes[2].now)
            let stolen = [
                try thief.publish(
                    [Self.operation("Gefälscht")], editor: "thief", key: regions[2].key, now: nodes[2].now + 10),
                try thief.publish(
                    [Self.operation("Spam", entry: "0192f3a4-5b6c-7d8e-9f01-0000000000bb")], editor: "thief",
                    key: regions[2].key, now: nodes[2].now + 20),
            ]
            _ = try await nodes[3].receive(stolen.map(\.signed))
            await Self.rounds(replicators, times: 1)
            #expect(try await Self.name(nodes[6], id: Self.entry) == "Gefälscht", "the thief's change spread")
            #expect(try await nodes[6].store.heads()[regions[2].key.authorID]?.seq == legitimate.seq + 2)

            // AT13 revokes with its recovery key: the old key ends at its own last change.
            let newKey = NodeKey()
            let event = try RosterDrafting.keyEvent(
                in: nodes[2].federation, region: "AT13", retiring: regions[2].key.authorID, last: legitimate.seq,
                key: newKey.authorID, recovery: regions[2].recovery.authorID,
                nextRecovery: RosterMember.commitment(to: regions[2].recovery.authorID), reason: .revocation,
                issued: nodes[2].now)
            let signedEvent = try SignedKeyEvent(event, recovery: regions[2].recovery)
            _ = try await nodes[2].offerFederation(versions: [], events: [signedEvent])
            await Self.rounds(replicators)
            var digests: Set<String> = []
            for node in nodes {
                #expect(node.federation.appliedEvents.count == 1)
                digests.insert(try await node.store.digest())
                #expect(try await Self.name(node, id: Self.entry) == "Echt")
                #expect(try await Self.name(node, id: "0192f3a4-5b6c-7d8e-9f01-0000000000bb") == nil)
            }
            #expect(digests.count == 1, "every node drops the thief's changes: \(digests)")
            // The thief's next change is refused everywhere; the new key publishes.
            let more = try thief.publish(
                [Self.operation("Noch mehr")], editor: "thief", key: regions[2].key, now: nodes[2].now + 30)
            let results = try await nodes[0].receive([more.signed])
            #expect(
                results.first.map { if case .refused(let error) = $0 { error.code == .keyRetired } else { false } }
                    == true)
            // Members sign two different versions 3 (some sign both): a roster fork, which
            // every node reports and none accepts.
            let base = nodes[0].federation
            let threeA = try RosterDrafting.next(after: base, threshold: 4, lastSeqs: [:], issued: 1_795_737_600_300)
            let threeB = try RosterDrafting.next(after: base, threshold: 5, lastSeqs: [:], issued: 1_795_737_600_400)
            let forkA = try SignedRoster(
                threeA, signedBy: [regions[0].key, regions[1].key, regions[3].key, newcomer.key])
            let forkB = try SignedRoster(
                threeB, signedBy: [regions[0].key, regions[1].key, regions[4].key, newcomer.key, newKey])
            _ = try await nodes[0].offerFederation(versions: [forkA], events: [])
            _ = try await nodes[4].offerFederation(versions: [forkB], events: [])
            await Self.rounds(replicators)
            for node in nodes {
                #expect(node.federation.current?.version == 2)
                #expect(node.federation.chain?.forks[3]?.versions.count == 2)
            }
            // Once every node holds the same documents, a round asks with the last tag and the
            // peer answers 304: the roster costs no bytes while it does not change.
            let recording = FederationRecordingPeerClient(client)
            let watcher = Replicator(
                node: nodes[1], peers: [peers[0], peers[2]], client: recording, clock: ContinuousClock())
            await Self.rounds([watcher], times: 3)
            #expect(
                recording.recorded == ["documents", "documents", "unchanged", "unchanged", "unchanged", "unchanged"])
            let restarted = try await Self.node(
                regions[2], genesis: genesisID, key: newKey, store: nodes[2].store as? SQLiteChangeStore)
            await restarted.confirmOwnHead(by: "test")
            let fresh = try #require(try await restarted.publish([Self.operation("Neu signiert")], editor: "at13"))
            _ = try await nodes[0].receive([fresh.signed])
            #expect(try await nodes[0].store.heads()[newKey.authorID]?.seq == 1)
        }
    }
}
