import DirectoryModel
import Foundation
import Testing

@Suite struct EntryValidationTests {
    @Test(arguments: [validEnterprise, validProduct, validCooperation])
    func acceptsCompleteEntries(_ value: DocumentValue) throws {
        let result = EntryDecoding.read(value, context: fixedContext)
        #expect(result.issues == [])
        #expect(result.validEntry != nil)
    }

    @Test func readsEveryEnterpriseField() throws {
        let entry = try #require(EntryDecoding.read(validEnterprise, context: fixedContext).validEntry)
        guard case .enterprise(let enterprise) = entry else {
            Issue.record("not an enterprise")
            return
        }
        #expect(enterprise.name[.german] == "Holzwerkstatt Traisental")
        #expect(enterprise.socialModel == .workIntegration)
        #expect(enterprise.labourMarket == .second)
        #expect(enterprise.targetGroups == [.longTermUnemployed, .olderWorkers])
        #expect(enterprise.region == .niederoesterreich)
        #expect(enterprise.address?.postalCode == "3100")
        #expect(enterprise.geo == GeoPosition(latitude: 48.2047, longitude: 15.6256))
        #expect(enterprise.contact.phone?.e164 == "+432742123456")
        #expect(enterprise.sectors.map(\.rawValue) == ["16.23"])
        #expect(enterprise.description[.german] == "Tischlerei.\nZweite Zeile.")
        #expect(enterprise.founded == 1998)
        #expect(enterprise.integrationPlaces == 22)
        #expect(enterprise.disadvantagedStaffShare == 65.5)
        #expect(enterprise.qualifiesForReservedContracts == true)
        #expect(enterprise.vatNumber?.rawValue == "ATU12345678")
        #expect(enterprise.languages == [.german, .english])
        #expect(enterprise.lighthouse)
    }

    @Test func decidesReservedContractEligibilityAtThirtyPercent() {
        var enterprise = Enterprise(id: EntryID.make())
        #expect(enterprise.qualifiesForReservedContracts == nil)
        enterprise.disadvantagedStaffShare = 29.9
        #expect(enterprise.qualifiesForReservedContracts == false)
        enterprise.disadvantagedStaffShare = 30
        #expect(enterprise.qualifiesForReservedContracts == true)
    }

    @Test func reportsEveryProblemAtOnceWithPaths() {
        let broken = modified(
            validEnterprise,
            [
                "name": document(#"{"de": "", "hu": "Faműhely"}"#),
                "region": .string("XX12"),
                "sectors": document(#"["16.23", "34.1"]"#),
                "founded": .number("2031"),
                "contact": document(#"{"email": "office", "website": "javascript:alert(1)"}"#),
                "socialModel": .string("wise"),
                "nmae": .string("typo"),
            ])
        let found = problems(broken)
        #expect(found.contains("name.de: must not be empty"))
        #expect(found.contains(#"region: "XX12" is not a NUTS code: "XX" is not a NUTS country"#))
        #expect(found.contains(#"sectors[1]: "34.1" is not a NACE Rev. 2 code: "34" is not a NACE division"#))
        #expect(found.contains(#"founded: must be between 1800 and 2026, found 2031"#))
        #expect(found.contains(#"contact.email: "office" is not an e-mail address (e.g. office@example.at)"#))
        #expect(
            found.contains(
                #"contact.website: "javascript:alert(1)" is not a web address (https://…): only http and https links are allowed"#
            ))
        #expect(found.contains { $0.hasPrefix(#"socialModel: "wise" is not one of: work-integration"#) })
        #expect(found.contains(#"nmae: unknown field (did you mean "name"?)"#))
        #expect(found.count >= 7)
    }

    @Test func reportsMissingRequiredFields() {
        let found = problems(document(#"{"kind": "enterprise", "id": "\#(enterpriseID)"}"#))
        #expect(found.contains("name: is required in at least one language (de, hu or en)"))
        #expect(found.contains { $0.hasPrefix("socialModel: is required") })
        #expect(found.contains("region: is required (a NUTS code, e.g. AT12)"))
        #expect(problems(document(#"{"name": {"de": "x"}}"#)).contains { $0.hasPrefix("kind: is required") })
        #expect(problems(document(#"{"kind": "product"}"#)).contains { $0.hasPrefix("id: is required") })
        #expect(
            problems(document(#"{"kind": "product", "id": "\#(productID)"}"#)).sorted() == [
                "enterprises: needs at least one element",
                "name: is required in at least one language (de, hu or en)",
                "type: is required (product or service)",
            ])
        #expect(
            problems(document(#"{"kind": "cooperation", "id": "\#(cooperationID)"}"#)).sorted() == [
                "contracting: needs at least one element",
                "enterprises: needs at least one element",
                "title: is required in at least one language (de, hu or en)",
            ])
    }

    @Test func checksEveryFieldEvenWhenTheIDIsUnusable() {
        let result = EntryDecoding.read(
            modified(validProduct, ["id": .string("x"), "categories": .string("3916210")]), context: fixedContext)
        #expect(result.entry == nil)
        #expect(result.issues.map(\.path.description) == ["id", "categories"])
    }

    @Test func reportsTypeMismatchesWithWhatWasFound() {
        let found = problems(
            modified(
                validEnterprise,
                [
                    "name": .string("Holzwerkstatt"),
                    "employees": .string("34"),
                    "lighthouse": .string("yes"),
                    "sectors": document(#"{"a": 1}"#),
                    "address": .list([]),
                ]))
        #expect(found.contains("name: expected texts by language, e.g. {de: …, hu: …, en: …}, found text"))
        #expect(found.contains("employees: expected a whole number, found text"))
        #expect(found.contains("lighthouse: expected true or false, found text"))
        #expect(found.contains("sectors: expected a list, found a map of fields"))
        #expect(found.contains("address: expected an address (street, postalCode, locality, country), found a list"))
    }

    @Test(arguments: [
        ("kind", DocumentValue.string("shop"), #"kind: "shop" is not one of: enterprise, product, cooperation"#),
        ("id", .string("42"), #"id: "42" is not an entry id (a UUID such as 0192f3a4-5b6c-7d8e-9f01-23456789abcd)"#),
        ("legalForm", .string("   "), "legalForm: must not be empty"),
        (
            "legalForm", .string(String(repeating: "x", count: 121)),
            "legalForm: is 121 characters long; at most 120 are allowed"
        ),
        ("name", document(#"{"de": "Zeile\nZeile"}"#), "name.de: contains a line break, which is not allowed here"),
        (
            "name", document(#"{"deutsch": "x"}"#),
            #"name.deutsch: "deutsch" is not a BCP 47 language tag (e.g. de, hu, en, de-AT)"#
        ),
        ("labourMarket", .string("first"), #"labourMarket: "first" is not one of: second, third"#),
        (
            "targetGroups", document(#"["young-people", "young-people"]"#),
            #"targetGroups[1]: "young-people" is listed twice (also at [0])"#
        ),
        ("geo", document(#"{"latitude": 91, "longitude": 16}"#), "geo.latitude: must be between -90 and 90, found 91"),
        ("geo", document(#"{"latitude": 48}"#), "geo.longitude: is required"),
        (
            "address", document(#"{"locality": "Győr", "country": "HU", "postalCode": "9021"}"#),
            "address.country: is HU, but the region AT12 lies in AT"
        ),
        (
            "address", document(#"{"locality": "Wien", "country": "AT", "postalCode": "10100"}"#),
            #"address.postalCode: "10100" is not a postal code of AT (4 digits)"#
        ),
        ("address", document(#"{"street": "Hauptplatz 1"}"#), "address.locality: is required"),
        ("employees", .number("-1"), "employees: must be between 0 and 1000000, found -1"),
        ("employees", .number("3.5"), "employees: expected a whole number, found 3.5"),
        (
            "employees", .number("99999999999999999999999"),
            "employees: expected a whole number, found 99999999999999999999999"
        ),
        ("disadvantagedStaffShare", .number("130"), "disadvantagedStaffShare: must be between 0 and 100, found 130"),
        ("founded", .number("1700"), "founded: must be between 1800 and 2026, found 1700"),
        ("vatNumber", .string("ATU123"), #"vatNumber: "ATU123" is not a VAT number (ATU and 8 digits)"#),
        ("certifications", document(#"["ISO 9001", ""]"#), "certifications[1]: must not be empty"),
        (
            "languages", document(#"["de", "english"]"#),
            #"languages[1]: "english" is not a BCP 47 language tag (e.g. de, hu, en, de-AT)"#
        ),
        (
            "contact", document(#"{"phone": "0664 1234567"}"#),
            #"contact.phone: "0664 1234567" is not a phone number in international form: start with + and the country code (e.g. +43 2742 123456)"#
        ),
        (
            "capacityNotes", document(#"{"de": "\u0007"}"#),
            "capacityNotes.de: contains U+0007 (a control character), which is not allowed here"
        ),
    ])
    func checksEnterpriseField(_ key: String, _ value: DocumentValue, _ expected: String) {
        let found = problems(modified(validEnterprise, [key: value]))
        #expect(found.contains(expected), "got \(found)")
    }

    @Test(arguments: [
        ("type", DocumentValue.string("goods"), #"type: "goods" is not one of: product, service"#),
        (
            "categories", document(#"["3916210"]"#),
            #"categories[0]: "3916210" is not a CPV code (8 digits, hyphen, check digit)"#
        ),
        (
            "enterprises", document(#"["not-a-uuid"]"#),
            #"enterprises[0]: "not-a-uuid" is not an entry id (a UUID such as 0192f3a4-5b6c-7d8e-9f01-23456789abcd)"#
        ),
        (
            "sustainability", document(#"["recyled"]"#),
            #"sustainability[0]: "recyled" is not one of: recycled, upcycled, regional-materials, organic, repairable, reusable, low-carbon-transport, fair, accessible, energy-efficient, plastic-free (did you mean "recycled"?)"#
        ),
        ("deliveryArea", document(#"["AT12", "at12"]"#), #"deliveryArea[1]: "AT12" is listed twice (also at [0])"#),
        (
            "order", document(#"{"price": {"from": 10, "to": 5, "currency": "EUR"}}"#),
            "order.price.to: must not be less than from (10)"
        ),
        (
            "order", document(#"{"price": {"from": 10}}"#),
            "order.price.currency: is required with a price range (e.g. EUR)"
        ),
        (
            "order", document(#"{"price": {"onRequest": true, "from": 1, "currency": "EUR"}}"#),
            "order.price: give either onRequest: true or a range (from/to), not both"
        ),
        (
            "order", document(#"{"price": {}}"#),
            "order.price: give onRequest: true or a range (from and/or to, with currency)"
        ),
        (
            "order", document(#"{"minimumQuantity": 0}"#),
            "order.minimumQuantity: must be between 1 and 1000000000, found 0"
        ),
        ("order", document(#"{"leadTimeDays": 5000}"#), "order.leadTimeDays: must be between 0 and 3650, found 5000"),
        ("images", document(#"[{"alt": {"de": "x"}}]"#), "images[0].url: is required"),
        ("images", document(#"["http://x"]"#), #"images[0]: "http://x" is not a web address (https://…)"#),
        (
            "images", .list(Array(repeating: .string("https://example.at/a.jpg"), count: 21)),
            "images: has 21 elements; at most 20 are allowed"
        ),
    ])
    func checksProductField(_ key: String, _ value: DocumentValue, _ expected: String) {
        let found = problems(modified(validProduct, [key: value]))
        #expect(found.contains(expected), "got \(found)")
    }

    @Test(arguments: [
        ("partners", DocumentValue.list([document(#"{"type": "company"}"#)]), "partners[0].name: is required"),
        (
            "partners", document(#"[{"name": "Firma", "type": "business"}]"#),
            #"partners[0].type: "business" is not one of: company, public-body, ngo, other"#
        ),
        (
            "partners", document(#"[{"name": "Firma"}]"#),
            "partners[0].type: is required (one of: company, public-body, ngo, other)"
        ),
        (
            "contracting", document(#"["tender"]"#),
            #"contracting[0]: "tender" is not one of: reserved-contract, social-clause, private-purchase, co-development, sponsorship"#
        ),
        ("period", document(#"{"start": "2024-05", "end": "2023"}"#), "period.end: is before the start (2024-05)"),
        ("period", document(#"{"end": "2023"}"#), "period.start: is required"),
        (
            "period", document(#"{"start": "2023-02-30"}"#),
            #"period.start: "2023-02-30" is not a date (YYYY, YYYY-MM or YYYY-MM-DD): that month has 28 days"#
        ),
        (
            "contractValue", document(#"{"amount": -5, "currency": "EUR"}"#),
            "contractValue.amount: must not be negative"
        ),
        ("contractValue", document(#"{"amount": 5}"#), "contractValue.currency: is required (e.g. EUR)"),
        ("quote", document(#"{"author": "Maria"}"#), "quote.text: is required in at least one language (de, hu or en)"),
        (
            "outcome", document(#"{"integrationPlacesCreated": -2}"#),
            "outcome.integrationPlacesCreated: must be between 0 and 1000000, found -2"
        ),
        ("regions", document(#"["Wien"]"#), #"regions[0]: "Wien" is not a NUTS code: "WI" is not a NUTS country"#),
    ])
    func checksCooperationField(_ key: String, _ value: DocumentValue, _ expected: String) {
        let found = problems(modified(validCooperation, [key: value]))
        #expect(found.contains(expected), "got \(found)")
    }

    @Test func refusesKindMismatchInBundles() {
        #expect(
            problems(validProduct, kind: .enterprise).first
                == "kind: is product, but the entry is in the list of enterprises")
        let withoutKind = modified(validProduct, ["kind": nil])
        #expect(problems(withoutKind, kind: .product) == [])
    }

    @Test func acceptsASingleValueWhereAListIsExpected() {
        #expect(problems(modified(validProduct, ["deliveryArea": .string("AT13")])) == [])
    }

    @Test func doesNotRepeatAReadingProblemAsMissing() {
        let found = problems(modified(validEnterprise, ["region": .string("Niederösterreich")]))
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("region: ") == true)
    }

    @Test func reportsMisplacedListElementsWithoutMisattributingLaterOnes() {
        let found = problems(modified(validEnterprise, ["certifications": document(#"[7, [], "", "ISO"]"#)]))
        #expect(found == ["certifications[1]: expected text, found a list"])
    }

    @Test func codableRoundTripThroughJSON() throws {
        let entry = try #require(EntryDecoding.read(validProduct, context: fixedContext).validEntry)
        let data = try JSONEncoder().encode(entry)
        #expect(try JSONDecoder().decode(Entry.self, from: data) == entry)
        let broken = Data(#"{"kind": "product", "id": "x"}"#.utf8)
        #expect(throws: ValidationErrors.self) { try JSONDecoder().decode(Entry.self, from: broken) }
    }

    @Test(arguments: [validEnterprise, validProduct, validCooperation])
    func documentRoundTrip(_ value: DocumentValue) throws {
        let entry = try #require(EntryDecoding.read(value, context: fixedContext).validEntry)
        let reread = EntryDecoding.read(entry.document, context: fixedContext)
        #expect(reread.issues == [])
        #expect(reread.entry == entry)
    }

    @Test func describesPaths() {
        let path = FieldPath.root.appending("products").appending(2).appending("name").appending("hu")
        #expect(path.description == "products[2].name.hu")
        #expect(FieldPath.root.appending("a.b\n").description == #"["a.b\n"]"#)
        #expect(FieldPath.root.description == "(entry)")
        let issue = ValidationIssue(
            path: path, message: "must not be empty", location: FileLocation(file: "a.yaml", line: 3, column: 5))
        #expect(issue.description == "a.yaml:3:5: products[2].name.hu: must not be empty")
    }

    @Test func textLimitsBoundBytesToo() {
        // One grapheme cluster of 140 KB: an "e" and 70,000 combining acute accents (issue 14:
        // it passed the 200-character limit, then signing refused a string over 64 KiB).
        let heavy = "e" + String(repeating: "\u{0301}", count: 70_000)
        #expect(heavy.count == 1)
        #expect(
            problems(modified(validEnterprise, ["name": .object(["de": .string(heavy)])]))
                == ["name.de: is 140001 bytes long in UTF-8; at most 800 are allowed"])
        #expect(
            problems(modified(validEnterprise, ["description": .object(["en": .string(heavy)])]))
                == ["description.en: is 140001 bytes long in UTF-8; at most 40000 are allowed"])
        #expect(
            problems(modified(validEnterprise, ["certifications": .list([.string(heavy)])]))
                == ["certifications[0]: is 140001 bytes long in UTF-8; at most 480 are allowed"])
        #expect(
            problems(modified(validProduct, ["order": .object(["notes": .object(["hu": .string(heavy)])])]))
                == ["order.notes.hu: is 140001 bytes long in UTF-8; at most 8000 are allowed"])
        // At the limit in both: 200 characters of four bytes each.
        let wide = String(repeating: "😀", count: 200)
        #expect(problems(modified(validEnterprise, ["name": .object(["de": .string(wide)])])) == [])
        // Every byte limit stays well under the 64 KiB a signed change allows per string.
        let limits = [
            EntryLimits.name, EntryLimits.description, EntryLimits.notes, EntryLimits.label, EntryLimits.quote,
            EntryLimits.addressLine, EntryLimits.altText,
        ]
        for limit in limits {
            #expect(EntryLimits.bytes(forCharacters: limit) <= 40_000)
        }
    }

    @Test func inquiryTextLimitsBoundBytesToo() {
        var draft = InquiryDraftFixture.valid
        draft.need = "Sets " + String(repeating: "\u{0301}", count: 20_000) + " für Kindergärten"
        guard case .failure(let failure) = draft.validated(today: "2026-01-01") else {
            Issue.record("a 40 KB need of 22 characters passed")
            return
        }
        #expect(failure.problems.map(\.description) == ["need: is too long (at most 16000 bytes in UTF-8)"])
    }
}
