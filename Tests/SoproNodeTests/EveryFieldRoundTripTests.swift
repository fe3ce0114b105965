import CatalogueStore
import DirectoryModel
import EntryDocuments
import Foundation
import SyncProtocol
import Testing

/// Every field of every kind survives publish → store → read → export, path by path. A field the
/// model has but `CatalogueSchema` does not declare would be dropped at publish without a word;
/// this test catches it, because the example file it publishes sets every field (the first test
/// keeps it so: a field added to the model and not to `Examples/entries.yaml` fails it).
@Suite struct EveryFieldRoundTripTests {
    /// The example entries, each with two pictures as an entry names uploaded ones (the example
    /// file names none: other tests publish it over HTTP, where a picture must be uploaded first).
    static func exampleEntries() throws -> [SourcedEntry] {
        let file = try EntryFileDecoder().decode(contentsOf: examplesDirectory.appendingPathComponent("entries.yaml"))
        #expect(file.issues.isEmpty, "\(file.issues)")
        return try file.entries.map { sourced in
            guard case .object(var object) = sourced.document else { return sourced }
            object["pictures"] = .list(
                [("ab", true), ("cd", false)].map { digits, logo in
                    var picture: DocumentObject = [
                        "sha256": .string(String(repeating: digits, count: 32)), "type": .string("jpeg"),
                        "width": .number("1200"), "height": .number("800"), "bytes": .number("183456"),
                        "alt": .object(["de": .string("Die Werkstatt"), "en": .string("The workshop")]),
                    ]
                    if logo { picture["logo"] = .bool(true) }
                    return .object(picture)
                })
            let document = DocumentValue.object(object)
            let read = EntryDecoding.read(document, impliedKind: sourced.entry.kind)
            #expect(read.issues.isEmpty, "\(read.issues)")
            return SourcedEntry(
                entry: try #require(read.validEntry), path: sourced.path, location: sourced.location, document: document
            )
        }
    }

    /// The stored properties of `value` that are unset: `nil`, or an empty list, set or map.
    static func unset(_ value: Any, path: String) -> [String] {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first else { return [path] }
            return unset(wrapped.value, path: path)
        case .collection, .set, .dictionary:
            if mirror.children.isEmpty { return [path] }
            return mirror.children.enumerated().flatMap { index, child in unset(child.value, path: "\(path)[\(index)]")
            }
        case .struct, .class, .tuple:
            return mirror.children.flatMap { child in unset(child.value, path: "\(path).\(child.label ?? "?")") }
        case .enum:
            return mirror.children.flatMap { child in unset(child.value, path: path) }
        default:
            return []
        }
    }

    /// Parts the example leaves out on purpose: a partial date is written to the month there.
    static let leftOut: Set<String> = ["cooperation.period.start.day", "cooperation.period.end.day"]

    /// Each leaf of a document by its path (`address.locality`, `images[0].alt.de`). A list of
    /// plain values is taken in sorted order: the catalogue keeps those as sets (CRDT add-wins
    /// sets, in no order), so `[AT12, AT13, AT11]` reads back as `[AT11, AT12, AT13]`.
    static func leaves(_ value: DocumentValue, path: String = "") -> [String: DocumentValue] {
        switch value {
        case .object(let object):
            var leaves: [String: DocumentValue] = [:]
            for (key, child) in object.fields {
                leaves.merge(Self.leaves(child, path: path.isEmpty ? key : "\(path).\(key)")) { $1 }
            }
            return leaves
        case .list(let written):
            var elements = written
            if elements.allSatisfy({ if case .object = $0 { false } else if case .list = $0 { false } else { true } }) {
                elements.sort { "\($0)" < "\($1)" }
            }
            var leaves: [String: DocumentValue] = [:]
            for (index, child) in elements.enumerated() {
                leaves.merge(Self.leaves(child, path: "\(path)[\(index)]")) { $1 }
            }
            return leaves
        default:
            return [path: value]
        }
    }

    @Test func theExampleSetsEveryFieldOfEveryKind() throws {
        let entries = try Self.exampleEntries()
        #expect(Set(entries.map(\.entry.kind)) == Set(EntryKind.allCases))
        for sourced in entries {
            let unset = Self.unset(sourced.entry, path: sourced.entry.kind.rawValue).filter {
                !Self.leftOut.contains($0)
            }
            #expect(unset.isEmpty, "set these in Examples/entries.yaml (or in exampleEntries()): \(unset)")
        }
    }

    @Test func everyFieldSurvivesPublishStoreReadAndExport() async throws {
        let store = try SQLiteChangeStore.inMemory()
        let key = NodeKey()
        let node = try await CatalogueNode(
            store: store,
            acceptance: ChangeAcceptance(
                roster: AuthorRoster([TrustedAuthor(id: key.authorID, region: "AT12", name: "NÖ")]),
                schema: CatalogueSchema.fieldSchema),
            mode: .regional(key: key, region: "AT12"), name: "NÖ")
        let entries = try Self.exampleEntries()
        _ = try await node.publish(entries, editor: "maria")
        let exported = try await CatalogueExport.items(of: store)
        for sourced in entries {
            let written = Self.leaves(sourced.entry.document)
            let read = try #require(
                try await node.visibleEntry(kind: sourced.entry.kind, id: sourced.entry.id.rawValue))
            #expect(read.problems.isEmpty, "\(read.problems)")
            #expect(read.entry?.id == sourced.entry.id)
            let stored = Self.leaves(read.document)
            for path in written.keys.sorted() {
                #expect(stored[path] == written[path], "\(sourced.entry.kind) \(path) after publish and read")
            }
            #expect(Set(stored.keys) == Set(written.keys))
            let item = try #require(exported.first { $0.entry?.id == sourced.entry.id })
            let fromExport = Self.leaves(item.document)
            for path in written.keys.sorted() {
                #expect(fromExport[path] == written[path], "\(sourced.entry.kind) \(path) in the export")
            }
        }
    }
}
