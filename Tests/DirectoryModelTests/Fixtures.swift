import DirectoryModel
import Foundation

/// Builds documents from JSON text, the shortest way to write one in a test.
func document(_ json: String) -> DocumentValue {
    do {
        return try JSONDecoder().decode(DocumentValue.self, from: Data(json.utf8))
    } catch {
        fatalError("test fixture is not JSON: \(error)")
    }
}

let enterpriseID = "3664d6c4-7277-4bf1-8088-6e144507ea6d"
let productID = "c8e71102-32f0-4ed3-b2fd-b3404ad6ab5e"
let cooperationID = "9cfd5391-fb25-46a6-a672-d24bbc22b959"

/// A complete, valid enterprise.
let validEnterprise = document(
    """
    {"kind": "enterprise", "id": "\(enterpriseID)",
     "name": {"de": "Holzwerkstatt Traisental", "en": "Traisental Wood Workshop"},
     "legalForm": "gemeinnützige GmbH", "socialModel": "work-integration", "labourMarket": "second",
     "targetGroups": ["long-term-unemployed", "older-workers"], "region": "AT12",
     "address": {"street": "Werkstättenstraße 12", "postalCode": "3100", "locality": "St. Pölten", "country": "AT"},
     "geo": {"latitude": 48.2047, "longitude": 15.6256},
     "contact": {"email": "office@example.at", "phone": "+43 2742 123456", "website": "https://example.at"},
     "sectors": ["16.23"], "description": {"de": "Tischlerei.\\nZweite Zeile."}, "founded": 1998,
     "employees": 34, "integrationPlaces": 22, "disadvantagedStaffShare": 65.5,
     "companyRegisterNumber": "FN 123456a", "vatNumber": "ATU12345678",
     "capacityNotes": {"de": "500 Stück je Monat"}, "certifications": ["PEFC"], "languages": ["de", "en"],
     "lighthouse": true}
    """)

/// A complete, valid product.
let validProduct = document(
    """
    {"kind": "product", "id": "\(productID)", "type": "product",
     "name": {"de": "Holzspielzeug-Set", "hu": "Fa játékkészlet"}, "description": {"en": "Toys"},
     "enterprises": ["\(enterpriseID)"], "categories": ["37520000-9"],
     "sustainability": ["regional-materials", "repairable"], "deliveryArea": ["AT12", "HU22"],
     "order": {"minimumQuantity": 20, "unit": {"de": "Sets"}, "leadTimeDays": 30,
               "price": {"from": 89, "to": 149.50, "currency": "EUR"}, "notes": {"de": "Gravur möglich"}},
     "images": ["https://example.at/a.jpg", {"url": "https://example.at/b.jpg", "alt": {"de": "Bausteine"}}]}
    """)

/// A complete, valid cooperation.
let validCooperation = document(
    """
    {"kind": "cooperation", "id": "\(cooperationID)",
     "title": {"de": "Spielzeug für 40 Kindergärten"}, "description": {"de": "Vorbehaltener Auftrag."},
     "enterprises": ["\(enterpriseID)"],
     "partners": [{"name": "Stadt St. Pölten", "type": "public-body", "country": "AT", "website": "https://www.st-poelten.at"}],
     "products": ["\(productID)"], "contracting": ["reserved-contract"], "regions": ["AT12"],
     "period": {"start": "2023-03", "end": "2024"}, "volume": {"de": "800 Sets"},
     "contractValue": {"amount": 96000, "currency": "EUR"},
     "outcome": {"integrationPlacesCreated": 4, "summary": {"de": "Vier Plätze"}},
     "quote": {"text": {"de": "Gut."}, "author": "Maria Beispiel", "role": {"de": "Leiterin"}}, "lighthouse": true}
    """)

/// `base` with `changes` applied at the top level; a `nil` value removes the field.
func modified(_ base: DocumentValue, _ changes: [String: DocumentValue?]) -> DocumentValue {
    guard case .object(var object) = base else { return base }
    for (key, value) in changes { object[key] = value }
    return .object(object)
}

let fixedContext = ValidationContext(currentYear: 2026)

/// The problems found in `value`, as `path: message` lines.
func problems(_ value: DocumentValue, kind: EntryKind? = nil) -> [String] {
    EntryDecoding.read(value, impliedKind: kind, context: fixedContext).issues.map { "\($0.path): \($0.message)" }
}
