import Foundation
import SyncProtocol
import Testing

/// Every refusal reason, each naming the change refused.
@Suite struct AcceptanceTests {
    let key = NodeKey()
    let stranger = NodeKey()

    func refusal(_ result: Replica.ReceiveResult?) -> SyncError? {
        if case .refused(let error)? = result { error } else { nil }
    }

    @Test func refusesUntrustedAuthors() throws {
        var replica = makeReplica(trusting: [key])
        let change = try sign([set("region", "AT12")], key: stranger)
        let error = try #require(refusal(replica.receive([change], now: testNow).first))
        #expect(error.code == .unknownAuthor)
        #expect(error.change?.author == stranger.authorID)
        #expect(error.change?.seq == 1)
        #expect(error.change?.id == change.id)
        #expect(error.description.hasPrefix("change \(stranger.authorID.short)…#1"))
    }

    @Test func refusesBadSignatures() throws {
        var replica = makeReplica(trusting: [key])
        var change = try sign([set("region", "AT12")], key: key)
        change.signature = try sign([set("region", "AT13")], key: key).signature
        #expect(refusal(replica.receive([change], now: testNow).first)?.code == .badSignature)
        // A valid signature by another key over the same payload is refused too.
        let forged = SignedChange(
            payload: change.payload, signature: try stranger.signature(for: change.payload, context: .change))
        #expect(refusal(replica.receive([forged], now: testNow).first)?.code == .badSignature)
        #expect(replica.versionVector == VersionVector())
    }

    @Test func refusesGapsNamingTheExpectedSeq() throws {
        var replica = makeReplica(trusting: [key])
        let first = try sign([set("region", "AT12")], key: key)
        let third = try sign([set("region", "AT13")], key: key, seq: 3, previous: first.id, time: testNow + 2)
        let error = try #require(refusal(replica.receive([third], now: testNow).first))
        #expect(error.code == .seqGap)
        #expect(error.expectedSeq == 1)
        #expect(error.isRetryable)
        #expect(replica.receive([first], now: testNow) == [.accepted])
        #expect(refusal(replica.receive([third], now: testNow).first)?.expectedSeq == 2)
    }

    @Test func refusesAWrongPrevious() throws {
        var replica = makeReplica(trusting: [key])
        let first = try sign([set("region", "AT12")], key: key)
        let other = try sign([set("region", "AT11")], key: key, time: testNow + 5)
        let second = try sign([set("region", "AT13")], key: key, seq: 2, previous: other.id, time: testNow + 10)
        _ = replica.receive([first], now: testNow)
        #expect(refusal(replica.receive([second], now: testNow + 10).first)?.code == .wrongPrevious)
    }

    @Test func refusesClocksFarAheadAsRetryable() throws {
        var replica = makeReplica(trusting: [key], skew: 300_000)
        let change = try sign([set("region", "AT12")], key: key, time: testNow + 300_001)
        let error = try #require(refusal(replica.receive([change], now: testNow).first))
        #expect(error.code == .clockAhead)
        #expect(error.isRetryable)
        #expect(replica.receive([change], now: testNow + 1) == [.accepted])
    }

    @Test func refusesAClockThatDoesNotAdvance() throws {
        var replica = makeReplica(trusting: [key])
        let first = try sign([set("region", "AT12")], key: key, time: testNow)
        let second = try sign([set("region", "AT13")], key: key, seq: 2, previous: first.id, time: testNow)
        _ = replica.receive([first], now: testNow)
        #expect(refusal(replica.receive([second], now: testNow).first)?.code == .clockNotAdvancing)
    }

    @Test(arguments: [
        (set("founded", 1998), "operation 0: enterprise has no field \"founded\""),
        (set("employees", "many"), "operation 0: employees takes integer values, not a string"),
        (set("sectors", "16"), "operation 0: sectors is a set: use add and remove, not set"),
        (add("region", "AT12"), "operation 0: region is not a set: use set"),
        (set("name.deutsch!", "x"), "operation 0: enterprise has no field \"name.deutsch!\""),
        (set("name.de", 5), "operation 0: name.de takes text, not an integer"),
        (set("region", "AT12", kind: "shop"), "operation 0: unknown kind \"shop\""),
    ])
    func refusesOperationsOutsideTheSchema(_ operation: EntryOperation, _ message: String) throws {
        var replica = makeReplica(trusting: [key])
        let error = try #require(refusal(replica.receive([try sign([operation], key: key)], now: testNow).first))
        #expect(error.code == .invalidOperation)
        #expect(error.message == message)
    }

    @Test func refusesOversizedChanges() throws {
        var replica = makeReplica(trusting: [key])
        var limits = ChangeLimits()
        limits.maximumOperations = 2
        let many = try sign([set("name.de", "a"), set("name.hu", "b"), set("name.en", "c")], key: key)
        #expect(refusal(replica.receive([many], now: testNow, limits: limits).first)?.code == .tooLarge)
        let long = try sign([set("name.de", .string(String(repeating: "x", count: 70_000)))], key: key)
        #expect(refusal(replica.receive([long], now: testNow).first)?.code == .tooLarge)
        limits = ChangeLimits()
        limits.maximumPayloadBytes = 100
        #expect(
            refusal(replica.receive([try sign([set("name.de", "a")], key: key)], now: testNow, limits: limits).first)?
                .code == .tooLarge)
    }

    @Test func refusesMalformedPayloadsAndOtherVersions() throws {
        var replica = makeReplica(trusting: [key])
        func signedPayload(_ text: String) throws -> SignedChange {
            let payload = Data(text.utf8)
            return SignedChange(payload: payload, signature: try key.signature(for: payload, context: .change))
        }
        let author = key.authorID.rawValue
        let cases: [(String, SyncError.Code)] = [
            ("not json", .malformed),
            ("[]", .malformed),
            (
                #"{"protocol":2,"schema":1,"author":"\#(author)","seq":1,"prev":null,"hlc":{"time":1,"counter":0},"editor":"e","ops":[]}"#,
                .unsupportedVersion
            ),
            (
                #"{"protocol":1,"schema":1,"author":"xyz","seq":1,"prev":null,"hlc":{"time":1,"counter":0},"editor":"e","ops":[]}"#,
                .malformed
            ),
            (
                #"{"protocol":1,"schema":1,"author":"\#(author)","seq":0,"prev":null,"hlc":{"time":1,"counter":0},"editor":"e","ops":[]}"#,
                .malformed
            ),
            (
                #"{"protocol":1,"schema":1,"author":"\#(author)","seq":2,"prev":null,"hlc":{"time":1,"counter":0},"editor":"e","ops":[]}"#,
                .malformed
            ),
            (
                #"{"protocol":1,"schema":1,"author":"\#(author)","seq":1,"prev":null,"hlc":{"time":1.5,"counter":0},"editor":"e","ops":[]}"#,
                .malformed
            ),
            (
                #"{"protocol":1,"schema":1,"author":"\#(author)","seq":1,"prev":null,"hlc":{"time":1,"counter":0},"editor":"","ops":[]}"#,
                .malformed
            ),
            (
                #"{"protocol":1,"schema":1,"author":"\#(author)","seq":1,"prev":null,"hlc":{"time":1,"counter":0},"editor":"e","ops":[{"op":"set"}]}"#,
                .invalidOperation
            ),
            (
                #"{"protocol":1,"schema":1,"author":"\#(author)","seq":1,"seq":1,"prev":null,"hlc":{"time":1,"counter":0},"editor":"e","ops":[]}"#,
                .malformed
            ),
            // Identifiers in canonical form only: an upper-case author id, or one in a tag.
            (
                #"{"protocol":1,"schema":1,"author":"\#(author.uppercased())","seq":1,"prev":null,"hlc":{"time":1,"counter":0},"editor":"e","ops":[]}"#,
                .malformed
            ),
            (
                #"{"protocol":1,"schema":1,"author":"\#(author)","seq":1,"prev":null,"hlc":{"time":1,"counter":0},"editor":"e","ops":[{"op":"set","kind":"enterprise","entry":"e1","field":"region","value":"AT12","supersedes":["\#(author.uppercased()):1:0"]}]}"#,
                .invalidOperation
            ),
            (
                #"{"protocol":1,"schema":1,"author":"\#(author)","seq":1,"prev":null,"hlc":{"time":1,"counter":0},"editor":"e","ops":[{"op":"set","kind":"enterprise","entry":"e1","field":"region","value":"AT12","supersedes":["\#(author):01:0"]}]}"#,
                .invalidOperation
            ),
        ]
        for (payload, code) in cases {
            let error = refusal(replica.receive([try signedPayload(payload)], now: testNow).first)
            #expect(error?.code == code, "\(payload)")
        }
        let valid = try signedPayload(
            #"{"protocol":1,"schema":1,"author":"\#(author)","seq":1,"prev":null,"hlc":{"time":1,"counter":0},"editor":"e","ops":[],"future":{"x":1}}"#
        )
        #expect(replica.receive([valid], now: testNow) == [.accepted], "unknown payload fields are kept, not refused")
    }

    @Test func detectsForksKeepsEvidenceAndQuarantinesTheAuthorFromTheForkOn() throws {
        var replica = makeReplica(trusting: [key])
        let first = try sign([set("region", "AT12")], key: key)
        let second = try sign([set("region", "AT13")], key: key, seq: 2, previous: first.id, time: testNow + 1)
        #expect(replica.receive([first, second], now: testNow + 1) == [.accepted, .accepted])
        let twin = try sign([set("region", "HU22")], key: key, seq: 2, previous: first.id, time: testNow + 2)
        let error = try #require(refusal(replica.receive([twin], now: testNow + 2).first))
        #expect(error.code == .fork)
        #expect(replica.forks.count == 1)
        #expect(Set(replica.forks.first?.ids ?? []) == [second.id, twin.id])
        #expect(replica.quarantine.from[key.authorID] == 2)
        // The catalogue holds the log only below the fork: seq 2 is no longer applied.
        #expect(replica.state[EntryKey(kind: "enterprise", id: "e1")]?.register("region")?.value == "AT12")
        // A later change of the kept branch is kept in the log, not applied, and not offered.
        let third = try sign([set("region", "AT11")], key: key, seq: 3, previous: second.id, time: testNow + 3)
        #expect(replica.receive([third], now: testNow + 3) == [.accepted])
        #expect(replica.state[EntryKey(kind: "enterprise", id: "e1")]?.register("region")?.value == "AT12")
        #expect(replica.exchangedVector[key.authorID] == 1)
        #expect(replica.changes(missingFrom: VersionVector()).changes == [first])
        #expect(replica.receive([first], now: testNow) == [.duplicate])
    }

    @Test func forkEvidenceFromAPeerQuarantinesAReplicaThatHeldOnlyOneBranch() throws {
        var replica = makeReplica(trusting: [key])
        let first = try sign([set("region", "AT12")], key: key)
        let second = try sign([set("region", "AT13")], key: key, seq: 2, previous: first.id, time: testNow + 1)
        let twin = try sign([set("region", "HU22")], key: key, seq: 2, previous: first.id, time: testNow + 2)
        #expect(replica.receive([first, second], now: testNow + 2) == [.accepted, .accepted])
        let evidence = try ForkEvidence(verifying: [twin, second])
        let new = replica.record(evidence)
        let again = replica.record(evidence)
        #expect(new)
        #expect(!again, "the same evidence again tells nothing new")
        #expect(replica.state[EntryKey(kind: "enterprise", id: "e1")]?.register("region")?.value == "AT12")
        #expect(throws: SyncError.self) { try ForkEvidence(verifying: [second, second]) }
        let tampered = SignedChange(payload: twin.payload, signature: second.signature)
        #expect(throws: SyncError.self) { try ForkEvidence(verifying: [second, tampered]) }
    }

    @Test func acceptsABatchInAnyOrder() throws {
        var replica = makeReplica(trusting: [key])
        var changes: [SignedChange] = []
        var previous: ChangeID?
        for seq in 1...5 {
            let change = try sign(
                [set("region", .string("AT1\(seq)"))], key: key, seq: UInt64(seq), previous: previous,
                time: testNow + Int64(seq))
            changes.append(change)
            previous = change.id
        }
        #expect(replica.receive(changes.reversed(), now: testNow + 10) == Array(repeating: .accepted, count: 5))
        #expect(replica.versionVector[key.authorID] == 5)
    }
}

@Suite struct DeltaTests {
    @Test func pagesByCountAndResumesFromTheContinuation() throws {
        let keys = [NodeKey(), NodeKey(), NodeKey()]
        var source = makeReplica(trusting: keys)
        for round in 0..<10 {
            for key in keys {
                _ = try source.publish(
                    [set("name.de", .string("v\(round)"), entry: key.authorID.short)], editor: "e", key: key,
                    now: testNow + Int64(round))
            }
        }
        var target = makeReplica(trusting: keys)
        var vector = target.versionVector
        var pages = 0
        while true {
            let page = source.changes(missingFrom: vector, maximumCount: 7)
            #expect(page.changes.count <= 7)
            #expect(target.receive(page.changes, now: testNow + 100).allSatisfy { $0 == .accepted })
            #expect(target.versionVector == page.continuation, "the continuation is exactly what was applied")
            vector = page.continuation
            pages += 1
            if page.isComplete { break }
        }
        #expect(pages == 5)
        #expect(target.digest == source.digest)
        #expect(source.changes(missingFrom: vector).changes.isEmpty)
    }

    @Test func pagesByBytesButAlwaysMakesProgress() throws {
        let key = NodeKey()
        var source = makeReplica(trusting: [key])
        for index in 0..<4 {
            _ = try source.publish(
                [set("name.de", .string(String(repeating: "x", count: 1000)), entry: "e\(index)")], editor: "e",
                key: key, now: testNow + Int64(index))
        }
        let page = source.changes(missingFrom: VersionVector(), maximumBytes: 10)
        #expect(page.changes.count == 1)
        #expect(!page.isComplete)
        let rest = source.changes(missingFrom: page.continuation, maximumBytes: 3000)
        #expect(rest.changes.count == 2)
    }

    @Test func versionVectorsCompare() throws {
        let (a, b) = (NodeKey().authorID, NodeKey().authorID)
        let small = VersionVector([a: 2])
        let large = VersionVector([a: 3, b: 1])
        #expect(large.dominates(small))
        #expect(!small.dominates(large))
        #expect(large.changesAhead(of: small) == 2)
        let json = try JSONEncoder().encode(large)
        #expect(try JSONDecoder().decode(VersionVector.self, from: json) == large)
    }
}
