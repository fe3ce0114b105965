import CatalogueStore
import Foundation
import NIOCore
import PropertyBased
import Replication
import SoproNode
import SoproTestSupport
import SyncProtocol
import Testing

/// Several nodes joined by the real sync protocol (live HTTP on 127.0.0.1): random honest
/// publishing, random equivocations pushed to random nodes, random rounds between random pairs
/// while random links are cut. After the partition heals, a bounded number of full rounds
/// brings every node and the mirror to the same fork list and the same digest — the digest an
/// in-memory replica computes from the authentic logs with the same quarantine.
@Suite(.tags(.live)) struct ForkConvergenceLiveTests {
    static let entries = (0..<4).map { "0192f3a4-5b6c-7d8e-9f01-00000000000\($0)" }

    static func operation(_ value: String, entry: String) -> EntryOperation {
        EntryOperation(
            kind: "enterprise", entry: entry, action: .set(field: "name.de", value: .string(value), supersedes: []))
    }

    @Test func everyNodeListsEveryForkAndAllDigestsAgree() async {
        await propertyCheck(count: 10, input: Gen.int(in: 0...Int.max)) { seed in
            var random = SplitMix64(seed: UInt64(seed))
            let honest = [NodeKey(), NodeKey(), NodeKey()]
            let rogues = [NodeKey(), NodeKey()]
            let acceptance = IntegrityLiveTests.acceptance(honest + rogues)
            var members: [FederationLiveTests.Member] = []
            for (index, key) in honest.enumerated() {
                members.append(
                    .init(
                        name: "N\(index)", key: key,
                        node: try await IntegrityLiveTests.regional(key, acceptance, name: "N\(index)")))
            }
            members.append(
                .init(
                    name: "M", key: nil,
                    node: try await CatalogueNode(
                        store: try SQLiteChangeStore.inMemory(), acceptance: acceptance, mode: .mirror, name: "M")))
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            // Each rogue: a shared prefix, then one branch (honest) or two (an equivocation).
            var expectedForks: [AuthorID: UInt64] = [:]
            var deliveries: [(node: Int, changes: [SignedChange])] = []
            var authentic = Replica(acceptance: acceptance)  // every authentic change, nothing else
            for (rogueIndex, rogue) in rogues.enumerated() {
                var prefix = Replica(acceptance: acceptance)
                let prefixLength = Int.random(in: 0...3, using: &random)
                for step in 0..<prefixLength {
                    _ = try prefix.publish(
                        [Self.operation("r\(rogueIndex)-\(step)", entry: Self.entries.randomElement(using: &random)!)],
                        editor: "r", key: rogue, now: now + Int64(step))
                }
                let equivocates = Bool.random(using: &random) || rogueIndex == 0
                var branches = [prefix]
                if equivocates { branches.append(prefix) }
                for (branchIndex, _) in branches.enumerated() {
                    for step in 0..<Int.random(in: 1...3, using: &random) {
                        _ = try branches[branchIndex].publish(
                            [
                                Self.operation(
                                    "b\(branchIndex)-\(step)", entry: Self.entries.randomElement(using: &random)!)
                            ],
                            editor: "r", key: rogue, now: now + 100 + Int64(branchIndex * 10 + step))
                    }
                }
                let targets = Array((0..<honest.count).shuffled(using: &random).prefix(branches.count))
                for (branch, target) in zip(branches, targets) {
                    deliveries.append((target, branch.changes(missingFrom: VersionVector()).changes))
                }
                if equivocates {
                    expectedForks[rogue.authorID] = UInt64(prefixLength + 1)
                    _ = authentic.receive(prefix.changes(missingFrom: VersionVector()).changes, now: now + 1000)
                } else {
                    _ = authentic.receive(branches[0].changes(missingFrom: VersionVector()).changes, now: now + 1000)
                }
            }
            for (node, changes) in deliveries { _ = try await members[node].node.receive(changes) }
            for step in 0..<6 {
                let index = Int.random(in: 0..<honest.count, using: &random)
                let change = try await members[index].node.publish(
                    [Self.operation("h\(index)-\(step)", entry: Self.entries.randomElement(using: &random)!)],
                    editor: "h")
                if let change { _ = authentic.receive([change.signed], now: now + 10_000) }
            }
            let memberList = members
            let forksExpected = expectedForks
            let reference = authentic
            let scheduleSeed = random.next()
            try await FederationLiveTests.serve(memberList[...]) { ports in
                var authentic = reference
                let peers = memberList.enumerated().map { index, member in
                    Peer(name: member.name, url: "http://127.0.0.1:\(ports[index])", authorID: member.key?.authorID)
                }
                // Regional nodes peer with each other; the mirror pulls from two of them.
                let clients = memberList.map { _ in PartitionedPeerClient(HTTPPeerClient.underTestLoad) }
                let replicators = memberList.enumerated().map { index, member in
                    let theirPeers =
                        member.key == nil
                        ? [peers[0], peers[2]] : peers.filter { $0.name != member.name && $0.authorID != nil }
                    return Replicator(
                        node: member.node, peers: theirPeers, client: clients[index], clock: ContinuousClock())
                }
                var schedule = SplitMix64(seed: scheduleSeed)
                // A partition: each link cut with probability 1/3, then random rounds.
                for client in clients {
                    client.block(Set(peers.map(\.name).filter { _ in Int.random(in: 0..<3, using: &schedule) == 0 }))
                }
                for _ in 0..<8 {
                    let replicator = replicators.randomElement(using: &schedule)!
                    if let peer = replicator.peers.randomElement(using: &schedule) {
                        _ = try? await replicator.sync(with: peer)
                    }
                }
                // Healed: a bounded number of full rounds, in a random order each time.
                for client in clients { client.block([]) }
                for _ in 0..<4 {
                    for replicator in replicators.shuffled(using: &schedule) {
                        for peer in replicator.peers.shuffled(using: &schedule) {
                            _ = try? await replicator.sync(with: peer)
                        }
                    }
                }
                for author in forksExpected.keys {
                    // What the reference knows: the evidence (any two rival changes at the seq).
                    let evidence = try #require(
                        try await memberList[0].node.store.forks().first { $0.author == author })
                    _ = authentic.record(evidence)
                }
                for member in memberList {
                    let forks = try await member.node.store.forks()
                    #expect(
                        Dictionary(uniqueKeysWithValues: forks.map { ($0.author, $0.seq) }) == forksExpected,
                        "\(member.name) lists every fork, at the seq where the branches part (seed \(seed))")
                    let digest = authentic.digest
                    #expect(
                        try await member.node.store.digest() == digest,
                        "\(member.name) holds the authentic catalogue (seed \(seed))")
                    #expect(try await (member.node.store as? SQLiteChangeStore)?.verify().isEmpty == true)
                }
            }
        }
    }
}
