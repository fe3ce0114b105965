import CatalogueStore
import Foundation
import SyncProtocol
import Testing

/// What the ledger keeps of documents anyone may offer: junk cannot fill the store, crowd out
/// a member's approval, or evict a held proposal; an event that came before its predecessor is
/// taken when offered again.
@Suite struct FederationLedgerTests {
    struct Partner {
        var region: String
        var key = NodeKey()
        var recovery = NodeKey()

        var member: RosterMember {
            RosterMember(
                region: region, name: "Region \(region)", keys: [key.authorID],
                recovery: RosterMember.commitment(to: recovery.authorID))
        }
    }
    let partners = ["AT11", "AT12", "AT13", "AT22", "HU22"].map { Partner(region: $0) }

    func roster(
        _ version: UInt64, after previous: SignedRoster?, _ members: [RosterMember], threshold: Int = 3
    )
        -> Roster
    {
        Roster(
            federation: "sopro-ledger", version: version, previous: previous?.id, threshold: threshold,
            members: members, issued: 1_795_737_600_000 + Int64(version))
    }

    func node(following genesis: SignedRoster) async throws -> CatalogueNode {
        let node = try await CatalogueNode(
            store: try SQLiteChangeStore.inMemory(),
            acceptance: ChangeAcceptance(roster: AuthorRoster([]), schema: CatalogueSchema.fieldSchema),
            mode: .mirror, name: "M", genesis: genesis.id)
        _ = try await node.offerFederation(versions: [genesis], events: [])
        return node
    }

    @Test func junkEventsAndSignaturesAreNotKeptAndAMembersApprovalStillCounts() async throws {
        let genesis = try SignedRoster(
            roster(1, after: nil, partners.map(\.member)), signedBy: partners.prefix(3).map(\.key))
        let node = try await node(following: genesis)
        #expect(node.federation.current?.version == 1)
        // Events for AT12 signed by throwaway recovery keys that commit to themselves.
        var junk: [SignedKeyEvent] = []
        for index in 0..<40 {
            let thrown = NodeKey()
            junk.append(
                try SignedKeyEvent(
                    KeyEvent(
                        federation: "sopro-ledger", region: "AT12", seq: UInt64(index % 3 + 1), previous: nil,
                        rosterVersion: 1, retiring: partners[1].key.authorID, last: 0, key: NodeKey().authorID,
                        recoveryKey: thrown.authorID, nextRecovery: RosterMember.commitment(to: thrown.authorID),
                        reason: .revocation, issued: Int64(index)),
                    recovery: thrown))
        }
        let answer = try await node.offerFederation(versions: [], events: junk)
        #expect(answer.events.allSatisfy { $0.outcome.name == "refused" })
        #expect(try await node.store.federationDocuments().events.isEmpty)
        #expect(node.federation.cutoffs.isEmpty)

        // A junk version listing many throwaway keys, and a real proposal flooded with their
        // signatures: the flood is dropped, the members' approvals count.
        let throwaway = (0..<60).map { _ in NodeKey() }
        let junkMembers = throwaway.enumerated().map { index, key in
            RosterMember(
                region: "X\(index)", name: "junk", keys: [key.authorID],
                recovery: RosterMember.commitment(to: key.authorID))
        }
        let junkVersion = try SignedRoster(
            roster(2, after: genesis, junkMembers, threshold: 31), signedBy: [throwaway[0]])
        let newcomer = Partner(region: "SK01")
        let join = roster(2, after: genesis, partners.map(\.member) + [newcomer.member], threshold: 4)
        var flooded = try SignedRoster(join, signedBy: [newcomer.key])
        for key in throwaway { try flooded.sign(with: key) }
        _ = try await node.offerFederation(versions: [junkVersion, flooded], events: [])
        let held = try #require(try await node.store.federationDocuments().versions.first { $0.id == flooded.id })
        #expect(held.signatures.map(\.key) == [newcomer.key.authorID], "only the newcomer's own signature is kept")
        for partner in partners.prefix(3) {
            var approval = SignedRoster(payload: flooded.payload)
            try approval.sign(with: partner.key)
            _ = try await node.offerFederation(versions: [approval], events: [])
        }
        #expect(node.federation.current?.version == 2, "three approvals and the newcomer: in force")
    }

    @Test func anEventOfferedBeforeItsPredecessorIsTakenWhenOfferedAgain() async throws {
        let genesis = try SignedRoster(
            roster(1, after: nil, partners.map(\.member)), signedBy: partners.prefix(3).map(\.key))
        let node = try await node(following: genesis)
        let second = NodeKey()
        let third = NodeKey()
        let first = try SignedKeyEvent(
            KeyEvent(
                federation: "sopro-ledger", region: "AT11", seq: 1, previous: nil, rosterVersion: 1,
                retiring: partners[0].key.authorID, last: 2, key: second.authorID,
                recoveryKey: partners[0].recovery.authorID,
                nextRecovery: RosterMember.commitment(to: partners[0].recovery.authorID), reason: .rotation, issued: 1),
            recovery: partners[0].recovery)
        let next = try SignedKeyEvent(
            KeyEvent(
                federation: "sopro-ledger", region: "AT11", seq: 2, previous: first.id, rosterVersion: 1,
                retiring: second.authorID, last: 5, key: third.authorID, recoveryKey: partners[0].recovery.authorID,
                nextRecovery: RosterMember.commitment(to: partners[0].recovery.authorID), reason: .rotation, issued: 2),
            recovery: partners[0].recovery)
        let early = try await node.offerFederation(versions: [], events: [next])
        #expect(early.events.first?.outcome.name == "refused")
        _ = try await node.offerFederation(versions: [], events: [first])
        let again = try await node.offerFederation(versions: [], events: [next])
        #expect(again.events.first?.outcome == .accepted)
        #expect(node.federation.cutoffs == [partners[0].key.authorID: 2, second.authorID: 5])
    }

    @Test func aHeldProposalIsNotEvictedByLaterOnes() async throws {
        let genesis = try SignedRoster(
            roster(1, after: nil, partners.map(\.member)), signedBy: partners.prefix(3).map(\.key))
        let node = try await node(following: genesis)
        let newcomer = Partner(region: "SK01")
        let request = try SignedRoster(
            roster(2, after: genesis, partners.map(\.member) + [newcomer.member], threshold: 4),
            signedBy: [newcomer.key])
        _ = try await node.offerFederation(versions: [request], events: [])
        // 40 more requests from strangers, whatever their ids.
        var strangers: [SignedRoster] = []
        for index in 0..<40 {
            let stranger = Partner(region: "Z\(index)")
            strangers.append(
                try SignedRoster(
                    roster(2, after: genesis, partners.map(\.member) + [stranger.member], threshold: 4),
                    signedBy: [stranger.key]))
        }
        _ = try await node.offerFederation(versions: strangers, events: [])
        let held = try await node.store.federationDocuments().versions.map(\.id)
        #expect(held.contains(request.id), "the first request stays")
        #expect(held.count == 1 + FederationLedger.maximumUnendorsed, "\(held.count) held")
    }
}
