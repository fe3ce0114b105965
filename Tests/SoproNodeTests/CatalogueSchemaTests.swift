import CatalogueStore
import DirectoryModel
import EntryDocuments
import Foundation
import SoproNode
import SyncProtocol
import Testing

/// Publishing entries through the CRDT and reading them back.
@Suite struct CatalogueSchemaTests {
    let key = NodeKey()
    let other = NodeKey()
    let now: Int64 = 1_795_737_600_000

    func replica() -> Replica {
        let roster = AuthorRoster([
            TrustedAuthor(id: key.authorID, region: "AT12", name: "Niederösterreich"),
            TrustedAuthor(id: other.authorID, region: "HU22", name: "Nyugat-Dunántúl"),
        ])
        return Replica(acceptance: ChangeAcceptance(roster: roster, schema: CatalogueSchema.fieldSchema))
    }

    func exampleEntries() throws -> [SourcedEntry] {
        try decoder.decode(contentsOf: examplesDirectory.appendingPathComponent("entries.yaml")).entries
    }

    func normalised(_ entry: Entry) -> EntryFields {
        var fields = EntryFields(kind: entry.kind, id: entry.id, document: entry.document)
        for (name, elements) in fields.sets {
            fields.sets[name] = elements.sorted {
                CanonicalJSON.encode($0).lexicographicallyPrecedes(CanonicalJSON.encode($1))
            }
        }
        return fields
    }

    func state(_ replica: Replica, _ entry: Entry) -> EntryState? {
        replica.state[EntryKey(kind: entry.kind.rawValue, id: entry.id.rawValue)]
    }

    @Test func everyFieldSurvivesPublishingAndMaterializing() throws {
        var node = replica()
        for sourced in try exampleEntries() {
            let entry = sourced.entry
            let fields = EntryFields(kind: entry.kind, id: entry.id, document: entry.document)
            let operations = EntryChangePlanner.operations(for: fields, current: state(node, entry))
            #expect(!operations.isEmpty)
            _ = try node.publish(operations, editor: "maria", key: key, now: now)
            let merged = try #require(state(node, entry))
            let result = CatalogueEntry(state: merged)
            #expect(result.problems == [])
            // Sets come back in canonical order; everything else exactly.
            let materialized = try #require(result.entry)
            #expect(normalised(materialized) == normalised(entry), "\(entry.kind) \(entry.id)")
        }
    }

    @Test func republishingTheSameEntryCreatesNoOperations() throws {
        var node = replica()
        for sourced in try exampleEntries() {
            let fields = EntryFields(kind: sourced.entry.kind, id: sourced.entry.id, document: sourced.document)
            _ = try node.publish(
                EntryChangePlanner.operations(for: fields, current: state(node, sourced.entry)), editor: "maria",
                key: key,
                now: now)
            #expect(EntryChangePlanner.operations(for: fields, current: state(node, sourced.entry)) == [])
        }
    }

    @Test func fieldsAFileLeavesOutAreLeftAlone() throws {
        var vienna = replica()
        var gyor = replica()
        let enterprise = try #require(try exampleEntries().first?.entry)
        let full = EntryFields(kind: enterprise.kind, id: enterprise.id, document: enterprise.document)
        let created = try vienna.publish(
            EntryChangePlanner.operations(for: full, current: nil), editor: "maria", key: key, now: now)
        _ = gyor.receive([created.signed], now: now)
        // Győr adds a Hungarian description only.
        let translation = EntryFields(
            kind: .enterprise, id: enterprise.id,
            document: .object(["description": .object(["hu": .string("Átmeneti munkahelyek asztalosműhelyben.")])]))
        let operations = EntryChangePlanner.operations(for: translation, current: state(gyor, enterprise))
        #expect(operations.count == 1)
        let added = try gyor.publish(operations, editor: "bela", key: other, now: now + 1)
        // Vienna republishes its own file (which has no Hungarian description) and changes a phone number.
        _ = vienna.receive([added.signed], now: now + 1)
        var edited = enterprise
        if case .enterprise(var value) = edited {
            value.contact.phone = try PhoneNumber(parsing: "+43 2742 999999")
            edited = .enterprise(value)
        }
        let republish = EntryFields(kind: edited.kind, id: edited.id, document: edited.document)
        let edit = EntryChangePlanner.operations(for: republish, current: state(vienna, enterprise))
        #expect(edit.count == 1)
        _ = try vienna.publish(edit, editor: "maria", key: key, now: now + 2)
        let mergedState = try #require(state(vienna, enterprise))
        let merged = try #require(CatalogueEntry(state: mergedState).entry)
        guard case .enterprise(let result) = merged else {
            Issue.record("not an enterprise")
            return
        }
        #expect(result.description[.hungarian] == "Átmeneti munkahelyek asztalosműhelyben.")
        #expect(result.contact.phone?.rawValue == "+43 2742 999999")
    }

    @Test func setsAreReplacedElementByElement() throws {
        var node = replica()
        let id = EntryID.make()
        let first = EntryFields(
            kind: .product, id: id,
            document: .object(["categories": .list([.string("37520000-9"), .string("39162100-6")])]))
        _ = try node.publish(EntryChangePlanner.operations(for: first, current: nil), editor: "e", key: key, now: now)
        let second = EntryFields(
            kind: .product, id: id,
            document: .object(["categories": .list([.string("39162100-6"), .string("03000000-1")])]))
        let current = node.state[EntryKey(kind: "product", id: id.rawValue)]
        let operations = EntryChangePlanner.operations(for: second, current: current)
        #expect(operations.count == 2)
        _ = try node.publish(operations, editor: "e", key: key, now: now + 1)
        #expect(
            node.state[EntryKey(kind: "product", id: id.rawValue)]?.set("categories")?.values == [
                "03000000-1", "39162100-6",
            ])
    }

    @Test func republishingARetractedEntryRestoresIt() throws {
        var node = replica()
        let enterprise = try #require(try exampleEntries().first?.entry)
        let fields = EntryFields(kind: enterprise.kind, id: enterprise.id, document: enterprise.document)
        _ = try node.publish(EntryChangePlanner.operations(for: fields, current: nil), editor: "e", key: key, now: now)
        _ = try node.publish(
            [EntryChangePlanner.retraction(of: try #require(state(node, enterprise)))], editor: "e", key: key,
            now: now + 1)
        #expect(state(node, enterprise)?.isVisible == false)
        let operations = EntryChangePlanner.operations(for: fields, current: state(node, enterprise))
        #expect(operations.count == 1)
        _ = try node.publish(operations, editor: "e", key: key, now: now + 2)
        #expect(state(node, enterprise)?.isVisible == true)
    }

    @Test func theSchemaCoversEveryFieldTheModelWrites() throws {
        // Every key an entry document can hold must be declared, or publishing would drop it.
        for sourced in try exampleEntries() {
            guard case .object(let object) = sourced.entry.document else { continue }
            let declared = Set(
                (CatalogueSchema.fields[sourced.entry.kind] ?? []).map { String($0.path.split(separator: ".")[0]) })
            for key in object.keys where key != "kind" && key != "id" {
                #expect(declared.contains(key), "\(sourced.entry.kind).\(key) is not in CatalogueSchema")
            }
        }
    }
}

/// The catalogue's operations name entries and languages in canonical form only.
@Suite struct CanonicalFormTests {
    func decide(_ operation: EntryOperation) -> SyncError.Code? {
        do {
            try CatalogueSchema.fieldSchema.validate(operation, index: 0)
            return nil
        } catch {
            return error.code
        }
    }

    @Test func entryIDsAreLowerCaseUUIDs() {
        let set: (String) -> EntryOperation = { id in
            EntryOperation(kind: "enterprise", entry: id, action: .set(field: "region", value: "AT12", supersedes: []))
        }
        #expect(decide(set("0192f3a4-5b6c-7d8e-9f01-23456789abcd")) == nil)
        #expect(decide(set("0192F3A4-5B6C-7D8E-9F01-23456789ABCD")) == .invalidOperation)
        #expect(decide(set("urn:uuid:0192f3a4-5b6c-7d8e-9f01-23456789abcd")) == .invalidOperation)
        #expect(decide(set("00000000-0000-0000-0000-000000000000")) == .invalidOperation)
        #expect(decide(set("e1")) == .invalidOperation)
    }

    @Test func languageTagsInFieldNamesAreInCanonicalCase() {
        let name: (String) -> EntryOperation = { field in
            EntryOperation(
                kind: "enterprise", entry: "0192f3a4-5b6c-7d8e-9f01-23456789abcd",
                action: .set(field: field, value: "Holz", supersedes: []))
        }
        #expect(decide(name("name.de")) == nil)
        #expect(decide(name("name.de-AT")) == nil)
        #expect(decide(name("name.sr-Latn-RS")) == nil)
        #expect(decide(name("name.DE")) == .invalidOperation)
        #expect(decide(name("name.de-at")) == .invalidOperation)
        #expect(decide(name("name.sr-latn")) == .invalidOperation)
    }
}
