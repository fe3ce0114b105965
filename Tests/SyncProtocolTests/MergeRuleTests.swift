import SyncProtocol
import Testing

/// Merge rules on single entries, driven through real signed changes and replicas.
@Suite struct MergeRuleTests {
    let vienna = NodeKey()
    let gyor = NodeKey()

    func replica() -> Replica { makeReplica(trusting: [vienna, gyor]) }

    /// A remove removes only adds of the element it names: a tag of another element's add is
    /// ignored, whether the add arrives before or after the remove.
    @Test func aRemoveNamingAnotherElementsTagLeavesThatElement() throws {
        var source = replica()
        let adds = try source.publish(
            [add("sectors", "16.23"), add("sectors", "31.01")], editor: "anna", key: vienna, now: testNow)
        let tag0 = adds.tag(ofOperation: 0)
        let tag1 = adds.tag(ofOperation: 1)
        var remover = replica()
        _ = remover.receive([adds.signed], now: testNow)
        let remove = try remover.publish(
            [
                EntryOperation(
                    kind: "enterprise", entry: "e1",
                    action: .remove(field: "sectors", value: "16.23", tags: [tag0, tag1]))
            ], editor: "bela", key: gyor, now: testNow + 1)
        var removeFirst = replica()
        _ = removeFirst.receive([remove.signed], now: testNow + 1)
        _ = removeFirst.receive([adds.signed], now: testNow + 1)
        for replica in [remover, removeFirst] {
            #expect(replica.state[EntryKey(kind: "enterprise", id: "e1")]?.set("sectors")?.values == ["31.01"])
        }
        #expect(remover.digest == removeFirst.digest)
    }

    /// An operation of a newer schema is kept in the log and not applied: it creates no entry.
    @Test func anUnknownOperationCreatesNoEntry() throws {
        var replica = replica()
        let empty = replica.digest
        let change = try sign(
            [EntryOperation(kind: "enterprise", entry: "e7", action: .unknown(name: "annotate"))], key: vienna)
        #expect(replica.receive([change], now: testNow) == [.accepted])
        #expect(replica.state[EntryKey(kind: "enterprise", id: "e7")] == nil)
        #expect(replica.digest == empty)
    }

    @Test func localizedTextIsOneRegisterPerLanguage() throws {
        var a = replica()
        var b = replica()
        let german = try a.publish([set("name.de", "Holzwerkstatt")], editor: "anna", key: vienna, now: testNow)
        let hungarian = try b.publish([set("name.hu", "Faműhely")], editor: "bela", key: gyor, now: testNow)
        #expect(a.receive([hungarian.signed], now: testNow) == [.accepted])
        #expect(b.receive([german.signed], now: testNow) == [.accepted])
        let entry = try #require(a.state[EntryKey(kind: "enterprise", id: "e1")])
        #expect(entry.register("name.de")?.value == "Holzwerkstatt")
        #expect(entry.register("name.hu")?.value == "Faműhely")
        #expect(a.digest == b.digest)
    }

    @Test func registerLastWriterWinsAndKeepsTheConcurrentLoser() throws {
        var a = replica()
        var b = replica()
        let early = try a.publish([set("region", "AT12")], editor: "anna", key: vienna, now: testNow)
        let late = try b.publish([set("region", "AT13")], editor: "bela", key: gyor, now: testNow + 10)
        _ = a.receive([late.signed], now: testNow + 10)
        _ = b.receive([early.signed], now: testNow + 10)
        for replica in [a, b] {
            let register = try #require(replica.state[EntryKey(kind: "enterprise", id: "e1")]?.register("region"))
            #expect(register.value == "AT13")
            #expect(register.winner?.editor == "bela")
            #expect(register.winner?.tag.author == gyor.authorID)
            #expect(register.conflicts.map(\.value) == ["AT12"])
        }
        #expect(a.digest == b.digest)
    }

    @Test func equalClocksAreBrokenByAuthorID() throws {
        var a = replica()
        var b = replica()
        let first = try a.publish([set("region", "AT11")], editor: "anna", key: vienna, now: testNow)
        let second = try b.publish([set("region", "AT22")], editor: "bela", key: gyor, now: testNow)
        #expect(first.hlc == second.hlc)
        _ = a.receive([second.signed], now: testNow)
        let expected: SyncValue = vienna.authorID > gyor.authorID ? "AT11" : "AT22"
        #expect(a.state[EntryKey(kind: "enterprise", id: "e1")]?.register("region")?.value == expected)
    }

    @Test func aWriteThatSupersedesResolvesTheConflict() throws {
        var a = replica()
        let first = try a.publish([set("region", "AT12")], editor: "anna", key: vienna, now: testNow)
        var b = replica()
        let rival = try b.publish([set("region", "AT13")], editor: "bela", key: gyor, now: testNow + 1)
        _ = a.receive([rival.signed], now: testNow + 1)
        let register = try #require(a.state[EntryKey(kind: "enterprise", id: "e1")]?.register("region"))
        #expect(register.liveTags.count == 2)
        let resolution = try a.publish(
            [set("region", "AT12", supersedes: register.liveTags)], editor: "anna", key: vienna, now: testNow + 2)
        let resolved = try #require(a.state[EntryKey(kind: "enterprise", id: "e1")]?.register("region"))
        #expect(resolved.value == "AT12")
        #expect(resolved.conflicts.isEmpty)
        // Delivered to a third replica in the opposite order, the superseded writes stay dead.
        var c = replica()
        #expect(c.receive([rival.signed], now: testNow + 2) == [.accepted])
        #expect(c.receive([resolution.signed, first.signed], now: testNow + 2) == [.accepted, .accepted])
        #expect(c.digest == a.digest)
    }

    @Test func nullClearsARegister() throws {
        var a = replica()
        _ = try a.publish([set("employees", 12)], editor: "anna", key: vienna, now: testNow)
        let live = a.state[EntryKey(kind: "enterprise", id: "e1")]?.register("employees")?.liveTags ?? []
        _ = try a.publish([set("employees", nil, supersedes: live)], editor: "anna", key: vienna, now: testNow + 1)
        #expect(a.state[EntryKey(kind: "enterprise", id: "e1")]?.register("employees")?.value == nil)
    }

    @Test func setKeepsConcurrentAddsAndRemovesOnlyWhatWasSeen() throws {
        var a = replica()
        var b = replica()
        let added = try a.publish([add("sectors", "16.23")], editor: "anna", key: vienna, now: testNow)
        _ = b.receive([added.signed], now: testNow)
        // Győr removes the sector it saw; Vienna concurrently adds it again and adds another.
        let seen = b.state[EntryKey(kind: "enterprise", id: "e1")]?.set("sectors")?.tags(of: "16.23") ?? []
        #expect(seen.count == 1)
        let removal = try b.publish(
            [
                EntryOperation(
                    kind: "enterprise", entry: "e1", action: .remove(field: "sectors", value: "16.23", tags: seen))
            ],
            editor: "bela", key: gyor, now: testNow + 5)
        let readd = try a.publish(
            [add("sectors", "16.23"), add("sectors", "31.09")], editor: "anna", key: vienna, now: testNow + 6)
        _ = a.receive([removal.signed], now: testNow + 6)
        _ = b.receive([readd.signed], now: testNow + 6)
        for replica in [a, b] {
            let sectors = try #require(replica.state[EntryKey(kind: "enterprise", id: "e1")]?.set("sectors"))
            #expect(sectors.values == ["16.23", "31.09"], "the concurrent add survives the removal")
            #expect(sectors.tags(of: "16.23").count == 1)
        }
        #expect(a.digest == b.digest)
    }

    @Test func aRemovalThatArrivesFirstStillRemoves() throws {
        var a = replica()
        let added = try a.publish([add("sectors", "16.23")], editor: "anna", key: vienna, now: testNow)
        let tags = a.state[EntryKey(kind: "enterprise", id: "e1")]?.set("sectors")?.tags(of: "16.23") ?? []
        let removal = try a.publish(
            [
                EntryOperation(
                    kind: "enterprise", entry: "e1", action: .remove(field: "sectors", value: "16.23", tags: tags))
            ],
            editor: "anna", key: vienna, now: testNow + 1)
        var b = replica()
        // Same author, so the log order forces add first; the state must not depend on it.
        #expect(b.receive([removal.signed, added.signed], now: testNow + 1) == [.accepted, .accepted])
        #expect(b.state[EntryKey(kind: "enterprise", id: "e1")]?.set("sectors")?.values == [])
        #expect(b.digest == a.digest)
    }

    @Test func setElementsMayBeObjects() throws {
        var a = replica()
        _ = try a.publish(
            [
                add("partners", ["name": "Stadt Graz", "type": "public-body"]),
                add("partners", ["type": "public-body", "name": "Stadt Graz"]),
            ],
            editor: "anna", key: vienna, now: testNow)
        let partners = try #require(a.state[EntryKey(kind: "enterprise", id: "e1")]?.set("partners"))
        #expect(partners.values.count == 1, "elements compare by canonical JSON, not key order")
        #expect(partners.elements.first?.writes.count == 2)
    }

    @Test func retractionHidesTheEntryUntilARestore() throws {
        var a = replica()
        var b = replica()
        let created = try a.publish([set("name.de", "Werkstatt")], editor: "anna", key: vienna, now: testNow)
        _ = b.receive([created.signed], now: testNow)
        let retraction = try a.publish(
            [EntryOperation(kind: "enterprise", entry: "e1", action: .retract(supersedes: []))], editor: "anna",
            key: vienna,
            now: testNow + 10)
        // A concurrent edit in Győr: merged, but it does not bring the entry back.
        let edit = try b.publish([set("name.hu", "Műhely")], editor: "bela", key: gyor, now: testNow + 20)
        _ = a.receive([edit.signed], now: testNow + 20)
        _ = b.receive([retraction.signed], now: testNow + 20)
        for replica in [a, b] {
            let entry = try #require(replica.state[EntryKey(kind: "enterprise", id: "e1")])
            #expect(entry.isRetracted)
            #expect(!entry.isVisible)
            #expect(entry.register("name.hu")?.value == "Műhely", "nothing is lost")
        }
        let retractionTags = a.state[EntryKey(kind: "enterprise", id: "e1")]?.retraction.liveTags ?? []
        _ = try a.publish(
            [EntryOperation(kind: "enterprise", entry: "e1", action: .restore(supersedes: retractionTags))],
            editor: "anna",
            key: vienna, now: testNow + 30)
        let restored = try #require(a.state[EntryKey(kind: "enterprise", id: "e1")])
        #expect(restored.isVisible)
        #expect(restored.register("name.de")?.value == "Werkstatt")
    }

    @Test func applyingIsIdempotent() throws {
        var a = replica()
        let change = try a.publish(
            [set("name.de", "A"), add("sectors", "C")], editor: "anna", key: vienna, now: testNow)
        let before = a.digest
        var state = a.state
        state.apply(change)
        state.apply(change)
        #expect(state.digest == before)
        #expect(a.receive([change.signed, change.signed], now: testNow) == [.duplicate, .duplicate])
        #expect(a.digest == before)
    }

    @Test func unknownOperationsAreKeptNotApplied() throws {
        var a = replica()
        let change = try sign(
            [set("name.de", "A"), EntryOperation(kind: "enterprise", entry: "e1", action: .unknown(name: "annotate"))],
            key: vienna)
        #expect(a.receive([change], now: testNow) == [.accepted])
        #expect(a.logs[vienna.authorID]?.first?.signed == change)
        #expect(a.state[EntryKey(kind: "enterprise", id: "e1")]?.register("name.de")?.value == "A")
    }
}
