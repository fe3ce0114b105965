import Foundation
import SoproTestSupport
import SyncProtocol
import Testing

/// The federation's membership as signed, versioned data: thresholds, replays, gaps and forks.
@Suite struct RosterChainTests {
    /// Five partners, each with a signing key and a recovery key.
    struct Partner {
        var region: String
        var key = NodeKey()
        var recovery = NodeKey()

        var member: RosterMember {
            RosterMember(
                region: region, name: "Region \(region)", url: "https://\(region.lowercased()).example",
                keys: [key.authorID], recovery: RosterMember.commitment(to: recovery.authorID))
        }
    }

    let partners = ["AT11", "AT12", "AT13", "AT22", "HU22"].map { Partner(region: $0) }

    /// The code of the roster error `body` throws; `nil` when it throws none.
    static func code(_ body: () throws -> Void) -> RosterError.Code? {
        do {
            try body()
            return nil
        } catch let error as RosterError {
            return error.code
        } catch {
            return nil
        }
    }

    func roster(
        version: UInt64, previous: SignedRoster?, members: [Partner], threshold: Int = 3
    ) -> Roster {
        Roster(
            federation: "sopro-test", version: version, previous: previous?.id, threshold: threshold,
            members: members.map(\.member), issued: 1_795_737_600_000 + Int64(version),
            retired: Self.retired(after: previous, keeping: members.map(\.member)))
    }

    /// The keys of `previous`'s members that `members` no longer hold, retired with nothing kept.
    static func retired(after previous: SignedRoster?, keeping members: [RosterMember]) -> [RetiredKey] {
        guard let before = try? previous?.roster() else { return [] }
        let kept = Set(members.flatMap(\.keys))
        return before.members.flatMap(\.keys).filter { !kept.contains($0) }.sorted().map {
            RetiredKey(key: $0, last: 0)
        }
    }

    func genesis() throws -> SignedRoster {
        try SignedRoster(roster(version: 1, previous: nil, members: partners), signedBy: partners.prefix(3).map(\.key))
    }

    @Test func theGenesisNeedsItsOwnThreshold() throws {
        let chain = try RosterChain(genesis: try genesis())
        #expect(chain.current.version == 1 && chain.current.members.count == 5)
        let underSigned = try SignedRoster(
            roster(version: 1, previous: nil, members: partners), signedBy: partners.prefix(2).map(\.key))
        #expect(Self.code { _ = try RosterChain(genesis: underSigned) } == .notEnoughSignatures)
        let configured = RosterID(payload: Data("another".utf8))
        #expect(Self.code { _ = try RosterChain(genesis: try genesis(), expecting: configured) } == .wrongGenesis)
    }

    @Test func aNewPartnerJoinsWithTheThresholdsApprovals() throws {
        let genesis = try genesis()
        var chain = try RosterChain(genesis: genesis)
        let newcomer = Partner(region: "SK01")
        let next = roster(version: 2, previous: genesis, members: partners + [newcomer])
        // Three of five existing members approve; the new version's own threshold (3 of 6) is met
        // by the same three.
        let approved = try SignedRoster(next, signedBy: partners.prefix(3).map(\.key))
        #expect(try chain.offer(approved) == .accepted)
        #expect(chain.current.member(holding: newcomer.key.authorID)?.region == "SK01")
        #expect(chain.current.authorRoster.author(newcomer.key.authorID)?.region == "SK01")
        #expect(try chain.offer(approved) == .known)
    }

    @Test func tooFewApprovalsOrOutsidersSignaturesAreRefused() throws {
        let genesis = try genesis()
        var chain = try RosterChain(genesis: genesis)
        let newcomer = Partner(region: "SK01")
        let next = roster(version: 2, previous: genesis, members: partners + [newcomer])
        let twoOfFive = try SignedRoster(next, signedBy: partners.prefix(2).map(\.key))
        #expect(Self.code { _ = try chain.offer(twoOfFive) } == .notEnoughSignatures)
        // The newcomer and an outsider sign too: neither is a member of version 1.
        let padded = try SignedRoster(next, signedBy: partners.prefix(2).map(\.key) + [newcomer.key, NodeKey()])
        #expect(Self.code { _ = try chain.offer(padded) } == .notEnoughSignatures)
        // One member signing with the same key three times counts once.
        var repeated = SignedRoster(payload: next.payload)
        for _ in 0..<3 { try repeated.sign(with: partners[0].key) }
        repeated.signatures += repeated.signatures
        #expect(Self.code { _ = try chain.offer(repeated) } == .notEnoughSignatures)
        // Signatures that do not verify count for nothing.
        var forged = try SignedRoster(next, signedBy: partners.prefix(3).map(\.key))
        forged.signatures[0].signature = Data(repeating: 1, count: 64)
        #expect(Self.code { _ = try chain.offer(forged) } == .notEnoughSignatures)
        // A signature made for a change is not one for a roster.
        var wrongContext = SignedRoster(payload: next.payload)
        for partner in partners.prefix(3) {
            wrongContext.signatures.append(
                .init(
                    key: partner.key.authorID, signature: try partner.key.signature(for: next.payload, context: .change)
                ))
        }
        #expect(Self.code { _ = try chain.offer(wrongContext) } == .notEnoughSignatures)
        #expect(chain.current.version == 1)
    }

    @Test func removingAMemberNeedsThePreviousMembersApproval() throws {
        let genesis = try genesis()
        var chain = try RosterChain(genesis: genesis)
        // Four remain; the departing member does not sign, three of the remaining do.
        let next = roster(version: 2, previous: genesis, members: Array(partners.prefix(4)), threshold: 3)
        let signed = try SignedRoster(next, signedBy: partners.prefix(3).map(\.key))
        #expect(try chain.offer(signed) == .accepted)
        #expect(chain.current.member(holding: partners[4].key.authorID) == nil)
        #expect(chain.current.authorRoster.author(partners[4].key.authorID) == nil)
    }

    @Test func oldVersionsReplayedAndSkippedVersionsAreRefused() throws {
        let genesis = try genesis()
        var chain = try RosterChain(genesis: genesis)
        let second = try SignedRoster(
            roster(version: 2, previous: genesis, members: partners, threshold: 4),
            signedBy: partners.prefix(4).map(\.key))
        try chain.offer(second)
        let third = try SignedRoster(
            roster(version: 3, previous: second, members: partners, threshold: 4),
            signedBy: partners.prefix(4).map(\.key))
        let fourth = try SignedRoster(
            roster(version: 4, previous: third, members: partners, threshold: 4),
            signedBy: partners.prefix(4).map(\.key))
        #expect(Self.code { _ = try chain.offer(fourth) } == .gap)
        try chain.offer(third)
        try chain.offer(fourth)
        #expect(chain.current.version == 4)
        // The genesis replayed is known; a different version 1 is a rollback (the genesis is fixed).
        #expect(try chain.offer(genesis) == .known)
        let otherGenesis = try SignedRoster(
            roster(version: 1, previous: nil, members: partners, threshold: 1), signedBy: [partners[0].key])
        #expect(Self.code { _ = try chain.offer(otherGenesis) } == .rollback)
        // A version 3 that was never validly signed is refused as a rollback, not taken as a fork.
        let unsignedThird = try SignedRoster(
            roster(version: 3, previous: second, members: Array(partners.prefix(3)), threshold: 2),
            signedBy: [partners[0].key])
        #expect(Self.code { _ = try chain.offer(unsignedThird) } == .rollback)
        #expect(chain.current.version == 4 && chain.forks.isEmpty)
        // Naming the wrong predecessor is refused.
        let astray = try SignedRoster(
            roster(version: 5, previous: second, members: partners, threshold: 4),
            signedBy: partners.prefix(4).map(\.key))
        #expect(Self.code { _ = try chain.offer(astray) } == .wrongPrevious)
    }

    @Test func twoValidVersionsWithOneNumberAreAForkAndNeitherIsAccepted() throws {
        let genesis = try genesis()
        let a = try SignedRoster(
            roster(version: 2, previous: genesis, members: partners + [Partner(region: "SK01")]),
            signedBy: partners.prefix(3).map(\.key))
        let b = try SignedRoster(
            roster(version: 2, previous: genesis, members: Array(partners.prefix(4))),
            signedBy: partners[1...3].map(\.key))
        let third = try SignedRoster(
            roster(version: 3, previous: a, members: partners), signedBy: partners.prefix(3).map(\.key))
        // Whichever a node saw first, it ends at version 1 with the fork recorded.
        var first = try RosterChain(genesis: genesis)
        try first.offer(a)
        try first.offer(third)
        #expect(Self.code { _ = try first.offer(b) } == .fork)
        var second = try RosterChain(genesis: genesis)
        try second.offer(b)
        #expect(Self.code { _ = try second.offer(a) } == .fork)
        for chain in [first, second] {
            #expect(chain.current.version == 1)
            #expect(Set(chain.forks[2]?.versions.map(\.id) ?? []) == [a.id, b.id])
        }
        #expect(Self.code { _ = try first.offer(a) } == .fork)
        #expect(Self.code { _ = try first.offer(third) } == .gap)
    }

    @Test func malformedPayloadsNameWhatIsWrong() throws {
        func problem(_ json: String) -> String? {
            do {
                _ = try Roster(parsing: Data(json.utf8))
                return nil
            } catch {
                return error.message
            }
        }
        let key = NodeKey().authorID.rawValue
        let hash = String(repeating: "a", count: 64)
        let member = #"{"region":"AT12","name":"NÖ","keys":["\#(key)"],"recovery":"\#(hash)"}"#
        let valid =
            #"{"roster":1,"federation":"f","version":1,"previous":null,"threshold":1,"issued":0,"members":[\#(member)]}"#
        #expect(problem(valid) == nil)
        #expect(
            problem(valid.replacingOccurrences(of: #""threshold":1"#, with: #""threshold":2"#))?.contains("threshold")
                == true)
        #expect(
            problem(valid.replacingOccurrences(of: #""version":1"#, with: #""version":2"#))?.contains("previous")
                == true)
        #expect(
            problem(valid.replacingOccurrences(of: "[\(member)]", with: "[\(member),\(member)]"))?.contains("twice")
                == true)
        #expect(problem(valid.replacingOccurrences(of: "AT12", with: "at12"))?.contains("region") == true)
        #expect(problem(valid.replacingOccurrences(of: hash, with: "xyz"))?.contains("recovery") == true)
        #expect(
            problem(valid.replacingOccurrences(of: #""roster":1"#, with: #""roster":2"#))?.contains("roster") == true)
        #expect(problem("[]")?.contains("object") == true)
    }

    @Test func aVersionReadsBackAsWritten() throws {
        let written = roster(version: 1, previous: nil, members: partners)
        let read = try Roster(parsing: written.payload)
        #expect(read == written)
        #expect(read.payload == written.payload)
        let signed = try SignedRoster(written, signedBy: [partners[0].key])
        let travelled = try JSONDecoder().decode(SignedRoster.self, from: try JSONEncoder().encode(signed))
        #expect(travelled == signed && travelled.id == signed.id)
    }
}
