import Crypto
import Foundation
import SyncProtocol

// Measures applying changes with signature verification against the raw Ed25519 verification
// rate of this machine, in the same run, so the ratio holds on noisy machines.
//
//   swift run -c release sync-benchmarks [changes]     (default 100000)

let total = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 100_000
let authors = 5  // rawVerify assumes 5
let clock = ContinuousClock()

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func rate(_ count: Int, _ duration: Duration) -> Double { Double(count) / seconds(duration) }

let schema = FieldSchema(kinds: [
    "enterprise": ["name": .localized, "region": .register(.string), "sectors": .set(.string)]
])

print("Preparing \(total) signed changes from \(authors) authors …")
let keys = (0..<authors).map { _ in NodeKey() }
let roster = AuthorRoster(
    keys.enumerated().map { TrustedAuthor(id: $0.element.authorID, region: "AT1\($0.offset)", name: "n\($0.offset)") })
let start: Int64 = 1_795_737_600_000
var changes: [SignedChange] = []
changes.reserveCapacity(total)
var previous: [ChangeID?] = Array(repeating: nil, count: authors)
for index in 0..<total {
    let author = index % authors
    let seq = UInt64(index / authors + 1)
    let entry = "entry-\(index % 20_000)"
    let operations = [
        EntryOperation(
            kind: "enterprise", entry: entry,
            action: .set(field: "name.de", value: .string("Werkstatt \(index)"), supersedes: [])),
        EntryOperation(kind: "enterprise", entry: entry, action: .set(field: "region", value: "AT12", supersedes: [])),
        EntryOperation(
            kind: "enterprise", entry: entry, action: .add(field: "sectors", value: .string("\(10 + index % 20)"))),
    ]
    let change = try ChangeSigner.sign(
        operations: operations, editor: "editor@region\(author)", seq: seq, previous: previous[author],
        hlc: HLCTimestamp(time: start + Int64(index)), key: keys[author])
    previous[author] = change.id
    changes.append(change)
}
let averageBytes = changes.reduce(0) { $0 + $1.payload.count } / total
print("Average payload: \(averageBytes) bytes, 3 operations per change")

// Raw Ed25519: the same messages and signatures, straight into swift-crypto.
// Read-only after this point; shared with the verifying tasks.
nonisolated(unsafe) let publicKeys = try keys.map { try $0.authorID.publicKey }
nonisolated(unsafe) let messages = changes.map { SignatureContext.change.message(for: $0.payload) }
nonisolated(unsafe) let signed = changes
nonisolated func rawVerify(_ range: Range<Int>) -> Int {
    var valid = 0
    for index in range where publicKeys[index % 5].isValidSignature(signed[index].signature, for: messages[index]) {
        valid += 1
    }
    return valid
}
let rawOne = clock.measure { precondition(rawVerify(0..<total) == total) }
let rawTwo = await clock.measure {
    await withTaskGroup(of: Int.self) { group in
        group.addTask { rawVerify(0..<total / 2) }
        group.addTask { rawVerify(total / 2..<total) }
        var valid = 0
        for await count in group { valid += count }
        precondition(valid == total)
    }
}

// sopro: verify (parse, limits, signature) and apply (acceptance rules, CRDT merge), in
// batches of 1,000 as a pull page would bring them.
func apply(concurrency: Int) async -> (Duration, String) {
    var replica = Replica(acceptance: ChangeAcceptance(roster: roster, schema: schema))
    var order: [SignedChange] = []
    order.reserveCapacity(total)
    // Author by author, as a delta page sends them.
    for author in 0..<authors { order += stride(from: author, to: total, by: authors).map { signed[$0] } }
    let batches = stride(from: 0, to: order.count, by: 1000).map { Array(order[$0..<min(order.count, $0 + 1000)]) }
    let duration = await clock.measure {
        if concurrency == 1 {
            for batch in batches {
                let verified = batch.map { change in Result { () throws(SyncError) in try change.verified() } }
                let results = replica.receive(verified: verified, now: start + Int64(total))
                precondition(results.allSatisfy { $0 == .accepted }, "a change was refused")
            }
        } else {
            // Pipelined as a node does it: the next batch is verified on both cores while the
            // current one is applied.
            var next = Task { await ChangeVerifier.verify(batches[0], concurrency: concurrency) }
            for index in batches.indices {
                let verified = await next.value
                if index + 1 < batches.count {
                    let upcoming = batches[index + 1]
                    next = Task { await ChangeVerifier.verify(upcoming, concurrency: concurrency) }
                }
                let results = replica.receive(verified: verified, now: start + Int64(total))
                precondition(results.allSatisfy { $0 == .accepted }, "a change was refused")
            }
        }
    }
    return (duration, replica.digest)
}
let (oneCore, digestOne) = await apply(concurrency: 1)
let (twoCores, digestTwo) = await apply(concurrency: 2)
precondition(digestOne == digestTwo)

let rawOneRate = rate(total, rawOne)
func line(_ name: String, _ value: Double, _ ratio: Double? = nil) {
    let ratioText = ratio.map { String(format: "  %.2f × raw one-core", $0) } ?? ""
    print(name.padding(toLength: 46, withPad: " ", startingAt: 0) + String(format: "%10.0f /s", value) + ratioText)
}
print("")
print("Machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; \(total) changes")
line("raw Ed25519 verify, 1 core", rawOneRate, 1)
line("raw Ed25519 verify, 2 cores", rate(total, rawTwo), rate(total, rawTwo) / rawOneRate)
line("apply with verification, 1 core", rate(total, oneCore), rate(total, oneCore) / rawOneRate)
line("apply with verification, 2 cores", rate(total, twoCores), rate(total, twoCores) / rawOneRate)
print("state digest: \(digestOne)")

// Where the time goes: verification alone, and applying already verified changes alone.
let verifyOnly = clock.measure {
    for change in signed { precondition((try? change.verified()) != nil) }
}
let preverified = signed.compactMap { try? $0.verified() }
let applyOnly = clock.measure {
    var replica = Replica(acceptance: ChangeAcceptance(roster: roster, schema: schema))
    for author in 0..<authors {
        for index in stride(from: author, to: total, by: authors) {
            precondition(replica.receive(preverified[index], now: start + Int64(total)) == .accepted)
        }
    }
}
line("verify only (parse, limits, signature), 1 core", rate(total, verifyOnly), rate(total, verifyOnly) / rawOneRate)
line("apply only (rules, merge), 1 core", rate(total, applyOnly))
