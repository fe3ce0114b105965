import PropertyBased
import SyncProtocol
import Testing

@Suite struct EntryStateStorageTests {
    @Test func everyStateSurvivesTheStorageForm() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...Int.max)) { seed in
            let scenario = try Scenario(seed: UInt64(seed), authors: 3, steps: 30)
            var state = CatalogueState()
            for change in scenario.changes { state.apply(try change.verified()) }
            for entry in state.entries.values {
                let decoded = try EntryState(storageBytes: entry.storageBytes)
                #expect(decoded == entry, "seed \(seed)")
            }
        }
    }

    @Test func valuesOfEveryTypeSurvive() throws {
        let key = NodeKey()
        let value: SyncValue = [
            "null": .null, "yes": true, "no": false, "small": -1, "large": .integer(SyncValue.maximumInteger),
            "negative": .integer(-SyncValue.maximumInteger), "text": "Holz – fa ✓",
            "list": [1, "two", [3, ["four": 4]]], "empty": [:],
        ]
        let change = try sign([set("extra", value), add("sectors", "16.23")], key: key).verified()
        var state = CatalogueState()
        state.apply(change)
        let entry = try #require(state.entries.values.first)
        #expect(try EntryState(storageBytes: entry.storageBytes) == entry)
    }

    /// Regression: operation indexes larger than the bytes that follow them were once refused.
    @Test func largeOperationIndexesAtTheEndSurvive() throws {
        let key = NodeKey()
        let operations =
            (0..<30).map { set("field\($0)", .integer(Int64($0))) }
            + [EntryOperation(kind: "enterprise", entry: "e1", action: .retract(supersedes: []))]
        var state = CatalogueState()
        state.apply(try sign(operations, key: key).verified())
        let entry = try #require(state.entries.values.first)
        #expect(entry.isRetracted)
        #expect(try EntryState(storageBytes: entry.storageBytes) == entry)
    }

    @Test func damagedBytesAreRefusedNeverTrusted() async throws {
        let scenario = try Scenario(seed: 7, authors: 3, steps: 30)
        var state = CatalogueState()
        for change in scenario.changes { state.apply(try change.verified()) }
        let bytes = try #require(state.entries.values.max { $0.storageBytes.count < $1.storageBytes.count })
            .storageBytes
        // Every truncation is refused.
        for length in 0..<bytes.count {
            #expect(throws: SyncError.self) { try EntryState(storageBytes: bytes.prefix(length)) }
        }
        // Flipped bytes either fail to read or read as some state; they never trap.
        await propertyCheck(count: 2000, input: Gen.int(in: 0..<bytes.count), Gen<UInt8>.value(in: 1...255)) {
            position, mask in
            var damaged = bytes
            damaged[position] ^= mask
            _ = try? EntryState(storageBytes: damaged)
        }
        #expect(throws: SyncError.self) { try EntryState(storageBytes: [3] + bytes.dropFirst()) }
        #expect(throws: SyncError.self) { try EntryState(storageBytes: bytes + [0]) }
    }
}
