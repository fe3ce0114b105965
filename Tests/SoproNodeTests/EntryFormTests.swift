import CatalogueStore
import DirectoryModel
import EntryDocuments
import Foundation
import SyncProtocol
import Testing

@testable import NodeServer
@testable import Workspace

/// The workspace's form and the entry documents: every field of every kind goes into the form
/// and comes back unchanged, so an edit writes only what the editor changed; a form's typing
/// (decimal commas, codes by name and by hand) is read as the entry rules read a file.
@Suite struct EntryFormTests {
    @Test func everyFieldOfEveryKindSurvivesTheFormUnchanged() throws {
        for sourced in try EveryFieldRoundTripTests.exampleEntries() {
            let kind = sourced.entry.kind
            let form = EntryForm(kind: kind)
            let document = sourced.entry.document
            let state = form.state(of: document)
            let back = form.document(from: state, id: sourced.entry.id, base: document)
            let read = EntryDecoding.read(back, impliedKind: kind)
            #expect(read.issues.isEmpty, "\(kind): \(read.issues)")
            #expect(read.validEntry == sourced.entry, "\(kind) read back from its form")
            let original = EntryFields(kind: kind, id: sourced.entry.id, document: document)
            let returned = EntryFields(kind: kind, id: sourced.entry.id, document: back)
            #expect(returned == original, "\(kind): the form changes fields it was not asked to")
            // Unchanged, it changes nothing.
            let (delta, conflicts) = returned.changes(since: original, current: nil)
            #expect(delta.registers.isEmpty && delta.sets.isEmpty && conflicts.isEmpty)
        }
    }

    @Test func everyFieldOfTheEntryRulesHasAnInputAndALabel() throws {
        for (kind, fields) in CatalogueSchema.fields {
            let form = EntryForm(kind: kind)
            let paths = Set(form.fields.map(\.path))
            for field in fields {
                // geo, order.price, period and contractValue are objects of inputs.
                let covered = paths.contains(field.path) || paths.contains { $0.hasPrefix(field.path + ".") }
                #expect(covered, "\(kind): no input for \(field.path)")
            }
            for field in form.fields {
                var names = ["entryField.\(field.path)"]
                if case .rows(let members) = field.control {
                    names += members.map { "entryField.\(field.path).\($0.path)" }
                }
                for name in names { #expect(InterfaceText.table[name] != nil, "no label \(name)") }
            }
        }
    }

    @Test func typedValuesAreReadAsAFileReadsThem() throws {
        let form = EntryForm(kind: .enterprise)
        let id = EntryID.make()
        let state: FormState = [
            "name.de": ["  Holzwerkstatt  "], "name.hu": [""], "socialModel": ["work-integration"], "region": ["AT12"],
            "geo.latitude": ["48,2082"], "geo.longitude": ["16.3738"], "disadvantagedStaffShare": ["45,5"],
            "sectors": ["16", "88"], "sectors.other": ["16.23, 88.10 16"], "certifications": ["ISO 9001\n\n  EMAS "],
            "founded": ["abc"], "lighthouse": ["true"],
        ]
        let document = form.document(from: state, id: id, base: nil)
        let read = EntryDecoding.read(document, impliedKind: .enterprise)
        // The year is not a number: refused at its field, as a file's would be.
        #expect(read.issues.map(\.path.description) == ["founded"])
        #expect(ValidationMessageText.text(read.issues[0].message, .german) == "erwartet eine ganze Zahl")
        var fixed = state
        fixed["founded"] = ["1998"]
        let entry = try #require(EntryDecoding.read(form.document(from: fixed, id: id, base: nil)).validEntry)
        guard case .enterprise(let enterprise) = entry else {
            Issue.record("not an enterprise")
            return
        }
        #expect(enterprise.name == [.german: "Holzwerkstatt"])
        #expect(enterprise.geo == GeoPosition(latitude: 48.2082, longitude: 16.3738))
        #expect(enterprise.disadvantagedStaffShare == 45.5)
        #expect(enterprise.sectors.map(\.rawValue) == ["16", "88", "16.23", "88.10"])
        #expect(enterprise.certifications == ["ISO 9001", "EMAS"])
        #expect(enterprise.lighthouse && enterprise.founded == 1998)
    }

    @Test func problemsLandAtTheirInputs() {
        let elements = [
            "name", "name.de", "sectors", "sectors.other", "partners", "partners[0]", "partners[0].name",
            "order.price.onRequest", "order.price.from",
        ]
        #expect(EntryFormRenderer.owner(of: "name.de", among: elements) == "name.de")
        #expect(EntryFormRenderer.owner(of: "sectors[3]", among: elements) == "sectors")
        #expect(EntryFormRenderer.owner(of: "partners[0].website", among: elements) == "partners[0]")
        #expect(EntryFormRenderer.owner(of: "order.price", among: elements) == "order.price.onRequest")
        #expect(EntryFormRenderer.owner(of: "(entry)", among: elements) == "")
    }

    @Test func theCommonProblemsReadInGermanAndHungarian() {
        let messages = [
            "is required", "is required in at least one language (de, hu or en)",
            "is required (a NUTS code, e.g. AT12)",
            "needs at least one element", "must not be empty", "is 300 characters long; at most 200 are allowed",
            "expected a number, found text", "must be between 0 and 100, found 120",
            "\"x\" is not an e-mail address (e.g. office@example.at)",
            "\"www.x.at\" is not a web address (https://…): add https:// in front",
            "\"0650 123\" is not a phone number in international form: start with + and the country code (e.g. +43 2742 123456)",
            "\"Austria\" is not an ISO 3166-1 alpha-2 country code (two letters, e.g. AT)",
            "\"2024-13\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD): there is no month 13",
        ]
        for message in messages {
            for language in [LanguageTag.german, .hungarian] {
                #expect(ValidationMessageText.isTranslated(message, language), "\(language): \(message)")
                #expect(ValidationMessageText.text(message, language) != message)
                #expect(!ValidationMessageText.text(message, language).contains("$"))
            }
        }
        #expect(
            ValidationMessageText.text("is 300 characters long; at most 200 are allowed", .german)
                == "ist 300 Zeichen lang; höchstens 200 sind erlaubt")
        // What has no translation stays as written, marked English by the page.
        #expect(!ValidationMessageText.isTranslated("something new", .german))
        #expect(ValidationMessageText.text("something new", .hungarian) == "something new")
    }
}
