import Foundation
import SoproTestSupport
import SyncProtocol
import Testing

/// The fold of roster versions and key events: order-independent, thresholds counted with the
/// keys key events gave, cut-offs from retired keys, and a replica that drops a revoked key's
/// later changes ending where one that never saw them ends.
@Suite struct FederationStateTests {
    typealias Partner = RosterChainTests.Partner
    let partners = ["AT11", "AT12", "AT13", "AT22", "HU22"].map { Partner(region: $0) }
    let newcomer = Partner(region: "SK01")

    func roster(
        _ version: UInt64, after previous: SignedRoster?, _ members: [Partner], retired: [RetiredKey] = []
    )
        -> Roster
    {
        Roster(
            federation: "sopro-test", version: version, previous: previous?.id, threshold: 3,
            members: members.map(\.member), issued: 1_795_737_600_000 + Int64(version), retired: retired)
    }

    func event(
        _ partner: Partner, seq: UInt64 = 1, previous: KeyEventID? = nil, to key: NodeKey, last: UInt64,
        rosterVersion: UInt64 = 1, signedBy recovery: NodeKey? = nil, reason: KeyEvent.Reason = .revocation
    ) throws -> SignedKeyEvent {
        let signer = recovery ?? partner.recovery
        return try SignedKeyEvent(
            KeyEvent(
                federation: "sopro-test", region: partner.region, seq: seq, previous: previous,
                rosterVersion: rosterVersion, retiring: partner.key.authorID, last: last, key: key.authorID,
                recoveryKey: signer.authorID, nextRecovery: RosterMember.commitment(to: signer.authorID),
                reason: reason, issued: 1_795_737_700_000),
            recovery: signer)
    }

    @Test func aJoinNeedsTheThresholdAndAnyOrderGivesTheSameState() throws {
        let genesis = try SignedRoster(roster(1, after: nil, partners), signedBy: partners.prefix(3).map(\.key))
        let join = roster(2, after: genesis, partners + [newcomer])
        let twoApprovals = try SignedRoster(join, signedBy: [newcomer.key, partners[0].key, partners[1].key])
        let outsider = NodeKey()
        var withOutsider = twoApprovals
        try withOutsider.sign(with: outsider)
        for versions in [[genesis, twoApprovals], [twoApprovals, genesis], [genesis, withOutsider]] {
            let state = FederationState(genesis: genesis.id, versions: versions, events: [])
            #expect(state.current?.version == 1)
            #expect(state.proposals.map(\.approvedBy) == [["AT11", "AT12"]])
            #expect(!state.authorRoster.contains(newcomer.key.authorID))
        }
        var three = twoApprovals
        try three.sign(with: partners[4].key)
        var random = SplitMix64(seed: 17)
        for _ in 0..<5 {
            let documents = [genesis, twoApprovals, three].shuffled(using: &random)
            let state = FederationState(genesis: genesis.id, versions: documents, events: [])
            #expect(state.current?.version == 2)
            #expect(state.authorRoster.contains(newcomer.key.authorID))
            #expect(state.proposals.isEmpty)
        }
        // Without the genesis it follows nothing; with another genesis id neither.
        #expect(FederationState(genesis: nil, versions: [genesis, three], events: []).chain == nil)
        #expect(
            FederationState(genesis: RosterID(payload: Data("x".utf8)), versions: [genesis, three], events: []).chain
                == nil)
    }

    @Test func twoValidVersionsWithOneNumberAreAForkAndNeitherCounts() throws {
        let genesis = try SignedRoster(roster(1, after: nil, partners), signedBy: partners.prefix(3).map(\.key))
        let a = try SignedRoster(
            roster(2, after: genesis, partners + [newcomer]), signedBy: partners.prefix(3).map(\.key) + [newcomer.key])
        let other = Partner(region: "SI03")
        let b = try SignedRoster(
            roster(2, after: genesis, partners + [other]), signedBy: partners.suffix(3).map(\.key) + [other.key])
        let state = FederationState(genesis: genesis.id, versions: [a, b, genesis], events: [])
        #expect(state.current?.version == 1)
        #expect(state.chain?.forks[2]?.versions.count == 2)
        #expect(!state.authorRoster.contains(newcomer.key.authorID) && !state.authorRoster.contains(other.key.authorID))
    }

    @Test func aLeavingMembersKeysEndAtTheCutOffTheVersionNames() throws {
        let genesis = try SignedRoster(roster(1, after: nil, partners), signedBy: partners.prefix(3).map(\.key))
        let withoutRetired = try SignedRoster(
            roster(2, after: genesis, Array(partners.dropLast())), signedBy: partners.prefix(3).map(\.key))
        #expect(
            FederationState(genesis: genesis.id, versions: [genesis, withoutRetired], events: []).current?.version == 1)
        let leave = try SignedRoster(
            roster(
                2, after: genesis, Array(partners.dropLast()),
                retired: [RetiredKey(key: partners[4].key.authorID, last: 7)]),
            signedBy: partners.prefix(3).map(\.key))
        let state = FederationState(genesis: genesis.id, versions: [genesis, leave], events: [])
        #expect(state.current?.version == 2)
        #expect(state.cutoffs == [partners[4].key.authorID: 7])
        #expect(state.authorRoster.contains(partners[4].key.authorID), "its history stays")
        #expect(state.members.first { $0.region == "HU22" }?.isCurrent == false)
    }

    @Test func aKeyEventSignedByTheCommittedRecoveryKeyReplacesTheKey() throws {
        let genesis = try SignedRoster(roster(1, after: nil, partners), signedBy: partners.prefix(3).map(\.key))
        let newKey = NodeKey()
        let good = try event(partners[0], to: newKey, last: 4)
        let wrongRecovery = try event(partners[0], to: NodeKey(), last: 2, signedBy: NodeKey())
        let state = FederationState(genesis: genesis.id, versions: [genesis], events: [wrongRecovery, good])
        #expect(state.appliedEvents.map(\.signed.id) == [good.id])
        #expect(state.waitingEvents.map(\.signed.id) == [wrongRecovery.id])
        #expect(state.cutoffs == [partners[0].key.authorID: 4])
        #expect(state.members.first?.keys == [newKey.authorID])
        #expect(state.authorRoster.contains(newKey.authorID))
        // The new key signs for AT11 on the next version; the retired one no longer counts.
        let next = roster(2, after: genesis, partners, retired: [])
        var members = next.members
        members[0].keys = [newKey.authorID]
        let withNewKey = Roster(
            federation: next.federation, version: 2, previous: genesis.id, threshold: 3, members: members,
            issued: next.issued, retired: [RetiredKey(key: partners[0].key.authorID, last: 4)])
        let byOldKey = try SignedRoster(withNewKey, signedBy: [partners[0].key, partners[1].key, partners[2].key])
        #expect(
            FederationState(genesis: genesis.id, versions: [genesis, byOldKey], events: [good]).current?.version == 1)
        let byNewKey = try SignedRoster(withNewKey, signedBy: [newKey, partners[1].key, partners[2].key])
        #expect(
            FederationState(genesis: genesis.id, versions: [genesis, byNewKey], events: [good]).current?.version == 2)
        // Two different valid first events: a key fork, neither applied.
        let rival = try event(partners[0], to: NodeKey(), last: 3)
        let forked = FederationState(genesis: genesis.id, versions: [genesis], events: [good, rival])
        #expect(forked.appliedEvents.isEmpty && forked.keyForks.count == 1 && forked.cutoffs.isEmpty)
    }

    @Test func aReplicaThatDropsARevokedKeysLaterChangesEqualsOneThatNeverSawThem() throws {
        let thief = partners[0].key
        let schema = testSchema
        let roster = AuthorRoster(
            partners.map { TrustedAuthor(id: $0.key.authorID, region: $0.region, name: $0.region) })
        var honest = Replica(acceptance: ChangeAcceptance(roster: roster, schema: schema))
        let now: Int64 = 1_795_737_600_000
        func op(_ value: String, _ entry: String) -> EntryOperation {
            EntryOperation(
                kind: "enterprise", entry: entry, action: .set(field: "name.de", value: .string(value), supersedes: []))
        }
        let legitimate = try honest.publish(
            [op("Werkstatt", "0192f3a4-5b6c-7d8e-9f01-000000000001")], editor: "e", key: thief, now: now)
        var robbed = honest
        _ = try robbed.publish(
            [op("Fake", "0192f3a4-5b6c-7d8e-9f01-000000000001")], editor: "x", key: thief, now: now + 5)
        _ = try robbed.publish(
            [op("Spam", "0192f3a4-5b6c-7d8e-9f01-000000000002")], editor: "x", key: thief, now: now + 6)
        #expect(robbed.state.digest != honest.state.digest)
        let later = try #require(robbed.changes(missingFrom: VersionVector()).changes.last)
        robbed.updateTrust(roster: roster, cutoffs: [thief.authorID: legitimate.seq])
        honest.updateTrust(roster: roster, cutoffs: [thief.authorID: legitimate.seq])
        #expect(robbed.state.digest == honest.state.digest)
        let results = honest.receive([later], now: now + 10)
        #expect(
            results.first.map { if case .refused(let error) = $0 { error.code == .keyRetired } else { false } } == true)
    }

    @Test func anEventCannotTakeAnotherRegionsKeyNorAddKeysAfterItsRegionLeft() throws {
        let genesis = try SignedRoster(roster(1, after: nil, partners), signedBy: partners.prefix(3).map(\.key))
        // AT11's recovery key names AT12's key as AT11's new one: not applied.
        let grab = try SignedKeyEvent(
            KeyEvent(
                federation: "sopro-test", region: "AT11", seq: 1, previous: nil, rosterVersion: 1,
                retiring: partners[0].key.authorID, last: 0, key: partners[1].key.authorID,
                recoveryKey: partners[0].recovery.authorID,
                nextRecovery: RosterMember.commitment(to: partners[0].recovery.authorID), reason: .rotation,
                issued: 1),
            recovery: partners[0].recovery)
        let state = FederationState(genesis: genesis.id, versions: [genesis], events: [grab])
        #expect(state.appliedEvents.isEmpty && state.cutoffs.isEmpty)
        // HU22 leaves; its recovery key then introduces a new key: the cut-off stands, the key
        // is not trusted.
        let leave = try SignedRoster(
            roster(
                2, after: genesis, Array(partners.prefix(4)),
                retired: [RetiredKey(key: partners[4].key.authorID, last: 5)]),
            signedBy: partners.prefix(3).map(\.key))
        let afterLeaving = NodeKey()
        let rotation = try event(partners[4], to: afterLeaving, last: 3, rosterVersion: 2)
        let left = FederationState(genesis: genesis.id, versions: [genesis, leave], events: [rotation])
        #expect(left.current?.version == 2)
        #expect(!left.authorRoster.contains(afterLeaving.authorID), "a former partner's events add no trust")
        #expect(left.cutoffs[partners[4].key.authorID] == 3, "the lower cut-off holds")
    }

    @Test func onlyAMajorityGenesisOfExactlyTheTrustedAuthorsIsAdopted() throws {
        let trusted = AuthorRoster(
            partners.map { TrustedAuthor(id: $0.key.authorID, region: $0.region, name: $0.region) })
        let full = try SignedRoster(roster(1, after: nil, partners), signedBy: partners.prefix(3).map(\.key))
        #expect(FederationState.adoptableGenesis([full], trusting: trusted) == full.id)
        // One insider's genesis of itself alone, or of everyone with a threshold of 1.
        let alone = try SignedRoster(
            Roster(
                federation: "sopro-test", version: 1, previous: nil, threshold: 1, members: [partners[0].member],
                issued: 9), signedBy: [partners[0].key])
        let minority = try SignedRoster(
            Roster(
                federation: "sopro-test", version: 1, previous: nil, threshold: 1, members: partners.map(\.member),
                issued: 9), signedBy: [partners[0].key])
        #expect(FederationState.adoptableGenesis([alone], trusting: trusted) == nil)
        #expect(FederationState.adoptableGenesis([minority], trusting: trusted) == nil)
        #expect(FederationState.adoptableGenesis([full, alone, minority], trusting: trusted) == full.id)
        // Two majority geneses (someone signed both): neither.
        let other = try SignedRoster(
            Roster(
                federation: "sopro-test", version: 1, previous: nil, threshold: 3, members: partners.map(\.member),
                issued: 10), signedBy: partners.suffix(3).map(\.key))
        #expect(FederationState.adoptableGenesis([full, other], trusting: trusted) == nil)
    }
}
