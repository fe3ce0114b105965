import Foundation
import PropertyBased
import SoproTestSupport
import SyncProtocol
import Testing

/// Builds a random history: authors publish operations derived from their own view (so
/// supersede and remove tags are realistic) and now and then sync part of another's log, which
/// creates concurrent and causally ordered writes alike.
struct Scenario {
    let keys: [NodeKey]
    private(set) var changes: [SignedChange] = []

    init(seed: UInt64, authors: Int = 4, steps: Int = 40) throws {
        var rng = SplitMix64(seed: seed)
        keys = (0..<authors).map { _ in NodeKey() }
        var replicas = keys.map { _ in makeReplica(trusting: keys) }
        var now = testNow
        let entries = ["e1", "e2", "e3"]
        let values: [SyncValue] = ["a", "b", "c", "d"]
        for _ in 0..<steps {
            now += Int64.random(in: 0...3, using: &rng)
            let who = Int.random(in: 0..<authors, using: &rng)
            if Int.random(in: 0..<4, using: &rng) == 0 {
                // Pull a random prefix of another author's delta.
                let from = Int.random(in: 0..<authors, using: &rng)
                let page = replicas[from].changes(
                    missingFrom: replicas[who].versionVector, maximumCount: Int.random(in: 1...20, using: &rng))
                _ = replicas[who].receive(page.changes, now: now)
                continue
            }
            var operations: [EntryOperation] = []
            for _ in 0...Int.random(in: 0...2, using: &rng) {
                let entry = entries[Int.random(in: 0..<entries.count, using: &rng)]
                let state = replicas[who].state[EntryKey(kind: "enterprise", id: entry)]
                let value = values[Int.random(in: 0..<values.count, using: &rng)]
                switch Int.random(in: 0..<7, using: &rng) {
                case 0, 1:
                    let field = ["name.de", "name.hu", "region"][Int.random(in: 0..<3, using: &rng)]
                    let seen = Bool.random(using: &rng) ? (state?.register(field)?.liveTags ?? []) : []
                    operations.append(set(field, value, entry: entry, supersedes: seen))
                case 2, 3:
                    operations.append(add("sectors", value, entry: entry))
                case 4:
                    let tags = state?.set("sectors")?.tags(of: value) ?? []
                    operations.append(
                        EntryOperation(
                            kind: "enterprise", entry: entry,
                            action: .remove(field: "sectors", value: value, tags: tags)))
                case 5:
                    operations.append(
                        EntryOperation(
                            kind: "enterprise", entry: entry,
                            action: .retract(supersedes: state?.retraction.liveTags ?? [])))
                default:
                    operations.append(
                        EntryOperation(
                            kind: "enterprise", entry: entry,
                            action: .restore(supersedes: state?.retraction.liveTags ?? [])))
                }
            }
            let change = try replicas[who].publish(operations, editor: "editor\(who)", key: keys[who], now: now)
            changes.append(change.signed)
        }
    }
}

/// Delivers `changes` to `replica` in a random order, in random batches, with duplicates, and
/// with some changes held back until the end; refused gaps are retried until nothing moves.
func deliver(_ changes: [VerifiedChange], to replica: inout Replica, rng: inout SplitMix64) {
    let shuffled = changes.shuffled(using: &rng)
    let heldBack = shuffled.filter { _ in Int.random(in: 0..<5, using: &rng) == 0 }
    var pending = shuffled.filter { !heldBack.contains($0) }
    pending += pending.filter { _ in Int.random(in: 0..<4, using: &rng) == 0 }  // duplicates
    pending.shuffle(using: &rng)
    var released = false
    var stalledBatches = 0
    while !pending.isEmpty || !released {
        // Release the held-back changes once the rest has moved as far as it can.
        if pending.isEmpty || stalledBatches > 10 * pending.count + 20 {
            guard !released else { break }
            released = true
            stalledBatches = 0
            pending += heldBack.shuffled(using: &rng)
            continue
        }
        let size = min(pending.count, Int.random(in: 1...6, using: &rng))
        let batch = Array(pending.prefix(size))
        pending.removeFirst(size)
        // Batches arrive in (author, seq) order as `Replica.receive(_: [SignedChange])` sorts
        // them; verification is done once up front, since only the merge is under test here.
        let sorted = batch.sorted { ($0.author, $0.seq) < ($1.author, $1.seq) }
        let results = sorted.map { replica.receive($0, now: testNow + 1_000_000) }
        var progressed = false
        for (change, result) in zip(sorted, results) {
            switch result {
            case .accepted: progressed = true
            case .refused(let error) where error.isRetryable:
                pending.insert(change, at: Int.random(in: 0...pending.count, using: &rng))
            case .refused(let error):
                Issue.record("refused for good: \(error)")
            default: break
            }
        }
        stalledBatches = progressed ? 0 : stalledBatches + 1
    }
}

@Suite struct ConvergencePropertyTests {
    @Test func replicasConvergeWhateverTheDeliveryOrder() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...Int.max)) { seed in
            let scenario = try Scenario(seed: UInt64(seed), authors: 4, steps: 40)
            let verified = try scenario.changes.map { try $0.verified() }
            var rng = SplitMix64(seed: UInt64(seed) ^ 0xDEAD_BEEF)
            var digests: [String] = []
            var vectors: [VersionVector] = []
            for _ in 0..<3 {
                var replica = makeReplica(trusting: scenario.keys)
                deliver(verified, to: &replica, rng: &rng)
                digests.append(replica.digest)
                vectors.append(replica.versionVector)
            }
            #expect(Set(digests).count == 1, "seed \(seed)")
            #expect(vectors.allSatisfy { $0.changesAhead(of: VersionVector()) == UInt64(scenario.changes.count) })
        }
    }

    @Test func mergingIsCommutativeAndAssociativeOnTheStateItself() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...Int.max)) { seed in
            let scenario = try Scenario(seed: UInt64(seed), authors: 4, steps: 30)
            let verified = try scenario.changes.map { try $0.verified() }
            var rng = SplitMix64(seed: UInt64(seed))
            var reference = CatalogueState()
            for change in verified { reference.apply(change) }
            // Any order, any grouping, any repetition: the state only depends on the set.
            for _ in 0..<3 {
                var state = CatalogueState()
                for change in verified.shuffled(using: &rng) + verified.shuffled(using: &rng).prefix(5) {
                    state.apply(change)
                }
                #expect(state.digest == reference.digest, "seed \(seed)")
                #expect(state == reference)
            }
        }
    }

    @Test func flippingAnyByteIsRefused() async throws {
        let key = NodeKey()
        let change = try sign([set("name.de", "Holzwerkstatt"), add("sectors", "16.23")], key: key)
        let replica = makeReplica(trusting: [key])
        let size = change.payload.count + change.signature.count
        await propertyCheck(count: 400, input: Gen.int(in: 0..<size), Gen<UInt8>.value(in: 1...255)) { position, mask in
            var tampered = change
            if position < change.payload.count {
                tampered.payload[position] ^= mask
            } else {
                tampered.signature[position - change.payload.count] ^= mask
            }
            var copy = replica
            let result = copy.receive([tampered], now: testNow).first
            guard case .refused(let error)? = result else {
                Issue.record("a tampered change was accepted (byte \(position) ^ \(mask))")
                return
            }
            #expect(
                [.badSignature, .malformed, .tooLarge, .invalidOperation, .unsupportedVersion].contains(error.code))
            #expect(copy.versionVector == VersionVector())
        }
    }

    @Test func forksAreDetectedWhicheverCopyArrivesFirst() async throws {
        await propertyCheck(count: 40, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: UInt64(seed))
            let key = NodeKey()
            let honest = NodeKey()
            var history: [SignedChange] = []
            var previous: ChangeID?
            for seq in 1...5 {
                let change = try sign(
                    [set("region", .string("AT1\(seq)"))], key: key, seq: UInt64(seq), previous: previous,
                    time: testNow + Int64(seq))
                history.append(change)
                previous = change.id
            }
            let forkSeq = Int.random(in: 1...5, using: &rng)
            let rival = try sign(
                [set("region", "HU22")], key: key, seq: UInt64(forkSeq),
                previous: forkSeq == 1 ? nil : history[forkSeq - 2].id,
                time: testNow + Int64(forkSeq))
            let other = try sign([set("name.de", "x", entry: "e9")], key: honest)
            var replica = makeReplica(trusting: [key, honest])
            var deliveries = Array(history.prefix(forkSeq - 1)) + [rival, history[forkSeq - 1], other]
            if Bool.random(using: &rng) { deliveries.swapAt(forkSeq - 1, forkSeq) }
            let results = deliveries.flatMap { replica.receive([$0], now: testNow + 10) }
            let forkResults = results.compactMap { result -> SyncError? in
                if case .refused(let error) = result, error.code == .fork { error } else { nil }
            }
            #expect(forkResults.count == 1)
            #expect(replica.forks.count == 1)
            #expect(replica.quarantine.from[key.authorID] == UInt64(forkSeq))
            #expect(replica.quarantine.from[honest.authorID] == nil)
            #expect(results.last == .accepted, "other authors are unaffected")
        }
    }
}
