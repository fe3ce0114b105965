import DirectoryModel
import Foundation
import Testing

/// Parses `text` as `Code`, returning the normalised value or the error message.
func parse<Code: CatalogueCode>(_ text: String, as type: Code.Type) -> Result<String, FormatError> {
    Result { () throws(FormatError) in try Code(parsing: text).rawValue }
}

@Suite struct NUTSCodeTests {
    @Test(arguments: ["AT11", "AT12", "AT13", "AT22", "HU22", "AT", "AT1", "AT123", "HU221", "EL30", "at12", " AT12 "])
    func acceptsWellFormedCodes(_ text: String) throws {
        let code = try NUTSCode(parsing: text)
        #expect(code.rawValue == text.trimmingCharacters(in: .whitespaces).uppercased())
    }

    @Test(arguments: ["", "A", "AT1234", "XX12", "A112", "AT-12", "AT 12", "ÄT12", "12"])
    func refusesMalformedCodes(_ text: String) {
        #expect(throws: FormatError.self) { try NUTSCode(parsing: text) }
    }

    @Test func namesPartnershipRegionsInThreeLanguages() throws {
        for region in NUTSCode.partnership {
            let label = try #require(region.label)
            #expect(label[.german] != nil && label[.hungarian] != nil && label[.english] != nil)
        }
        #expect(try NUTSCode(parsing: "HU22").label?[.hungarian] == "Nyugat-Dunántúl")
        #expect(try NUTSCode(parsing: "FR10").label == nil)
    }

    @Test func knowsHierarchy() throws {
        let stPoelten = try NUTSCode(parsing: "AT123")
        #expect(stPoelten.level == 3)
        #expect(stPoelten.parent == .niederoesterreich)
        #expect(stPoelten.isWithin(.niederoesterreich))
        #expect(!stPoelten.isWithin(.wien))
    }

    @Test func explainsUnknownCountry() {
        #expect(
            parse("XX12", as: NUTSCode.self)
                == .failure(FormatError(#""XX12" is not a NUTS code: "XX" is not a NUTS country"#)))
    }
}

@Suite struct CPVCodeTests {
    @Test(arguments: ["39162100-6", "03000000-1", "48000000-8", "45000000-7", "98000000-3", " 37520000-9 "])
    func acceptsWellFormedCodes(_ text: String) throws {
        #expect(try CPVCode(parsing: text).rawValue == text.trimmingCharacters(in: .whitespaces))
    }

    @Test(arguments: [
        "3916210", "39162100", "39162100-", "39162100-66", "3916210-06", "39162100_6", "A9162100-6", "39162100-X", "",
    ])
    func refusesMalformedCodes(_ text: String) {
        #expect(throws: FormatError.self) { try CPVCode(parsing: text) }
    }

    @Test func explainsTheExpectedForm() {
        #expect(
            parse("3916210", as: CPVCode.self)
                == .failure(FormatError(#""3916210" is not a CPV code (8 digits, hyphen, check digit)"#)))
    }

    @Test func refusesUnknownDivision() {
        #expect(
            parse("99000000-1", as: CPVCode.self)
                == .failure(FormatError(#""99000000-1" is not a CPV code: "99" is not a CPV division"#)))
    }

    @Test func labelsEveryDivisionInThreeLanguages() {
        #expect(CPVDivision.all.count == 45)
        for division in CPVDivision.all {
            for language in LanguageTag.catalogueLanguages {
                #expect(!(division.label[language] ?? "").isEmpty, "division \(division.code) lacks \(language)")
            }
        }
        #expect(CPVDivision(code: "39")?.label[.english]?.hasPrefix("Furniture") == true)
    }

    @Test func classifiesDivisions() throws {
        #expect(try CPVCode(parsing: "45000000-7").division.contractType == .works)
        #expect(try CPVCode(parsing: "48000000-8").division.contractType == .supplies)
        #expect(try CPVCode(parsing: "39162100-6").division.contractType == .supplies)
        #expect(try CPVCode(parsing: "90910000-9").division.contractType == .services)
    }

    @Test func comparesBranches() throws {
        let toys = try CPVCode(parsing: "37520000-9")
        let recreational = try CPVCode(parsing: "37000000-8")
        #expect(toys.isWithin(recreational))
        #expect(!recreational.isWithin(toys))
        #expect(toys.significantDigits == "3752")
    }
}

@Suite struct NACECodeTests {
    @Test(arguments: [
        ("C", "C"), ("16", "16"), ("16.2", "16.2"), ("16.23", "16.23"), ("C16.23", "16.23"), ("c 16.23", "16.23"),
        ("88.10", "88.10"), ("01", "01"),
    ])
    func acceptsAndNormalises(_ text: String, _ expected: String) throws {
        #expect(try NACECode(parsing: text).rawValue == expected)
    }

    @Test(arguments: ["V", "16.234", "1", "16.", ".2", "04", "34.1", "A16.23", "16-23", "", "162"])
    func refusesMalformedCodes(_ text: String) {
        #expect(throws: FormatError.self) { try NACECode(parsing: text) }
    }

    @Test func knowsSections() throws {
        #expect(try NACECode(parsing: "16.23").section.letter == "C")
        #expect(try NACECode(parsing: "88").section.letter == "Q")
        #expect(try NACECode(parsing: "16.23").isWithin(NACECode(parsing: "C")))
        #expect(try NACECode(parsing: "16.23").isWithin(NACECode(parsing: "16.2")))
        #expect(try !NACECode(parsing: "16.23").isWithin(NACECode(parsing: "16.1")))
        #expect(NACESection.all.count == 21)
        #expect(NACESection.all.flatMap(\.divisions).count == 88)
    }

    @Test func explainsSectionMismatch() {
        #expect(
            parse("A16.23", as: NACECode.self)
                == .failure(
                    FormatError(#""A16.23" is not a NACE Rev. 2 code: division 16 belongs to section C, not A"#)))
    }
}

@Suite struct LanguageTagTests {
    @Test(arguments: [
        ("de", "de"), ("HU", "hu"), ("en-gb", "en-GB"), ("de_AT", "de-AT"), ("sr-latn-rs", "sr-Latn-RS"),
        ("zh-Hant-TW", "zh-Hant-TW"), ("es-419", "es-419"), ("de-CH-1996", "de-CH-1996"), ("x-private", "x-private"),
        ("en-a-bbb-x-a-ccc", "en-a-bbb-x-a-ccc"), ("hu-x-sopron", "hu-x-sopron"),
    ])
    func acceptsWellFormedTags(_ text: String, _ canonical: String) throws {
        #expect(try LanguageTag(parsing: text).rawValue == canonical)
    }

    @Test(arguments: [
        "", "d", "deutsch-at-x", "de--AT", "de-", "-de", "abcd", "de-AT-1996-1996", "en-a", "x", "de-x", "1e",
        "deutschsprachig",
    ])
    func refusesMalformedTags(_ text: String) {
        #expect(throws: FormatError.self) { try LanguageTag(parsing: text) }
    }

    @Test func reducesToPrimaryLanguage() throws {
        #expect(try LanguageTag(parsing: "de-AT").primary == .german)
    }
}

@Suite struct CountryCodeTests {
    @Test func acceptsAssignedCodes() throws {
        #expect(try CountryCode(parsing: "at") == .austria)
        #expect(try CountryCode(parsing: "HU") == .hungary)
        #expect(try CountryCode(parsing: "NO").rawValue == "NO")
    }

    @Test(arguments: ["XX", "EL", "UK", "AUT", "A", "", "1A", "Österreich"])
    func refusesOthers(_ text: String) {
        #expect(throws: FormatError.self) { try CountryCode(parsing: text) }
    }
}

@Suite struct ContactFormTests {
    @Test(arguments: ["office@example.at", "a.b+c@sub.example.co.at", "büro@bäckerei.at", "x@xn--bcher-kva.example"])
    func acceptsEmails(_ text: String) throws {
        _ = try EmailAddress(parsing: text)
    }

    @Test(arguments: [
        "", "office", "office@", "@example.at", "a@b", "a@@b.at", "a b@c.at", "a@b..at", ".a@b.at", "a@-b.at", "a@b.a1",
    ])
    func refusesEmails(_ text: String) {
        #expect(throws: FormatError.self) { try EmailAddress(parsing: text) }
    }

    @Test func lowerCasesEmailDomain() throws {
        #expect(try EmailAddress(parsing: "Office@Example.AT").rawValue == "Office@example.at")
    }

    @Test(arguments: ["https://example.at", "http://www.example.at/path?q=1#x", "https://bäckerei.at/"])
    func acceptsWebAddresses(_ text: String) throws {
        #expect(try WebURL(parsing: text).rawValue == text)
    }

    @Test(arguments: [
        "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>", "ftp://example.at", "www.example.at",
        "https://", "https://localhost", "https://user:pw@example.at", "https://exa mple.at", "",
        "https://example.at/\u{0}",
    ])
    func refusesWebAddresses(_ text: String) {
        #expect(throws: FormatError.self) { try WebURL(parsing: text) }
    }

    @Test func explainsMissingScheme() {
        #expect(
            parse("www.example.at", as: WebURL.self)
                == .failure(FormatError(#""www.example.at" is not a web address (https://…): add https:// in front"#)))
        #expect(
            parse("javascript:alert(1)", as: WebURL.self)
                == .failure(
                    FormatError(
                        #""javascript:alert(1)" is not a web address (https://…): only http and https links are allowed"#
                    )))
    }

    @Test(arguments: [
        ("+43 2742 123456", "+432742123456"), ("+43 (0)1 234 56 78", "+4312345678"),
        ("+36 (96) 123-456", "+3696123456"),
        ("+36/30/123.4567", "+36301234567"),
    ])
    func acceptsPhoneNumbers(_ text: String, _ e164: String) throws {
        #expect(try PhoneNumber(parsing: text).e164 == e164)
    }

    @Test(arguments: [
        "0664 1234567", "+43", "+43 12", "+0043 1 234567", "+43 1 234 567 890 123 456", "+43 abc 12345", "", "+",
    ])
    func refusesPhoneNumbers(_ text: String) {
        #expect(throws: FormatError.self) { try PhoneNumber(parsing: text) }
    }

    @Test(arguments: [
        ("ATU12345678", "ATU12345678"), ("atu 1234 5678", "ATU12345678"), ("HU12345678", "HU12345678"),
        ("DE123456789", "DE123456789"), ("EL123456789", "EL123456789"),
    ])
    func acceptsVATNumbers(_ text: String, _ normalised: String) throws {
        #expect(try VATNumber(parsing: text).rawValue == normalised)
    }

    @Test(arguments: ["AT12345678", "ATU1234567", "HU1234567", "HU123456789", "US123456", "", "12345678"])
    func refusesVATNumbers(_ text: String) {
        #expect(throws: FormatError.self) { try VATNumber(parsing: text) }
    }
}

@Suite struct DateAndMoneyTests {
    @Test(arguments: ["2023", "2023-03", "2023-03-15", "2024-02-29", "2000-02-29"])
    func acceptsDates(_ text: String) throws {
        #expect(try PartialDate(parsing: text).rawValue == text)
    }

    @Test(arguments: [
        "23", "2023-3", "2023-13", "2023-00", "2023-02-29", "1900-02-29", "2023-04-31", "2023/03", "", "0999",
    ])
    func refusesDates(_ text: String) {
        #expect(throws: FormatError.self) { try PartialDate(parsing: text) }
    }

    @Test func comparesPartialDatesByTheirSpan() throws {
        #expect(try PartialDate(parsing: "2023-05").mayPrecede(PartialDate(parsing: "2023")))
        #expect(try !PartialDate(parsing: "2024").mayPrecede(PartialDate(parsing: "2023-12-31")))
    }

    @Test func acceptsCurrencies() throws {
        #expect(try CurrencyCode(parsing: "eur") == .euro)
        #expect(throws: FormatError.self) { try CurrencyCode(parsing: "EURO") }
    }
}

@Suite struct EntryIDTests {
    @Test func acceptsUUIDsInAnyCase() throws {
        let id = try EntryID(parsing: "URN:UUID:3664D6C4-7277-4BF1-8088-6E144507EA6D")
        #expect(id.rawValue == "3664d6c4-7277-4bf1-8088-6e144507ea6d")
    }

    @Test(arguments: [
        "", "3664d6c4-7277-4bf1-8088", "3664d6c472774bf180886e144507ea6d", "g664d6c4-7277-4bf1-8088-6e144507ea6d",
        "00000000-0000-0000-0000-000000000000",
    ])
    func refusesOthers(_ text: String) {
        #expect(throws: FormatError.self) { try EntryID(parsing: text) }
    }

    @Test func mintsVersion7UUIDsThatSortByTime() throws {
        let earlier = EntryID.make(at: Date(timeIntervalSince1970: 1_700_000_000))
        let later = EntryID.make(at: Date(timeIntervalSince1970: 1_700_000_001))
        #expect(earlier < later)
        for id in [earlier, later] {
            let reparsed = try EntryID(parsing: id.rawValue)
            #expect(reparsed == id)
            let scalars = Array(id.rawValue)
            #expect(scalars[14] == "7")
            #expect("89ab".contains(scalars[19]))
        }
        #expect(EntryID.make() != EntryID.make())
    }
}

@Suite struct CPVDivisionTests {
    /// Each of the 45 divisions has its own code, in the division, with the published check
    /// digit (those in the sample catalogue's entries agree).
    @Test func everyCPVDivisionHasItsOwnCode() throws {
        #expect(CPVDivision.all.count == 45)
        for division in CPVDivision.all {
            let code = try #require(division.rootCode, "division \(division.code)")
            #expect(code.division == division)
            #expect(code.digits == division.code + "000000")
        }
        #expect(CPVDivision(code: "39")?.rootCode?.rawValue == "39000000-2")
        #expect(CPVDivision(code: "45")?.rootCode?.rawValue == "45000000-7")
        #expect(CPVDivision(code: "03")?.rootCode?.rawValue == "03000000-1")
        #expect(CPVDivision(code: "98")?.rootCode?.rawValue == "98000000-3")
    }
}
