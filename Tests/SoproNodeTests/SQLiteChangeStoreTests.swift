import DirectoryModel
import Foundation
import GRDB
import PropertyBased
import SoproTestSupport
import SyncProtocol
import Testing

@testable import CatalogueStore
@testable import SoproNode

/// A seeded random history by three regional authors, built on in-memory replicas.
struct StoreScenario {
    let keys = [NodeKey(), NodeKey(), NodeKey()]
    var changes: [SignedChange] = []
    var reference: Replica

    static let now: Int64 = 1_795_737_600_000

    static func acceptance(for keys: [NodeKey]) -> ChangeAcceptance {
        ChangeAcceptance(
            roster: AuthorRoster(
                keys.enumerated().map {
                    TrustedAuthor(id: $0.element.authorID, region: "AT1\($0.offset)", name: "n\($0.offset)")
                }),
            schema: CatalogueSchema.fieldSchema)
    }

    init(seed: UInt64, steps: Int = 30) throws {
        var rng = SplitMix64(seed: seed)
        let acceptance = Self.acceptance(for: keys)
        var replicas = keys.map { _ in Replica(acceptance: acceptance) }
        reference = Replica(acceptance: acceptance)
        let ids = (0..<4).map { _ in EntryID.make().rawValue }
        for step in 0..<steps {
            let who = Int.random(in: 0..<keys.count, using: &rng)
            if Bool.random(using: &rng) {
                let from = Int.random(in: 0..<keys.count, using: &rng)
                _ = replicas[who].receive(
                    replicas[from].changes(missingFrom: replicas[who].versionVector).changes, now: Self.now + 1000)
            }
            let id = ids[Int.random(in: 0..<ids.count, using: &rng)]
            let state = replicas[who].state[EntryKey(kind: "enterprise", id: id)]
            let value = SyncValue.string(["a", "b", "c"][Int.random(in: 0..<3, using: &rng)])
            let operation: EntryOperation =
                switch Int.random(in: 0..<4, using: &rng) {
                case 0:
                    EntryOperation(
                        kind: "enterprise", entry: id,
                        action: .set(
                            field: "name.de", value: value, supersedes: state?.register("name.de")?.liveTags ?? []))
                case 1:
                    EntryOperation(
                        kind: "enterprise", entry: id, action: .set(field: "region", value: value, supersedes: []))
                case 2: EntryOperation(kind: "enterprise", entry: id, action: .add(field: "sectors", value: value))
                default:
                    EntryOperation(
                        kind: "enterprise", entry: id,
                        action: .remove(
                            field: "sectors", value: value, tags: state?.set("sectors")?.tags(of: value) ?? []))
                }
            let change = try replicas[who].publish(
                [operation], editor: "e\(who)", key: keys[who], now: Self.now + Int64(step))
            changes.append(change.signed)
            _ = reference.receive([change.signed], now: Self.now + 1000)
        }
    }
}

extension StoreScenario {
    /// Hands the changes to `apply` in a seeded random order and in random batches of one to
    /// five, as pushes and pulls might bring them; a change refused for a seq gap (its
    /// predecessor not in yet) waits for a later batch. `apply` gets the generator for random
    /// choices of its own.
    func deliverInRandomBatches(
        seed: UInt64, _ apply: ([SignedChange], inout SplitMix64) async throws -> [Replica.ReceiveResult]
    ) async throws {
        var rng = SplitMix64(seed: seed)
        var pending = changes.shuffled(using: &rng)
        var rounds = 0
        while !pending.isEmpty && rounds < 1000 {
            rounds += 1
            let batch = Array(pending.prefix(Int.random(in: 1...5, using: &rng)))
            pending.removeFirst(batch.count)
            let results = try await apply(batch, &rng)
            for (change, result) in zip(batch, results) {
                if case .refused(let error) = result {
                    #expect(error.code == .seqGap, "\(error)")
                    pending.append(change)
                }
            }
        }
    }
}

/// The two ways a store is opened: a `DatabaseQueue` in memory (tests, tools) and a
/// `DatabasePool` on a file in WAL mode (every node), whose readers run beside the writer.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case queue, pool

    var testDescription: String { rawValue }

    /// A new, empty store of this kind, and the temporary folder of a pool's file (to remove).
    func make(bulkCapacity: Int = 32_768) throws -> (SQLiteChangeStore, folder: URL?) {
        switch self {
        case .queue: return (try SQLiteChangeStore.inMemory(bulkCapacity: bulkCapacity), nil)
        case .pool:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "sopro-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return (
                try SQLiteChangeStore.open(
                    path: folder.appendingPathComponent("store.sqlite").path, bulkCapacity: bulkCapacity), folder
            )
        }
    }
}

@Suite struct SQLiteChangeStoreTests {
    let now = StoreScenario.now + 1000

    @Test(arguments: StoreKind.allCases)
    func storesTheSameCatalogueAsTheInMemoryReplicaInAnyOrder(kind: StoreKind) async {
        await propertyCheck(count: 15, input: Gen.int(in: 0...Int.max)) { seed in
            let scenario = try StoreScenario(seed: UInt64(seed))
            let (store, folder) = try kind.make()
            defer { folder.map { try? FileManager.default.removeItem(at: $0) } }
            let acceptance = StoreScenario.acceptance(for: scenario.keys)
            try await scenario.deliverInRandomBatches(seed: UInt64(seed)) { batch, _ in
                try await store.apply(await ChangeVerifier.verify(batch), acceptance: acceptance, now: now)
            }
            #expect(try await store.digest() == scenario.reference.digest)
            #expect(try await store.versionVector() == scenario.reference.versionVector)
            #expect(try await store.rebuild() == scenario.reference.digest, "a rebuild gives the incremental digest")
            #expect(try await store.digest() == scenario.reference.digest)
        }
    }

    /// Bulk catch-ups (deferred batches merged in memory, written at the refresh) mixed with
    /// immediate batches, refreshed at random points; with room for every entry, and with room
    /// for two, so that states are written out and read back mid-catch-up.
    @Test(arguments: StoreKind.allCases, [2, 32_768])
    func deferredBatchesReachTheSameCatalogueOnceRefreshed(kind: StoreKind, bulkCapacity: Int) async {
        await propertyCheck(count: 15, input: Gen.int(in: 0...Int.max)) { seed in
            let scenario = try StoreScenario(seed: UInt64(seed))
            let (store, folder) = try kind.make(bulkCapacity: bulkCapacity)
            defer { folder.map { try? FileManager.default.removeItem(at: $0) } }
            let acceptance = StoreScenario.acceptance(for: scenario.keys)
            var deferred = 0
            try await scenario.deliverInRandomBatches(seed: UInt64(seed)) { batch, rng in
                let update: CatalogueUpdate = Bool.random(using: &rng) ? .deferred : .immediate
                let digestBefore = try await store.digest()
                let results = try await store.apply(
                    await ChangeVerifier.verify(batch), acceptance: acceptance, now: now, catalogue: update)
                let accepted = results.filter { $0 == .accepted }.count
                if update == .deferred || deferred > 0 {
                    // Once the catalogue lags, every batch joins the catch-up.
                    deferred += accepted
                    if bulkCapacity > 4 {
                        #expect(try await store.digest() == digestBefore, "nothing is written before the refresh")
                    }
                }
                #expect(store.bulk.heldStates <= bulkCapacity)
                if deferred > 0, Int.random(in: 0..<4, using: &rng) == 0 {
                    #expect(try await store.verify().contains { $0.contains("lags \(deferred) changes") })
                    #expect(try await store.refreshCatalogue() == deferred)
                    deferred = 0
                }
                return results
            }
            #expect(try await store.refreshCatalogue() == (deferred > 0 ? deferred : nil))
            #expect(try await store.refreshCatalogue() == nil, "a current catalogue needs no refresh")
            #expect(try await store.digest() == scenario.reference.digest)
            #expect(store.bulk.heldStates == 0)
            #expect(try await store.verify() == [])
        }
    }

    /// Another process writing to the store during a catch-up (here a second store on the same
    /// file) leaves the merged states incomplete: the catch-up notices, and the refresh rebuilds
    /// the catalogue from the log, so nothing either of them stored is missing.
    @Test func aCatchUpThatAnotherWriterInterruptsIsRebuiltFromTheLog() async throws {
        let scenario = try StoreScenario(seed: 11, steps: 40)
        let (store, folder) = try StoreKind.pool.make()
        defer { folder.map { try? FileManager.default.removeItem(at: $0) } }
        let other = try SQLiteChangeStore.open(path: folder!.appendingPathComponent("store.sqlite").path)
        let acceptance = StoreScenario.acceptance(for: scenario.keys)
        let changes = scenario.changes
        let thirds = [
            0..<changes.count / 3, changes.count / 3..<2 * changes.count / 3, 2 * changes.count / 3..<changes.count,
        ]
        _ = try await store.apply(
            await ChangeVerifier.verify(Array(changes[thirds[0]])), acceptance: acceptance, now: now,
            catalogue: .deferred)
        #expect(store.bulk.heldStates > 0)
        _ = try await other.apply(
            await ChangeVerifier.verify(Array(changes[thirds[1]])), acceptance: acceptance, now: now,
            catalogue: .immediate)
        _ = try await store.apply(
            await ChangeVerifier.verify(Array(changes[thirds[2]])), acceptance: acceptance, now: now,
            catalogue: .deferred)
        #expect(store.bulk.heldStates == 0, "the catch-up was abandoned")
        #expect(try await store.refreshCatalogue() == changes.count)
        #expect(try await store.digest() == scenario.reference.digest)
        #expect(try await store.verify() == [])
    }

    @Test func refusedInputChangesNothingStored() async throws {
        let scenario = try StoreScenario(seed: 7, steps: 5)
        let store = try SQLiteChangeStore.inMemory()
        let acceptance = StoreScenario.acceptance(for: scenario.keys)
        var tampered = scenario.changes[0]
        tampered.payload[tampered.payload.count / 2] ^= 0x01
        let stranger = NodeKey()
        let foreign = try ChangeSigner.sign(
            operations: [
                EntryOperation(
                    kind: "enterprise", entry: "x", action: .set(field: "region", value: "AT12", supersedes: []))
            ],
            editor: "mallory", seq: 1, previous: nil, hlc: HLCTimestamp(time: now), key: stranger)
        let results = try await store.apply(
            await ChangeVerifier.verify([tampered, foreign]), acceptance: acceptance, now: now)
        #expect(results.count == 2)
        for result in results {
            guard case .refused = result else {
                Issue.record("accepted: \(result)")
                continue
            }
        }
        #expect(try await store.changeCount() == 0)
        #expect(try await store.versionVector() == VersionVector())
        #expect(try await store.digest() == CatalogueState().digest)
    }

    @Test func recordsForksAndQuarantinesTheAuthor() async throws {
        let key = NodeKey()
        let store = try SQLiteChangeStore.inMemory()
        let acceptance = StoreScenario.acceptance(for: [key])
        func change(_ region: String, seq: UInt64 = 1, previous: ChangeID? = nil) throws -> SignedChange {
            try ChangeSigner.sign(
                operations: [
                    EntryOperation(
                        kind: "enterprise", entry: "0192f3a4-5b6c-7d8e-9f01-23456789abcd",
                        action: .set(field: "region", value: .string(region), supersedes: []))
                ],
                editor: "e", seq: seq, previous: previous, hlc: HLCTimestamp(time: now + Int64(seq)), key: key)
        }
        let first = try change("AT12")
        let rival = try change("HU22")
        _ = try await store.apply(await ChangeVerifier.verify([first]), acceptance: acceptance, now: now + 10)
        let results = try await store.apply(
            await ChangeVerifier.verify([rival, first]), acceptance: acceptance, now: now + 10)
        guard case .refused(let error) = results[0] else {
            Issue.record("the rival was not refused")
            return
        }
        #expect(error.code == .fork)
        #expect(results[1] == .duplicate)
        let forks = try await store.forks()
        #expect(forks.map(\.ids) == [[first.id, rival.id].sorted()])
        #expect(forks.first?.seq == 1)
        // Quarantined from seq 1: nothing of the author is applied, a later change is kept in
        // the log but not applied, and nothing of the author is offered to peers.
        #expect(try await store.entry(kind: "enterprise", id: "0192f3a4-5b6c-7d8e-9f01-23456789abcd") == nil)
        let next = try change("AT13", seq: 2, previous: first.id)
        let kept = try await store.apply(await ChangeVerifier.verify([next]), acceptance: acceptance, now: now + 10)
        #expect(kept == [.accepted])
        #expect(try await store.entry(kind: "enterprise", id: "0192f3a4-5b6c-7d8e-9f01-23456789abcd") == nil)
        #expect(
            try await store.changes(missingFrom: VersionVector(), maximumCount: 10, maximumBytes: 1 << 20).changes
                .isEmpty)
        #expect(try await store.syncState().heads[key.authorID] == nil)
        #expect(try await store.verify().isEmpty)
    }

    @Test func servesDeltasPageByPage() async throws {
        let scenario = try StoreScenario(seed: 42, steps: 25)
        let store = try SQLiteChangeStore.inMemory()
        let acceptance = StoreScenario.acceptance(for: scenario.keys)
        _ = try await store.apply(await ChangeVerifier.verify(scenario.changes), acceptance: acceptance, now: now)
        var mirror = Replica(acceptance: acceptance)
        var vector = VersionVector()
        var pages = 0
        while true {
            let page = try await store.changes(missingFrom: vector, maximumCount: 4, maximumBytes: 1 << 20)
            #expect(page.changes.count <= 4)
            #expect(mirror.receive(page.changes, now: now).allSatisfy { $0 == .accepted })
            vector = page.continuation
            pages += 1
            if page.isComplete { break }
        }
        #expect(pages == 7)
        #expect(mirror.digest == scenario.reference.digest)
    }

    @Test func repairsHeadsFromTheLogs() async throws {
        let scenario = try StoreScenario(seed: 3, steps: 10)
        let store = try SQLiteChangeStore.inMemory()
        let acceptance = StoreScenario.acceptance(for: scenario.keys)
        _ = try await store.apply(await ChangeVerifier.verify(scenario.changes), acceptance: acceptance, now: now)
        #expect(try await store.repairHeads() == [])
        let before = try await store.heads()
        try await store.writer.write { db in
            try db.execute(sql: "UPDATE head SET seq = seq - 1 WHERE author = (SELECT MIN(author) FROM head)")
            try db.execute(
                sql: "INSERT INTO head VALUES (?, 1, ?, 0, 0)",
                arguments: [String(repeating: "f", count: 64), String(repeating: "0", count: 64)])
        }
        let repairs = try await store.repairHeads()
        #expect(repairs.count == 2, "\(repairs)")
        #expect(try await store.heads() == before)
    }

    /// A catch-up of more entries than one chunk of the refresh (2,048 entries, each chunk
    /// prepared while the one before it is written) ends with the same entries, index, facets
    /// and full text as the same changes applied one batch at a time: on a store that already
    /// holds a third of the entries (some of which the catch-up edits, some it leaves), with room
    /// for every merged state and with room for 1,000 (most written out and read back); in
    /// chunks of 2,048 and of 64 entries.
    @Test(arguments: [(32_768, 2048), (1000, 2048), (1000, 64)])
    func aCatchUpOfManyEntriesIsIndexedAsBatchByBatch(bulkCapacity: Int, refreshChunk: Int) async throws {
        let key = NodeKey()
        let acceptance = StoreScenario.acceptance(for: [key])
        var replica = Replica(acceptance: acceptance)
        var changes: [SignedChange] = []
        let count = 4_500
        var ids: [String] = []
        for index in 0..<count {
            let id = EntryID.make().rawValue
            ids.append(id)
            let operations = [
                EntryOperation(
                    kind: "enterprise", entry: id,
                    action: .set(field: "name.de", value: .string("Werkstatt Nummer \(index)"), supersedes: [])),
                EntryOperation(
                    kind: "enterprise", entry: id,
                    action: .set(field: "region", value: .string(["AT11", "AT13"][index % 2]), supersedes: [])),
            ]
            changes.append(
                try replica.publish(operations, editor: "e", key: key, now: StoreScenario.now + Int64(index)).signed)
        }
        // Edits of every seventh entry, those stored before the catch-up among them.
        for index in stride(from: 0, to: count, by: 7) {
            let operation = EntryOperation(
                kind: "enterprise", entry: ids[index],
                action: .set(field: "name.de", value: .string("Werkstatt Nummer \(index) neu"), supersedes: []))
            changes.append(
                try replica.publish([operation], editor: "e", key: key, now: StoreScenario.now + Int64(count + index))
                    .signed)
        }
        let verified = await ChangeVerifier.verify(changes)
        let bulk = try SQLiteChangeStore.inMemory(bulkCapacity: bulkCapacity, refreshChunk: refreshChunk)
        let direct = try SQLiteChangeStore.inMemory()
        let stored = 1_500
        let now = StoreScenario.now + 10_000
        _ = try await bulk.apply(Array(verified[..<stored]), acceptance: acceptance, now: now, catalogue: .immediate)
        _ = try await direct.apply(Array(verified[..<stored]), acceptance: acceptance, now: now, catalogue: .immediate)
        for start in stride(from: stored, to: verified.count, by: 1000) {
            let batch = Array(verified[start..<min(start + 1000, verified.count)])
            _ = try await bulk.apply(batch, acceptance: acceptance, now: now, catalogue: .deferred)
            _ = try await direct.apply(batch, acceptance: acceptance, now: now, catalogue: .immediate)
            #expect(bulk.bulk.heldStates <= bulkCapacity)
        }
        let refreshed = try await bulk.refreshCatalogue()
        #expect(refreshed == verified.count - stored)
        #expect(try await bulk.digest() == direct.digest())
        @Sendable func tables(_ db: Database) throws -> [[String]] {
            [
                try String.fetchAll(
                    db, sql: "SELECT kind || '/' || id || ' ' || names || ' ' || region FROM entryIndex ORDER BY 1"),
                try String.fetchAll(db, sql: "SELECT facet || ' ' || value || ' ' || id FROM entryFacet ORDER BY 1"),
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT r.kind || '/' || r.id || ' ' || t.language || ' ' || t.name FROM entryText t
                        JOIN entryTextRow r ON r.rowid = t.rowid ORDER BY 1
                        """),
            ]
        }
        let bulkTables = try await bulk.writer.read(tables)
        let directTables = try await direct.writer.read(tables)
        #expect(bulkTables[0].count == count)
        #expect(bulkTables[2].count == count)
        #expect(bulkTables[2].contains { $0.hasSuffix("Werkstatt Nummer 7 neu") })
        // The text rows the catch-up wrote, numbered in key order as by a rebuild.
        let rewritten = try await bulk.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, id FROM entryTextRow ORDER BY rowid").map {
                EntryKey(kind: $0["kind"], id: $0["id"])
            }
        }
        #expect(rewritten.count == count)
        #expect(rewritten == rewritten.sorted())
        // The bulk write's settings of the full-text index are FTS5's defaults again.
        let settings = try await bulk.writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT k, v FROM entryText_config WHERE k IN ('automerge', 'hashsize') ORDER BY k"
            )
            .map { "\($0["k"] as String)=\($0["v"] as Int)" }
        }
        #expect(settings == ["automerge=4", "hashsize=1048576"])
        // The first rows either store lacks, per table (whole tables would flood a failure).
        let differing = zip(bulkTables, directTables).map { Array(Set($0).symmetricDifference($1).sorted().prefix(3)) }
        #expect(differing.allSatisfy { $0.isEmpty }, "\(differing)")
        var query = CatalogueQuery()
        query.text = "werkstatt"
        query.limit = 5
        let found = try await bulk.entries(matching: query).items.count
        #expect(found == 5)
        #expect(try await bulk.verify() == [])
    }

    @Test func persistsInAFileInWALMode() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sopro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.sqlite").path
        let scenario = try StoreScenario(seed: 11, steps: 12)
        let acceptance = StoreScenario.acceptance(for: scenario.keys)
        do {
            let store = try SQLiteChangeStore.open(path: path)
            _ = try await store.apply(await ChangeVerifier.verify(scenario.changes), acceptance: acceptance, now: now)
            let mode = try await store.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
            // Durable commits: a power loss must not take back an acknowledged change.
            let synchronous = try await store.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
            #expect(synchronous == 2)
        }
        let reopened = try SQLiteChangeStore.open(path: path)
        #expect(try await reopened.digest() == scenario.reference.digest)
        #expect(try await reopened.changeCount() == scenario.changes.count)
        #expect(throws: StoreError.self) {
            try SQLiteChangeStore.open(path: directory.appendingPathComponent("missing/dir/x.sqlite").path)
        }
    }

    @Test func verifyFindsEveryKindOfDamage() async throws {
        let scenario = try StoreScenario(seed: 5, steps: 12)
        let store = try SQLiteChangeStore.inMemory()
        let acceptance = StoreScenario.acceptance(for: scenario.keys)
        _ = try await store.apply(await ChangeVerifier.verify(scenario.changes), acceptance: acceptance, now: now)
        #expect(try await store.verify() == [])
        try await store.writer.write { db in
            try db.execute(sql: "UPDATE entry SET digestValue = X'00' WHERE id = (SELECT MIN(id) FROM entry)")
        }
        #expect(try await store.verify().contains { $0.contains("differs from a rebuild") })
        _ = try await store.rebuild()
        #expect(try await store.verify() == [])
        try await store.writer.write { db in
            try db.execute(
                sql:
                    "UPDATE change SET signature = zeroblob(64) WHERE seq = 1 AND author = (SELECT MIN(author) FROM change)"
            )
            try db.execute(sql: "DELETE FROM head WHERE author = (SELECT MAX(author) FROM change)")
        }
        let problems = try await store.verify()
        #expect(problems.contains { $0.contains("signature does not verify") })
        #expect(problems.contains { $0.contains("has a log but no head") })
    }
}
