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

/// The rest of a federation's life over live HTTP: a planned rotation, a restored backup that
/// forks and is resolved with the recovery key, a region that lost its key and its store and
/// recovers from its peers and its recovery key alone, and a member that leaves.
@Suite(.tags(.live)) struct RosterLifecycleLiveTests {
    typealias Region = RosterLiveTests.Region

    static func entry(_ n: Int) -> String { String(format: "0192f3a4-5b6c-7d8e-9f01-%012d", n) }

    static func operation(_ value: String, entry: Int) -> EntryOperation {
        RosterLiveTests.operation(value, entry: Self.entry(entry))
    }

    static func name(_ node: CatalogueNode, entry: Int) async throws -> String? {
        guard let read = try await node.catalogueEntry(kind: "enterprise", id: Self.entry(entry)),
            case .string(let name)? = read.document["name"]?["de"]
        else { return nil }
        return name
    }

    static func digests(_ nodes: [CatalogueNode]) async throws -> Set<String> {
        var digests: Set<String> = []
        for node in nodes { digests.insert(try await node.store.digest()) }
        return digests
    }

    @Test func rotationForkResolutionLostKeyAndLeaving() async throws {
        let regions = ["AT11", "AT12", "AT13", "AT22", "HU22"].map { Region(code: $0) }
        let genesis = try SignedRoster(
            Roster(
                federation: "sopro-life", version: 1, previous: nil, threshold: 3, members: regions.map(\.member),
                issued: 1_795_737_600_000),
            signedBy: regions.prefix(3).map(\.key))
        // Node 5 is where AT12's node runs after it lost its key and store (empty, a new key).
        let lostAndFound = NodeKey()
        var stores: [SQLiteChangeStore] = []
        var nodes: [CatalogueNode] = []
        for region in regions {
            let store = try SQLiteChangeStore.inMemory()
            stores.append(store)
            nodes.append(try await RosterLiveTests.node(region, genesis: genesis.id, store: store))
        }
        nodes.append(try await RosterLiveTests.node(regions[1], genesis: genesis.id, key: lostAndFound))
        nodes.append(try await RosterLiveTests.node(nil, genesis: genesis.id))
        for node in nodes { await node.confirmOwnHead(by: "test") }
        _ = try await nodes[0].offerFederation(versions: [genesis], events: [])
        let members = nodes.enumerated().map {
            FederationLiveTests.Member(name: "N\($0.offset)", key: nil, node: $0.element)
        }
        let all = nodes
        let heldStores = stores
        try await FederationLiveTests.serve(members[...]) { ports in
            let peers = ports.enumerated().map { Peer(name: "N\($0.offset)", url: "http://127.0.0.1:\($0.element)") }
            let client = HTTPPeerClient.underTestLoad
            func replicators(_ active: [Int]) -> [Replicator<ContinuousClock>] {
                active.map { index in
                    Replicator(
                        node: all[index], peers: active.filter { $0 != index }.map { peers[$0] }, client: client,
                        clock: ContinuousClock())
                }
            }
            let everyone = [0, 1, 2, 3, 4, 6]
            await RosterLiveTests.rounds(replicators(everyone))
            for index in everyone { #expect(all[index].federation.current?.version == 1) }
            for (index, node) in all.prefix(5).enumerated() {
                _ = try await node.publish([Self.operation("Erste \(index)", entry: index)], editor: "e")
            }
            await RosterLiveTests.rounds(replicators(everyone))

            // 1. A planned rotation of AT11: its log ends at its last change, the new key goes on.
            let rotated = NodeKey()
            let head = try #require(try await all[0].store.heads()[regions[0].key.authorID])
            let rotation = try SignedKeyEvent(
                RosterDrafting.keyEvent(
                    in: all[0].federation, region: "AT11", retiring: regions[0].key.authorID, last: head.seq,
                    key: rotated.authorID, recovery: regions[0].recovery.authorID,
                    nextRecovery: RosterMember.commitment(to: regions[0].recovery.authorID), reason: .rotation,
                    issued: all[0].now),
                recovery: regions[0].recovery)
            _ = try await all[0].offerFederation(versions: [], events: [rotation])
            let at11 = try await RosterLiveTests.node(
                regions[0], genesis: genesis.id, key: rotated, store: heldStores[0])
            await at11.confirmOwnHead(by: "test")
            _ = try await at11.publish([Self.operation("Zweite 0", entry: 0)], editor: "e")
            _ = try await all[1].receive(
                try await at11.store.changes(
                    missingFrom: VersionVector(), maximumCount: 100, maximumBytes: 1 << 20
                ).changes)
            await RosterLiveTests.rounds(replicators(everyone))
            for index in everyone {
                #expect(try await Self.name(all[index], entry: 0) == "Zweite 0")
                #expect(all[index].federation.appliedEvents.count == 1)
            }
            #expect(try await Self.digests(everyone.map { all[$0] }).count == 1)

            // 2. AT13 is restored from a backup taken before its last change and signs again:
            // a fork. Peers find it; AT13 resolves it with its recovery key and a new key.
            _ = try await all[2].publish([Self.operation("Vor dem Absturz", entry: 2)], editor: "e")
            await RosterLiveTests.rounds(replicators(everyone))
            let backup = try SQLiteChangeStore.inMemory()
            let first = try #require(try await all[2].store.change(of: regions[2].key.authorID, seq: 1))
            _ = try await backup.apply(
                ChangeVerifier.verify([first], limits: .standard), acceptance: all[2].acceptance, now: all[2].now)
            let restored = try await RosterLiveTests.node(regions[2], genesis: genesis.id, store: backup)
            let held = try await all[2].store.federationDocuments()
            _ = try await restored.offerFederation(versions: held.versions, events: held.events)
            await restored.confirmOwnHead(by: "test (quorum skipped)")
            let again = try #require(
                try await restored.publish([Self.operation("Nach dem Absturz", entry: 2)], editor: "e"))
            _ = try await all[3].receive([again.signed])
            await RosterLiveTests.rounds(replicators(everyone))
            for index in everyone {
                #expect(try await all[index].store.forks().first?.author == regions[2].key.authorID)
            }
            let resolvedKey = NodeKey()
            let forkSeq = try #require(try await all[3].store.forks().first?.seq)
            let resolution = try SignedKeyEvent(
                RosterDrafting.keyEvent(
                    in: all[3].federation, region: "AT13", retiring: regions[2].key.authorID, last: forkSeq - 1,
                    key: resolvedKey.authorID, recovery: regions[2].recovery.authorID,
                    nextRecovery: RosterMember.commitment(to: regions[2].recovery.authorID), reason: .fork,
                    issued: all[3].now),
                recovery: regions[2].recovery)
            _ = try await all[3].offerFederation(versions: [], events: [resolution])
            await RosterLiveTests.rounds(replicators(everyone))
            // The region publishes again under the new key (its entry files, here one entry).
            let at13 = try await RosterLiveTests.node(regions[2], genesis: genesis.id, key: resolvedKey, store: backup)
            await at13.confirmOwnHead(by: "test")
            _ = try await at13.offerFederation(versions: [], events: [resolution])
            let republished = try #require(try await at13.publish([Self.operation("Wieder da", entry: 2)], editor: "e"))
            _ = try await all[0].receive([republished.signed])
            await RosterLiveTests.rounds(replicators(everyone))
            for index in everyone { #expect(try await Self.name(all[index], entry: 2) == "Wieder da") }
            #expect(try await Self.digests(everyone.map { all[$0] }).count == 1)

            // 3. AT12 lost its key and its store. A new node (new key, empty store, the genesis
            // configured) syncs, then the recovery key makes its key the region's.
            let recovering = [0, 2, 3, 4, 5, 6]
            await RosterLiveTests.rounds(replicators(recovering))
            #expect(try await Self.name(all[5], entry: 1) == "Erste 1", "its data came back from the peers")
            let oldHead = try await all[5].store.heads()[regions[1].key.authorID]?.seq ?? 0
            let recovery = try SignedKeyEvent(
                RosterDrafting.keyEvent(
                    in: all[5].federation, region: "AT12", retiring: regions[1].key.authorID, last: oldHead,
                    key: lostAndFound.authorID, recovery: regions[1].recovery.authorID,
                    nextRecovery: RosterMember.commitment(to: regions[1].recovery.authorID), reason: .revocation,
                    issued: all[5].now),
                recovery: regions[1].recovery)
            _ = try await all[5].offerFederation(versions: [], events: [recovery])
            _ = try await all[5].publish([Self.operation("Zurück 1", entry: 1)], editor: "e")
            await RosterLiveTests.rounds(replicators(recovering))
            for index in recovering { #expect(try await Self.name(all[index], entry: 1) == "Zurück 1") }

            // 4. HU22 leaves: its keys retired at its last change; its entry stays; what it
            // signs later is refused everywhere.
            let hu22Head = try #require(try await all[0].store.heads()[regions[4].key.authorID]?.seq)
            let leave = try RosterDrafting.next(
                after: all[0].federation, removing: ["HU22"], lastSeqs: [regions[4].key.authorID: hu22Head],
                issued: all[0].now)
            let signed = try SignedRoster(leave, signedBy: [rotated, resolvedKey, regions[3].key])
            _ = try await all[0].offerFederation(versions: [signed], events: [])
            await RosterLiveTests.rounds(replicators(recovering))
            for index in recovering {
                #expect(all[index].federation.current?.version == 2)
                #expect(all[index].federation.members.first { $0.region == "HU22" }?.isCurrent == false)
                #expect(try await Self.name(all[index], entry: 4) == "Erste 4", "a former partner's entry stays")
            }
            await #expect(throws: (any Error).self, "its own node no longer signs") {
                try await all[4].publish([Self.operation("Nach dem Austritt", entry: 4)], editor: "e")
            }
            // Signed anyway, with a copy of the key and the log: refused.
            var copy = Replica(
                acceptance: ChangeAcceptance(
                    roster: AuthorRoster([TrustedAuthor(id: regions[4].key.authorID, region: "HU22", name: "HU22")]),
                    schema: CatalogueSchema.fieldSchema))
            let log = try await all[4].store.changes(
                missingFrom: VersionVector(), maximumCount: 1_000, maximumBytes: 1 << 22
            ).changes.filter { (try? $0.verified().author) == regions[4].key.authorID }
            _ = copy.receive(log, now: all[4].now)
            let late = try copy.publish(
                [Self.operation("Nach dem Austritt", entry: 4)], editor: "e", key: regions[4].key, now: all[4].now + 10)
            let refused = try await all[0].receive([late.signed])
            #expect(
                refused.first.map { if case .refused(let error) = $0 { error.code == .keyRetired } else { false } }
                    == true)
            #expect(try await Self.digests(recovering.map { all[$0] }).count == 1)
        }
    }
}
