import Foundation
import SyncProtocol
import Testing

/// `docs/conformance/federation-vectors.json`: sets of roster versions and key events with what
/// a node must make of them (`FederationState`): the version in force, the key events applied,
/// the cut-offs, the proposals and their approvals. Fixed keys as in the roster vectors; any
/// implementation can replay them. `SOPRO_WRITE_VECTORS=1 swift test --filter
/// FederationVectorTests` writes the file anew from `make()`.
@Suite struct FederationVectorTests {
    struct Vectors: Codable {
        struct Expected: Codable, Equatable {
            var version: UInt64
            var appliedEvents: [KeyEventID]
            /// Author id → last seq that stays valid.
            var cutoffs: [String: UInt64]
            /// Proposal id → regions of the version in force that signed it.
            var proposals: [String: [String]]
            var keyForks: Int
        }

        struct Case: Codable {
            var name: String
            var about: String
            var genesis: RosterID
            var versions: [SignedRoster]
            var keyEvents: [SignedKeyEvent]
            var expected: Expected
        }

        var format: String
        var cases: [Case]
    }

    static let fileURL = RosterVectorTests.fileURL.deletingLastPathComponent()
        .appendingPathComponent("federation-vectors.json")

    static func expected(_ state: FederationState) -> Vectors.Expected {
        Vectors.Expected(
            version: state.current?.version ?? 0, appliedEvents: state.appliedEvents.map(\.signed.id),
            cutoffs: Dictionary(uniqueKeysWithValues: state.cutoffs.map { ($0.key.rawValue, $0.value) }),
            proposals: Dictionary(uniqueKeysWithValues: state.proposals.map { ($0.signed.id.rawValue, $0.approvedBy) }),
            keyForks: state.keyForks.count)
    }

    @Test func everyFederationVectorHolds() throws {
        if ProcessInfo.processInfo.environment["SOPRO_WRITE_VECTORS"] != nil {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(try Self.make()).write(to: Self.fileURL)
        }
        let vectors = try JSONDecoder().decode(Vectors.self, from: try Data(contentsOf: Self.fileURL))
        #expect(vectors.format == "sopro-federation-conformance/1")
        #expect(vectors.cases.count >= 10)
        for vector in vectors.cases {
            let state = FederationState(genesis: vector.genesis, versions: vector.versions, events: vector.keyEvents)
            #expect(Self.expected(state) == vector.expected, "\(vector.name)")
            // The same documents in the other order give the same state.
            let reversed = FederationState(
                genesis: vector.genesis, versions: vector.versions.reversed(), events: vector.keyEvents.reversed())
            #expect(Self.expected(reversed) == vector.expected, "\(vector.name), reversed")
        }
    }

    // MARK: Making the file

    typealias V = RosterVectorTests

    /// The recovery key of partner `index` (seed 101 + index).
    static func recovery(_ index: Int) throws -> NodeKey { try V.key(UInt8(101 + index)) }

    static func event(
        region index: Int, seq: UInt64 = 1, previous: SignedKeyEvent? = nil, retiring: NodeKey, last: UInt64,
        to key: NodeKey, rosterVersion: UInt64 = 1, signer: NodeKey? = nil, next: NodeKey? = nil
    ) throws -> SignedKeyEvent {
        let signer = try signer ?? recovery(index)
        return try SignedKeyEvent(
            KeyEvent(
                federation: "sopro-conformance", region: V.regions[index], seq: seq, previous: previous?.id,
                rosterVersion: rosterVersion, retiring: retiring.authorID, last: last, key: key.authorID,
                recoveryKey: signer.authorID, nextRecovery: RosterMember.commitment(to: (next ?? signer).authorID),
                reason: .rotation, issued: 1_795_737_700_000 + Int64(seq)),
            recovery: signer)
    }

    static func make() throws -> Vectors {
        let five = Array(0..<5)
        let genesis = try V.signed(try V.roster(1, after: nil, members: five), by: [0, 1, 2])
        var cases: [Vectors.Case] = []
        func add(_ name: String, _ about: String, _ versions: [SignedRoster], _ events: [SignedKeyEvent] = []) {
            let all = [genesis] + versions
            cases.append(
                .init(
                    name: name, about: about, genesis: genesis.id, versions: all, keyEvents: events,
                    expected: expected(FederationState(genesis: genesis.id, versions: all, events: events))))
        }
        let newKey = try V.key(51)
        let rotation = try event(region: 0, retiring: try V.key(1), last: 4, to: newKey)
        add(
            "rotation", "AT11 replaces its key with its recovery key: the old key's log ends at seq 4.", [],
            [rotation])
        add(
            "rotation-wrong-recovery", "Signed by a recovery key AT11 did not commit to: not applied.", [],
            [try event(region: 0, retiring: try V.key(1), last: 4, to: newKey, signer: try V.key(99))])
        add(
            "rotation-not-its-key", "AT11's recovery key cannot retire AT12's key.", [],
            [try event(region: 0, retiring: try V.key(2), last: 4, to: newKey)])
        add(
            "rotation-to-another-regions-key", "AT11 may not take AT12's key as its new one.", [],
            [try event(region: 0, retiring: try V.key(1), last: 4, to: try V.key(2))])
        let nextRecovery = try V.key(121)
        let first = try event(region: 0, retiring: try V.key(1), last: 4, to: newKey, next: nextRecovery)
        let second = try event(
            region: 0, seq: 2, previous: first, retiring: newKey, last: 9, to: try V.key(52), signer: nextRecovery)
        add("chain-second-alone", "Event 2 without event 1 waits.", [], [second])
        add(
            "chain", "Event 1 commits to the next recovery key, which signs event 2: both apply.", [],
            [first, second])
        let stale = try event(
            region: 0, seq: 2, previous: first, retiring: newKey, last: 9, to: try V.key(52), signer: try recovery(0))
        add(
            "chain-old-recovery", "Event 2 signed by the recovery key event 1 replaced: not applied.", [],
            [first, stale])
        add(
            "key-fork", "Two valid events 1 of AT11: neither applies.", [],
            [rotation, try event(region: 0, retiring: try V.key(1), last: 3, to: try V.key(53))])
        // Version 2 with AT11's new key listed, its old key retired with the cut-off.
        var members = try five.map(V.member)
        members[0].keys = [newKey.authorID]
        let withNewKey = Roster(
            federation: "sopro-conformance", version: 2, previous: genesis.id, threshold: 3, members: members,
            issued: 1_795_737_602_000, retired: [RetiredKey(key: try V.key(1).authorID, last: 4)])
        add(
            "new-key-signs", "After the rotation, AT11's new key counts for AT11.",
            [try SignedRoster(withNewKey, signedBy: [newKey, try V.key(2), try V.key(3)])], [rotation])
        add(
            "old-key-after-rotation", "The retired key no longer counts on versions after the event's (1).",
            [try SignedRoster(withNewKey, signedBy: [try V.key(1), try V.key(2), try V.key(3)])], [rotation])
        let leave = Roster(
            federation: "sopro-conformance", version: 2, previous: genesis.id, threshold: 3,
            members: try [0, 1, 2, 3].map(V.member), issued: 1_795_737_602_000,
            retired: [RetiredKey(key: try V.key(5).authorID, last: 7)])
        add(
            "leave-cut-off", "HU22 leaves; its key's log stays valid up to seq 7.",
            [try V.signed(leave, by: [0, 1, 2])])
        var silent = leave
        silent.retired = []
        add(
            "leave-without-retired", "A version that drops a key without naming it in retired is not accepted.",
            [try V.signed(silent, by: [0, 1, 2])])
        var changed = try five.map(V.member)
        changed[1].recovery = RosterMember.commitment(to: try V.key(99).authorID)
        add(
            "recovery-changed", "A version may not change a staying member's recovery commitment.",
            [
                try V.signed(
                    Roster(
                        federation: "sopro-conformance", version: 2, previous: genesis.id, threshold: 3,
                        members: changed, issued: 1_795_737_602_000), by: [0, 1, 2])
            ])
        let join = try V.roster(2, after: genesis, members: five + [5])
        add(
            "approvals-merged", "Two copies of one proposal, signed by 2 and by 1 other member: 3 approvals, accepted.",
            [try V.signed(join, by: [0, 1, 5]), try V.signed(join, by: [2])])
        add("proposal-waiting", "2 approvals of 3: a proposal, nothing in force.", [try V.signed(join, by: [0, 1, 5])])
        return Vectors(format: "sopro-federation-conformance/1", cases: cases)
    }
}
