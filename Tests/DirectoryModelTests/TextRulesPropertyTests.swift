import DirectoryModel
import Foundation
import PropertyBased
import Testing

/// The characters text fields refuse (docs/protocol.md, "Text rules"), with generated texts:
/// a refused character anywhere in any text field is named with the field's path and its code
/// point; texts made of what is kept (joiners, emoji, combining marks, soft hyphens) pass.
@Suite struct TextRulesPropertyTests {
    /// Scalars every text field refuses, a few from each kind.
    static let refusedValues: [UInt32] = [
        0x00, 0x07, 0x0B, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F, 0x2028, 0x2029,
        0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
        0x200B, 0x2060, 0x2061, 0x2064, 0x206A, 0x206F, 0xFEFF,
        0xFDD0, 0xFDE7, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x2FFFF, 0x10FFFE, 0x10FFFF,
    ]
    static let refused = refusedValues.compactMap(Unicode.Scalar.init)

    /// What texts are made of that must pass: letters of the three languages, marks, joiners,
    /// emoji sequences, a soft hyphen, private use, other scripts.
    static let kept: [String] = [
        "a", "Z", "ü", "ő", "ß", " ", "-", "<", "&", "\"", "e\u{0301}", "\u{0D4E}", "\u{200D}", "\u{200C}",
        "\u{00AD}", "❤️", "👩‍💻", "🇦🇹", "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}", "\u{E000}",
        "中", "ش", "\u{034F}", "€",
    ]

    /// A text field of an enterprise: how to put a text there, and the path it is reported at.
    struct Field: Sendable {
        let key: String
        let path: String
        let multiline: Bool
        let value: @Sendable (String) -> DocumentValue
    }

    static let fields: [Field] = [
        Field(key: "name", path: "name.de", multiline: false) { .object(["de": .string($0)]) },
        Field(key: "legalForm", path: "legalForm", multiline: false) { .string($0) },
        Field(key: "description", path: "description.en", multiline: true) { .object(["en": .string($0)]) },
        Field(key: "capacityNotes", path: "capacityNotes.de", multiline: true) { .object(["de": .string($0)]) },
        Field(key: "certifications", path: "certifications[1]", multiline: false) {
            .list([.string("PEFC"), .string($0)])
        },
        Field(key: "address", path: "address.street", multiline: false) {
            .object(["street": .string($0), "locality": .string("Wien"), "country": .string("AT")])
        },
    ]

    static func keptText(_ rng: inout any SeededRandomNumberGenerator) -> String {
        "Text"
            + (0..<Int.random(in: 0...20, using: &rng)).map { _ in kept[Int.random(in: 0..<kept.count, using: &rng)] }
            .joined()
    }

    struct Case: Sendable, CustomStringConvertible {
        var field: Int
        var text: String
        var scalar: Unicode.Scalar
        var description: String { "\(fields[field].path): \(text.unicodeScalars.map { String($0.value, radix: 16) })" }
    }

    static let withRefused = Generator<Case, Shrink.None<Case>> { rng in
        let scalar = refused[Int.random(in: 0..<refused.count, using: &rng)]
        var scalars = Array(keptText(&rng).unicodeScalars)
        scalars.insert(scalar, at: Int.random(in: 1...scalars.count, using: &rng))
        return Case(
            field: Int.random(in: 0..<fields.count, using: &rng), text: String(String.UnicodeScalarView(scalars)),
            scalar: scalar)
    }

    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    @Test func aRefusedCharacterIsNamedWithItsFieldPath() async {
        await propertyCheck(count: 1500, input: Self.withRefused) { test in
            let field = Self.fields[test.field]
            let found = problems(modified(validEnterprise, [field.key: field.value(test.text)]))
            #expect(
                found.contains { $0.hasPrefix("\(field.path): contains ") && $0.contains(Self.codePoint(test.scalar)) },
                "\(test): \(found)")
        }
    }

    @Test func keptCharactersPass() async {
        let texts = Generator<Case, Shrink.None<Case>> { rng in
            Case(field: Int.random(in: 0..<Self.fields.count, using: &rng), text: Self.keptText(&rng), scalar: "a")
        }
        await propertyCheck(count: 1000, input: texts) { test in
            let field = Self.fields[test.field]
            #expect(problems(modified(validEnterprise, [field.key: field.value(test.text)])) == [], "\(test)")
        }
    }

    @Test func theMessageSaysWhatKindOfCharacterItIs() {
        #expect(
            problems(modified(validEnterprise, ["name": document(#"{"de": "Holz\u202Ewerk"}"#)]))
                == ["name.de: contains U+202E (a bidi control), which is not allowed here"])
        #expect(
            problems(modified(validEnterprise, ["legalForm": .string("G\u{200B}mbH")]))
                == ["legalForm: contains U+200B (an invisible character), which is not allowed here"])
        #expect(
            problems(modified(validEnterprise, ["legalForm": .string("GmbH\u{FFFE}")]))
                == ["legalForm: contains U+FFFE (a noncharacter), which is not allowed here"])
        #expect(
            problems(modified(validEnterprise, ["description": document(#"{"de": "a\u2028b"}"#)]))
                == [
                    "description.de: contains U+2028 (a line or paragraph separator; break lines with a line feed), which is not allowed here"
                ])
    }

    @Test func theBidiControlsAreExactlyTheDocumentedOnes() {
        let documented = Set([0x061C, 0x200E, 0x200F] + Array(0x202A...0x202E) + Array(0x2066...0x2069))
        let found = Set(
            (0...0x10FFFF).compactMap { Unicode.Scalar(UInt32($0)) }
                .filter { RefusedCharacter.first(in: String($0), multiline: true)?.kind == .bidiControl }
                .map { Int($0.value) })
        #expect(found == documented)
    }

    @Test func inquiriesRefuseTheSameCharacters() async {
        let base = InquiryDraftFixture.valid
        let fieldNames = ["need", "quantity", "organisation", "contactName"]
        await propertyCheck(count: 800, input: Self.withRefused) { test in
            let name = fieldNames[test.field % fieldNames.count]
            var draft = base
            let text = test.text + " genug Text"
            switch name {
            case "need": draft.need = text
            case "quantity": draft.quantity = text
            case "organisation": draft.organisation = text
            default: draft.contactName = text
            }
            guard case .failure(let failure) = draft.validated(today: "2026-01-01") else {
                Issue.record("\(name) \(test) passed")
                return
            }
            let problem = failure.problems.first { $0.field == name }
            let expected = RefusedCharacter.first(in: text, multiline: name == "need")
            #expect(expected?.scalar == test.scalar)
            #expect(problem?.reason == expected.map { .refusedCharacter($0) })
            #expect(problem?.description.hasPrefix("\(name): contains \(Self.codePoint(test.scalar))") == true)
        }
    }
}

/// A valid inquiry draft to change one field of.
enum InquiryDraftFixture {
    static var valid: InquiryDraft {
        var draft = InquiryDraft()
        draft.need = "300 Holzspielzeug-Sets für unsere Kindergärten"
        draft.deliveryRegion = "AT13"
        draft.organisationType = "public-body"
        draft.organisation = "Stadt Wien"
        draft.contactName = "Anna Berger"
        draft.email = "anna@example.org"
        draft.language = "de"
        draft.consent = true
        return draft
    }
}
