import Foundation

extension Entry {
    /// The entry as a document, fields in a fixed order and absent values left out — the form
    /// written to entry files and JSON. `EntryDecoding.read(entry.document)` gives the entry back.
    public var document: DocumentValue {
        var writer = DocumentWriter()
        writer.set("kind", .string(kind.rawValue))
        writer.set("id", .string(id.rawValue))
        switch self {
        case .enterprise(let enterprise): enterprise.write(into: &writer)
        case .product(let product): product.write(into: &writer)
        case .cooperation(let cooperation): cooperation.write(into: &writer)
        }
        return .object(writer.object)
    }
}

extension Entry: Codable {
    /// Decodes an entry and validates it; throws `ValidationErrors` listing every problem.
    public init(from decoder: any Decoder) throws {
        let document = try DocumentValue(from: decoder)
        let result = EntryDecoding.read(document)
        guard let entry = result.validEntry else {
            throw ValidationErrors(result.issues)
        }
        self = entry
    }

    public func encode(to encoder: any Encoder) throws {
        try document.encode(to: encoder)
    }
}

/// Builds a document object, leaving out what is absent or empty.
struct DocumentWriter {
    var object = DocumentObject()

    /// An entry's pictures in the form `EntryDecoding.readPicture` reads.
    mutating func set(pictures: [PictureReference]) {
        set(
            "pictures",
            .list(
                pictures.map { picture in
                    DocumentWriter.build {
                        switch picture.source {
                        case .stored(let info):
                            $0.set("sha256", code: info.sha256)
                            $0.set("type", info.type.rawValue)
                            $0.set("width", integer: info.width)
                            $0.set("height", integer: info.height)
                            $0.set("bytes", integer: info.bytes)
                        case .file(let path): $0.set("file", path)
                        case .address(let url): $0.set("url", code: url)
                        }
                        $0.set("alt", picture.alt)
                        if picture.logo { $0.set("logo", flag: true) }
                    }
                }))
    }

    mutating func set(_ key: String, _ value: DocumentValue?) {
        guard let value else { return }
        switch value {
        case .list(let values) where values.isEmpty: return
        case .object(let fields) where fields.isEmpty: return
        case .null: return
        default: object[key] = value
        }
    }

    mutating func set(_ key: String, _ text: String?) {
        set(key, text.map(DocumentValue.string))
    }

    mutating func set(_ key: String, code: (some CatalogueCode)?) {
        set(key, code.map { DocumentValue.string($0.rawValue) })
    }

    mutating func set(_ key: String, term: (some VocabularyTerm)?) {
        set(key, term.map { DocumentValue.string($0.rawValue) })
    }

    mutating func set(_ key: String, codes: [some CatalogueCode]) {
        set(key, .list(codes.map { .string($0.rawValue) }))
    }

    mutating func set(_ key: String, terms: [some VocabularyTerm]) {
        set(key, .list(terms.map { .string($0.rawValue) }))
    }

    mutating func set(_ key: String, _ text: LocalizedText) {
        set(key, text.document)
    }

    mutating func set(_ key: String, integer: Int?) {
        set(key, integer.map { DocumentValue.number(String($0)) })
    }

    mutating func set(_ key: String, number: Double?) {
        set(key, number.map { DocumentValue.number($0.formatted) })
    }

    mutating func set(_ key: String, decimal: Decimal?) {
        set(key, decimal.map { DocumentValue.number("\($0)") })
    }

    /// Flags are written only when set, so a plain entry stays short.
    mutating func set(_ key: String, flag: Bool) {
        if flag { object[key] = .bool(true) }
    }

    static func build(_ body: (inout DocumentWriter) -> Void) -> DocumentValue {
        var writer = DocumentWriter()
        body(&writer)
        return .object(writer.object)
    }
}

extension LocalizedText {
    /// Languages in catalogue order (de, hu, en, then others).
    public var document: DocumentValue {
        .object(DocumentObject(languages.map { ($0.rawValue, DocumentValue.string(values[$0] ?? "")) }))
    }
}

extension Enterprise {
    fileprivate func write(into writer: inout DocumentWriter) {
        writer.set("name", name)
        writer.set("legalForm", legalForm)
        writer.set("socialModel", term: socialModel)
        writer.set("labourMarket", term: labourMarket)
        writer.set("targetGroups", terms: targetGroups)
        writer.set("region", code: region)
        writer.set(
            "address",
            address.map { address in
                DocumentWriter.build {
                    $0.set("street", address.street)
                    $0.set("postalCode", address.postalCode)
                    $0.set("locality", address.locality)
                    $0.set("country", code: address.country)
                }
            })
        writer.set(
            "geo",
            geo.map { geo in
                DocumentWriter.build {
                    $0.set("latitude", number: geo.latitude)
                    $0.set("longitude", number: geo.longitude)
                }
            })
        writer.set(
            "contact",
            DocumentWriter.build {
                $0.set("email", code: contact.email)
                $0.set("phone", code: contact.phone)
                $0.set("website", code: contact.website)
            })
        writer.set("sectors", codes: sectors)
        writer.set("description", description)
        writer.set("founded", integer: founded)
        writer.set("employees", integer: employees)
        writer.set("integrationPlaces", integer: integrationPlaces)
        writer.set("disadvantagedStaffShare", number: disadvantagedStaffShare)
        writer.set("companyRegisterNumber", companyRegisterNumber)
        writer.set("vatNumber", code: vatNumber)
        writer.set("capacityNotes", capacityNotes)
        writer.set("openingHours", openingHours)
        writer.set("certifications", .list(certifications.map(DocumentValue.string)))
        writer.set("languages", codes: languages)
        writer.set(pictures: pictures)
        writer.set("lighthouse", flag: lighthouse)
    }
}

extension Product {
    fileprivate func write(into writer: inout DocumentWriter) {
        writer.set("type", term: type)
        writer.set("name", name)
        writer.set("description", description)
        writer.set("enterprises", codes: enterprises)
        writer.set("categories", codes: categories)
        writer.set("sustainability", terms: sustainability)
        writer.set("deliveryArea", codes: deliveryArea)
        writer.set(
            "order",
            order.map { order in
                DocumentWriter.build {
                    $0.set("minimumQuantity", integer: order.minimumQuantity)
                    $0.set("unit", order.unit)
                    $0.set("leadTimeDays", integer: order.leadTimeDays)
                    $0.set(
                        "price",
                        order.price.map { price in
                            DocumentWriter.build {
                                $0.set("onRequest", flag: price.onRequest)
                                $0.set("from", decimal: price.from)
                                $0.set("to", decimal: price.to)
                                $0.set("currency", code: price.currency)
                            }
                        })
                    $0.set("notes", order.notes)
                }
            })
        writer.set(
            "images",
            .list(
                images.map { image in
                    image.alt.isEmpty
                        ? .string(image.url.rawValue)
                        : DocumentWriter.build {
                            $0.set("url", code: image.url)
                            $0.set("alt", image.alt)
                        }
                }))
        writer.set(pictures: pictures)
        writer.set("lighthouse", flag: lighthouse)
    }
}

extension Cooperation {
    fileprivate func write(into writer: inout DocumentWriter) {
        writer.set("title", title)
        writer.set("description", description)
        writer.set("enterprises", codes: enterprises)
        writer.set(
            "partners",
            .list(
                partners.map { partner in
                    DocumentWriter.build {
                        $0.set("name", partner.name)
                        $0.set("type", term: partner.type)
                        $0.set("country", code: partner.country)
                        $0.set("website", code: partner.website)
                    }
                }))
        writer.set("products", codes: products)
        writer.set("contracting", terms: contracting)
        writer.set("regions", codes: regions)
        writer.set(
            "period",
            period.map { period in
                DocumentWriter.build {
                    $0.set("start", code: period.start)
                    $0.set("end", code: period.end)
                }
            })
        writer.set("volume", volume)
        writer.set(
            "contractValue",
            contractValue.map { value in
                DocumentWriter.build {
                    $0.set("amount", decimal: value.amount)
                    $0.set("currency", code: value.currency)
                }
            })
        writer.set(
            "outcome",
            outcome.map { outcome in
                DocumentWriter.build {
                    $0.set("integrationPlacesCreated", integer: outcome.integrationPlacesCreated)
                    $0.set("summary", outcome.summary)
                }
            })
        writer.set(
            "quote",
            quote.map { quote in
                DocumentWriter.build {
                    $0.set("text", quote.text)
                    $0.set("author", quote.author)
                    $0.set("role", quote.role)
                }
            })
        writer.set(pictures: pictures)
        writer.set("lighthouse", flag: lighthouse)
    }
}
