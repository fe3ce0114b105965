import DirectoryModel
import Foundation
import PropertyBased
import Testing

/// Field names of every kind, so junk documents hit real readers, not only "unknown field".
let knownKeys = [
    "kind", "id", "name", "legalForm", "socialModel", "labourMarket", "targetGroups", "region", "address", "street",
    "postalCode", "locality", "country", "geo", "latitude", "longitude", "contact", "email", "phone", "website",
    "sectors", "description", "founded", "employees", "integrationPlaces", "disadvantagedStaffShare",
    "companyRegisterNumber", "vatNumber", "capacityNotes", "certifications", "languages", "lighthouse", "type",
    "enterprises", "categories", "sustainability", "deliveryArea", "order", "minimumQuantity", "unit", "leadTimeDays",
    "price", "onRequest", "from", "to", "currency", "notes", "images", "url", "alt", "title", "partners", "products",
    "contracting", "regions", "period", "start", "end", "volume", "contractValue", "amount", "outcome",
    "integrationPlacesCreated", "summary", "quote", "text", "author", "role", "de", "hu", "en",
]

/// Scalars that are almost valid, exactly valid, or hostile.
let interestingScalars: [DocumentValue] = [
    .string(""), .string(" "), .string("AT12"), .string("XX12"), .string("39162100-6"), .string("3916210"),
    .string("16.23"), .string("de"), .string("de-AT"), .string("enterprise"), .string("product"),
    .string("cooperation"),
    .string(enterpriseID), .string("https://example.at"), .string("javascript:alert(1)"), .string("a@b.at"),
    .string("+43 1 234567"), .string("2023-02-29"), .string("<script>alert('x')</script>"), .string("\u{0}\u{7}\n"),
    .string(String(repeating: "ü", count: 300)), .string("work-integration"), .string("EUR"), .string("ATU12345678"),
    .number("0"), .number("-1"), .number("1e308"), .number("1e309"), .number("99999999999999999999"), .number("3.5"),
    .number("-0"), .number(".5"), .bool(true), .bool(false), .null,
]

/// A random document of bounded depth: objects with real and junk keys, lists, scalars.
func junkDocument(_ rng: inout any SeededRandomNumberGenerator, depth: Int = 0) -> DocumentValue {
    let choice = Int.random(in: 0..<(depth > 4 ? 3 : 6), using: &rng)
    switch choice {
    case 0: return interestingScalars[Int.random(in: 0..<interestingScalars.count, using: &rng)]
    case 1:
        let length = Int.random(in: 0...12, using: &rng)
        let scalars = (0..<length).map { _ in
            Unicode.Scalar(UInt32.random(in: 0...0x2FF, using: &rng)) ?? "?"
        }
        return .string(String(String.UnicodeScalarView(scalars)))
    case 2: return .number(String(Double.random(in: -1e6...1e6, using: &rng)))
    case 3: return .list((0..<Int.random(in: 0...4, using: &rng)).map { _ in junkDocument(&rng, depth: depth + 1) })
    default:
        var object = DocumentObject()
        for _ in 0..<Int.random(in: 0...8, using: &rng) {
            let key =
                Bool.random(using: &rng)
                ? knownKeys[Int.random(in: 0..<knownKeys.count, using: &rng)]
                : String(UInt32.random(in: 0...99, using: &rng))
            object[key] = junkDocument(&rng, depth: depth + 1)
        }
        return .object(object)
    }
}

/// An entry document whose top level is right (kind and id) but whose fields are junk.
let junkEntries = Generator<DocumentValue, Shrink.None<DocumentValue>> { rng in
    var object = DocumentObject()
    for _ in 0..<Int.random(in: 0...12, using: &rng) {
        object[knownKeys[Int.random(in: 0..<knownKeys.count, using: &rng)]] = junkDocument(&rng, depth: 1)
    }
    let kinds = ["enterprise", "product", "cooperation"]
    object["kind"] = .string(kinds[Int.random(in: 0..<3, using: &rng)])
    object["id"] = .string(enterpriseID)
    return .object(object)
}

@Suite struct JunkInputPropertyTests {
    @Test func junkDocumentsYieldIssuesNeverACrash() async {
        await propertyCheck(count: 2000, input: Generator { rng in junkDocument(&rng) }) { value in
            let result = EntryDecoding.read(value, context: fixedContext)
            if result.issues.isEmpty {
                // Junk that happens to be valid must then survive a round trip.
                let entry = try #require(result.entry)
                #expect(EntryDecoding.read(entry.document, context: fixedContext).entry == entry)
            }
            for issue in result.issues {
                #expect(!issue.message.isEmpty)
                #expect(!issue.message.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
            }
        }
    }

    @Test func junkFieldsOfRealKindsYieldIssuesNeverACrash() async {
        await propertyCheck(count: 2000, input: junkEntries) { value in
            let result = EntryDecoding.read(value, context: fixedContext)
            #expect(result.entry != nil, "kind and id are valid, so an entry is always built")
            if let entry = result.entry, result.issues.isEmpty {
                #expect(entry.validate(context: fixedContext).isEmpty)
            }
        }
    }

    @Test func randomTextNeverCrashesACodeParser() async {
        // Short strings from an alphabet of the characters codes are made of, plus hostile ones.
        let codeLike = Generator<String, Shrink.None<String>> { rng in
            let alphabet = Array("0123456789-._:/+@ ()ATHUEatxhpsw\u{0}\nü")
            let length = Int.random(in: 0...16, using: &rng)
            return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] })
        }
        do {
            await propertyCheck(count: 3000, input: codeLike) { text in
                // Whatever is accepted must be stable: parsing the normalised form gives it back.
                func roundTrips<Code: CatalogueCode>(_ type: Code.Type) {
                    if let code = try? Code(parsing: text) {
                        #expect((try? Code(parsing: code.rawValue)) == code, "\(Code.self) \(text.debugDescription)")
                    }
                }
                roundTrips(NUTSCode.self)
                roundTrips(CPVCode.self)
                roundTrips(NACECode.self)
                roundTrips(CountryCode.self)
                roundTrips(LanguageTag.self)
                roundTrips(EmailAddress.self)
                roundTrips(WebURL.self)
                roundTrips(PhoneNumber.self)
                roundTrips(VATNumber.self)
                roundTrips(CurrencyCode.self)
                roundTrips(PartialDate.self)
                roundTrips(EntryID.self)
            }
        }
    }
}
