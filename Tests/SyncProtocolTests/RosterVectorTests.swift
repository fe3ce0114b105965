import Foundation
import SyncProtocol
import Testing

/// `docs/conformance/roster-vectors.json`: roster chains any implementation can replay without
/// Swift — fixed keys, exact signed versions, and what a node must make of each. The test runs
/// every case against `RosterChain`, so the file and the code cannot drift apart;
/// `SOPRO_WRITE_VECTORS=1 swift test --filter RosterVectorTests` writes it anew from `make()`.
@Suite struct RosterVectorTests {
    struct Vectors: Codable {
        struct Key: Codable {
            var name: String
            var seed: String
            var author: String
        }

        struct Step: Codable {
            var offer: SignedRoster
            /// `accepted`, `known`, or a roster error code.
            var outcome: String
            /// The current version after the step.
            var current: UInt64
        }

        struct Case: Codable {
            var name: String
            var about: String
            var genesis: SignedRoster
            /// `accepted` or the error code starting from this genesis gives.
            var start: String
            var steps: [Step]
        }

        var format: String
        var keys: [Key]
        var cases: [Case]
    }

    static let fileURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/conformance/roster-vectors.json")

    @Test func everyRosterVectorHolds() throws {
        if ProcessInfo.processInfo.environment["SOPRO_WRITE_VECTORS"] != nil {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(try Self.make()).write(to: Self.fileURL)
        }
        let vectors = try JSONDecoder().decode(Vectors.self, from: try Data(contentsOf: Self.fileURL))
        #expect(vectors.format == "sopro-roster-conformance/1")
        for key in vectors.keys {
            let made = try NodeKey(seed: try #require(Hex.decode(key.seed)))
            #expect(made.authorID.rawValue == key.author, "key \(key.name)")
        }
        #expect(vectors.cases.count >= 10)
        for vector in vectors.cases {
            var chain: RosterChain
            do {
                chain = try RosterChain(genesis: vector.genesis)
                #expect(vector.start == "accepted", "\(vector.name): the genesis")
            } catch {
                #expect(error.code.rawValue == vector.start, "\(vector.name): the genesis")
                continue
            }
            for (index, step) in vector.steps.enumerated() {
                let outcome: String
                do {
                    outcome = try chain.offer(step.offer) == .accepted ? "accepted" : "known"
                } catch {
                    outcome = error.code.rawValue
                }
                #expect(outcome == step.outcome, "\(vector.name), step \(index + 1)")
                #expect(chain.current.version == step.current, "\(vector.name), step \(index + 1): current")
            }
        }
    }

    // MARK: Making the file

    /// Five partners with fixed keys (seeds 1…5) and recovery keys (seeds 101…105), and an
    /// outsider (seed 99).
    static func key(_ seed: UInt8) throws -> NodeKey { try NodeKey(seed: Data(repeating: seed, count: 32)) }

    static let regions = ["AT11", "AT12", "AT13", "AT22", "HU22", "SK01"]

    static func member(_ index: Int) throws -> RosterMember {
        RosterMember(
            region: regions[index], name: "Region \(regions[index])",
            url: "https://\(regions[index].lowercased()).example", keys: [try key(UInt8(index + 1)).authorID],
            recovery: RosterMember.commitment(to: try key(UInt8(101 + index)).authorID))
    }

    static func roster(
        _ version: UInt64, after previous: SignedRoster?, members: [Int], threshold: Int = 3
    ) throws
        -> Roster
    {
        let listed = try members.map(member)
        return Roster(
            federation: "sopro-conformance", version: version, previous: previous?.id, threshold: threshold,
            members: listed, issued: 1_795_737_600_000 + Int64(version) * 1000,
            retired: RosterChainTests.retired(after: previous, keeping: listed))
    }

    static func signed(_ roster: Roster, by signers: [Int]) throws -> SignedRoster {
        try SignedRoster(roster, signedBy: signers.map { try key(UInt8($0 + 1)) })
    }

    static func make() throws -> Vectors {
        let five = Array(0..<5)
        let genesis = try signed(try roster(1, after: nil, members: five), by: [0, 1, 2])
        let join = try roster(2, after: genesis, members: five + [5])
        var cases: [Vectors.Case] = []
        func add(
            _ name: String, _ about: String, genesis other: SignedRoster? = nil, start: String = "accepted",
            _ steps: [(SignedRoster, String, UInt64)] = []
        ) {
            cases.append(
                .init(
                    name: name, about: about, genesis: other ?? genesis, start: start,
                    steps: steps.map { .init(offer: $0.0, outcome: $0.1, current: $0.2) }))
        }
        add("genesis", "A genesis signed by its own threshold (3 of 5) starts the chain.")
        add(
            "genesis-under-signed", "A genesis signed by 2 of 5, threshold 3, is refused.",
            genesis: try signed(try roster(1, after: nil, members: five), by: [0, 1]), start: "roster-signatures")
        add(
            "genesis-not-version-1", "A first version must be version 1.",
            genesis: try signed(try roster(2, after: genesis, members: five), by: [0, 1, 2]),
            start: "roster-wrong-genesis")
        add(
            "join", "A sixth region joins with 3 of 5 approvals; offering it again is known.",
            [(try signed(join, by: [0, 1, 2]), "accepted", 2), (try signed(join, by: [0, 1, 2]), "known", 2)])
        add(
            "join-too-few", "2 of 5 approvals are too few; the newcomer's own signature does not count.",
            [(try signed(join, by: [0, 1, 5]), "roster-signatures", 1)])
        var outsider = try signed(join, by: [0, 1])
        try outsider.sign(with: try key(99))
        add("join-outsider", "A key no member holds counts for nothing.", [(outsider, "roster-signatures", 1)])
        var twice = try signed(join, by: [0, 1])
        twice.signatures.append(twice.signatures[0])
        add("join-same-member-twice", "A member counts once.", [(twice, "roster-signatures", 1)])
        var forged = try signed(join, by: [0, 1, 2])
        forged.signatures[2].signature = Data(repeating: 7, count: 64)
        add("join-forged", "A signature that does not verify counts for nothing.", [(forged, "roster-signatures", 1)])
        var wrongContext = SignedRoster(payload: join.payload)
        for signer in [0, 1, 2] {
            let signer = try key(UInt8(signer + 1))
            wrongContext.signatures.append(
                .init(key: signer.authorID, signature: try signer.signature(for: join.payload, context: .change)))
        }
        add(
            "join-change-context", "Signatures made in the change context are not roster signatures.",
            [(wrongContext, "roster-signatures", 1)])
        let shrink = try roster(2, after: genesis, members: [0, 1, 2, 3], threshold: 3)
        add(
            "leave", "HU22 leaves: 3 of the 5 sign, and 3 of the remaining 4.",
            [(try signed(shrink, by: [0, 1, 2]), "accepted", 2)])
        add(
            "own-threshold", "Version 2 raises the threshold to 4: 3 signatures meet version 1's but not its own.",
            [
                (
                    try signed(try roster(2, after: genesis, members: five, threshold: 4), by: [0, 1, 2]),
                    "roster-signatures", 1
                )
            ])
        let second = try signed(try roster(2, after: genesis, members: five), by: [0, 1, 2])
        let third = try signed(try roster(3, after: second, members: five), by: [2, 3, 4])
        add(
            "gap", "Version 3 before version 2 waits; after version 2 it is accepted.",
            [(third, "roster-gap", 1), (second, "accepted", 2), (third, "accepted", 3)])
        add(
            "rollback",
            "After version 3, the genesis is known, another version 1 and an unsigned version 2 are refused.",
            [
                (second, "accepted", 2), (third, "accepted", 3), (genesis, "known", 3),
                (try signed(try roster(1, after: nil, members: [0], threshold: 1), by: [0]), "roster-rollback", 3),
                (
                    try signed(try roster(2, after: genesis, members: [0, 1], threshold: 1), by: [0]),
                    "roster-rollback", 3
                ),
            ])
        add(
            "wrong-previous", "Version 3 naming the genesis as its previous is refused.",
            [
                (second, "accepted", 2),
                (try signed(try roster(3, after: genesis, members: five), by: [0, 1, 2]), "roster-wrong-previous", 2),
            ])
        let otherSecond = try signed(try roster(2, after: genesis, members: [0, 1, 2, 3]), by: [1, 2, 3])
        add(
            "fork", "Two valid versions 2: the chain goes back to version 1 and accepts neither again.",
            [
                (second, "accepted", 2), (third, "accepted", 3), (otherSecond, "roster-fork", 1),
                (second, "roster-fork", 1), (third, "roster-gap", 1),
            ])
        add(
            "fork-other-order", "The same fork seen the other way round ends the same.",
            [(otherSecond, "accepted", 2), (second, "roster-fork", 1), (otherSecond, "roster-fork", 1)])
        var otherFederation = try roster(2, after: genesis, members: five)
        otherFederation.federation = "another"
        add(
            "other-federation", "A version of another federation is refused.",
            [(try signed(otherFederation, by: [0, 1, 2]), "roster-other-federation", 1)])
        add(
            "malformed", "A payload that is not a roster version is refused.",
            [(SignedRoster(payload: Data(#"{"roster":1}"#.utf8)), "roster-malformed", 1)])
        var named: [(String, UInt8)] = []
        for index in 1...6 { named.append(("member-\(index)", UInt8(index))) }
        for index in 1...6 { named.append(("recovery-\(index)", UInt8(100 + index))) }
        named.append(("outsider", 99))
        var keys: [Vectors.Key] = []
        for (name, seed) in named {
            let author = try key(seed).authorID.rawValue
            keys.append(Vectors.Key(name: name, seed: Hex.encode(Data(repeating: seed, count: 32)), author: author))
        }
        return Vectors(format: "sopro-roster-conformance/1", keys: keys, cases: cases)
    }
}
