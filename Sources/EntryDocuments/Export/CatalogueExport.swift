package import CatalogueStore
package import DirectoryModel
package import Foundation
import SyncProtocol

/// The combined catalogue in a file format for other tools: JSON (the entry documents, in the
/// shape `POST /v1/publish` takes), CSV (one row per entry, for spreadsheets) or JSON-LD with
/// schema.org types (for search engines and linked-data tools).
package enum CatalogueExport {
    package enum Format: String, CaseIterable, Sendable {
        case json, csv, jsonld
    }

    /// One visible entry: its document and, when it validates, the typed entry.
    package struct Item: Sendable {
        package var document: DocumentValue
        package var entry: Entry?

        package init(document: DocumentValue, entry: Entry?) {
            self.document = document
            self.entry = entry
        }
    }

    /// The visible entries of `store`, ordered by kind and id.
    package static func items(of store: SQLiteChangeStore) async throws -> [Item] {
        try await store.visibleEntryStates().compactMap { state in
            let read = CatalogueEntry(state: state)
            guard read.kind != nil else { return nil }
            return Item(document: read.document, entry: read.entry)
        }
    }

    package static func render(_ items: [Item], as format: Format) throws -> Data {
        switch format {
        case .json:
            struct Body: Encodable { var entries: [DocumentValue] }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return try encoder.encode(Body(entries: items.map(\.document)))
        case .csv:
            return Data(csv(items.compactMap(\.entry)).utf8)
        case .jsonld:
            return try JSONSerialization.data(
                withJSONObject: jsonLD(items.compactMap(\.entry)),
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        }
    }

    // MARK: CSV

    /// The CSV columns, in order. Lists are joined with "; ".
    package static let csvColumns = [
        "kind", "id", "name_de", "name_hu", "name_en", "description_de", "description_hu", "description_en", "region",
        "street", "postal_code", "locality", "country", "website", "email", "phone", "social_model", "sectors",
        "type", "categories", "enterprises", "regions", "contracting", "lighthouse",
        // Added in session 9, so that an export loses nothing a buyer or a re-import needs.
        "legal_form", "labour_market", "target_groups", "founded", "employees", "integration_places",
        "disadvantaged_staff_share", "certifications", "languages", "latitude", "longitude", "sustainability",
        "minimum_quantity", "lead_time_days", "price_from", "price_to", "price_currency", "price_on_request",
        // Session 11: kept from imported map data.
        "opening_hours",
    ]

    /// A number as a CSV cell: integers without a decimal point (`45`, not `45.0`).
    static func number(_ value: Double?) -> String? {
        guard let value else { return nil }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    static func csv(_ entries: [Entry]) -> String {
        var lines = [csvColumns.joined(separator: ",")]
        for entry in entries {
            var row: [String: String] = ["kind": entry.kind.rawValue]
            func texts(_ prefix: String, _ text: LocalizedText) {
                for language in LanguageTag.catalogueLanguages {
                    row["\(prefix)_\(language.rawValue)"] = text[language]
                }
            }
            switch entry {
            case .enterprise(let enterprise):
                row["id"] = enterprise.id.rawValue
                texts("name", enterprise.name)
                texts("description", enterprise.description)
                row["region"] = enterprise.region?.rawValue
                row["street"] = enterprise.address?.street
                row["postal_code"] = enterprise.address?.postalCode
                row["locality"] = enterprise.address?.locality
                row["country"] = enterprise.address?.country?.rawValue
                row["website"] = enterprise.contact.website?.rawValue
                row["email"] = enterprise.contact.email?.rawValue
                row["phone"] = enterprise.contact.phone?.rawValue
                row["social_model"] = enterprise.socialModel?.rawValue
                row["sectors"] = enterprise.sectors.map(\.rawValue).joined(separator: "; ")
                row["lighthouse"] = enterprise.lighthouse ? "yes" : "no"
                row["legal_form"] = enterprise.legalForm
                row["labour_market"] = enterprise.labourMarket?.rawValue
                row["target_groups"] = enterprise.targetGroups.map(\.rawValue).joined(separator: "; ")
                row["founded"] = enterprise.founded.map(String.init)
                row["employees"] = enterprise.employees.map(String.init)
                row["integration_places"] = enterprise.integrationPlaces.map(String.init)
                row["disadvantaged_staff_share"] = number(enterprise.disadvantagedStaffShare)
                row["certifications"] = enterprise.certifications.joined(separator: "; ")
                row["languages"] = enterprise.languages.map(\.rawValue).joined(separator: "; ")
                row["opening_hours"] = enterprise.openingHours
                row["latitude"] = number(enterprise.geo?.latitude)
                row["longitude"] = number(enterprise.geo?.longitude)
            case .product(let product):
                row["id"] = product.id.rawValue
                texts("name", product.name)
                texts("description", product.description)
                row["type"] = product.type?.rawValue
                row["categories"] = product.categories.map(\.rawValue).joined(separator: "; ")
                row["enterprises"] = product.enterprises.map(\.rawValue).joined(separator: "; ")
                row["regions"] = product.deliveryArea.map(\.rawValue).joined(separator: "; ")
                row["lighthouse"] = product.lighthouse ? "yes" : "no"
                row["sustainability"] = product.sustainability.map(\.rawValue).joined(separator: "; ")
                row["minimum_quantity"] = product.order?.minimumQuantity.map(String.init)
                row["lead_time_days"] = product.order?.leadTimeDays.map(String.init)
                if let price = product.order?.price {
                    row["price_from"] = price.from.map { "\($0)" }
                    row["price_to"] = price.to.map { "\($0)" }
                    row["price_currency"] = price.currency?.rawValue
                    row["price_on_request"] = price.onRequest ? "yes" : nil
                }
            case .cooperation(let cooperation):
                row["id"] = cooperation.id.rawValue
                texts("name", cooperation.title)
                texts("description", cooperation.description)
                row["enterprises"] = cooperation.enterprises.map(\.rawValue).joined(separator: "; ")
                row["regions"] = cooperation.regions.map(\.rawValue).joined(separator: "; ")
                row["contracting"] = cooperation.contracting.map(\.rawValue).joined(separator: "; ")
                row["lighthouse"] = cooperation.lighthouse ? "yes" : "no"
            }
            lines.append(csvColumns.map { csvField(row[$0] ?? "") }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 4180 quoting. A cell that a spreadsheet would run as a formula (starting with = or
    /// @, or with + or - followed by more than a phone number's digits) gets a leading quote mark;
    /// phone numbers such as +43 1 234 stay as they are.
    ///
    /// Scalar by scalar, as spreadsheets and `CSVImport` read it: compared as Swift characters, a
    /// `"` or `=` joined to a combining mark (`"\u{301}`) is not one, and passed unquoted or
    /// unguarded (issue 14's escaping bug, in the CSV export).
    static func csvField(_ value: String) -> String {
        var text = value
        let scalars = text.unicodeScalars
        if let first = scalars.first {
            let phoneLike = scalars.dropFirst().allSatisfy {
                $0.properties.generalCategory == .decimalNumber || " ()/-".unicodeScalars.contains($0)
            }
            if first == "=" || first == "@" || ((first == "+" || first == "-") && !phoneLike) { text = "'" + text }
        }
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.append("\"") }
            quoted.append(scalar)
        }
        quoted.append("\"")
        return String(quoted)
    }

    // MARK: JSON-LD

    /// A product's price as a schema.org offer: one price (`Offer`), or a range
    /// (`AggregateOffer` with its lowest and highest); "up to" as the offer's maximum price.
    /// None without an amount and a currency (a price on request, say): an offer without a
    /// price is one search engines refuse.
    static func offer(_ price: Price?) -> [String: Any]? {
        guard let price, let currency = price.currency?.rawValue else { return nil }
        func number(_ amount: Decimal) -> NSDecimalNumber { NSDecimalNumber(decimal: amount) }
        switch (price.from, price.to) {
        case (let low?, let high?) where low != high:
            return [
                "@type": "AggregateOffer", "lowPrice": number(low), "highPrice": number(high),
                "priceCurrency": currency,
            ]
        case (let amount?, _):
            return ["@type": "Offer", "price": number(amount), "priceCurrency": currency]
        case (nil, let high?):
            return [
                "@type": "Offer", "priceCurrency": currency,
                "priceSpecification": [
                    "@type": "PriceSpecification", "maxPrice": number(high), "priceCurrency": currency,
                ],
            ]
        case (nil, nil):
            return nil
        }
    }

    package static func jsonLD(_ entries: [Entry]) -> [String: Any] {
        func reference(_ id: EntryID) -> [String: Any] { ["@id": "urn:uuid:\(id.rawValue)"] }
        func texts(_ text: LocalizedText) -> [[String: String]] {
            text.values.keys.sorted { $0.rawValue < $1.rawValue }.compactMap { language in
                text[language].map { ["@value": $0, "@language": language.rawValue] }
            }
        }
        var graph: [[String: Any]] = []
        for entry in entries {
            var node: [String: Any] = [:]
            switch entry {
            case .enterprise(let enterprise):
                node["@type"] = "Organization"
                node["@id"] = "urn:uuid:\(enterprise.id.rawValue)"
                node["name"] = texts(enterprise.name)
                node["description"] = texts(enterprise.description)
                node["url"] = enterprise.contact.website?.rawValue
                node["email"] = enterprise.contact.email?.rawValue
                node["telephone"] = enterprise.contact.phone?.rawValue
                node["vatID"] = enterprise.vatNumber?.rawValue
                node["foundingDate"] = enterprise.founded.map(String.init)
                node["numberOfEmployees"] = enterprise.employees.map { ["@type": "QuantitativeValue", "value": $0] }
                // NACE Rev. 2 has ISIC Rev. 4's sections and divisions, but refines its groups
                // and classes with codes of its own (NACE 16.23 is not ISIC 1623): only the
                // division (or a section letter alone) is an ISIC code.
                node["isicV4"] = enterprise.sectors.first.map { sector in
                    String(sector.rawValue.prefix { $0 != "." })
                }
                node["knowsLanguage"] = enterprise.languages.map(\.rawValue)
                node["areaServed"] = enterprise.region.map {
                    ["@type": "AdministrativeArea", "identifier": $0.rawValue]
                }
                var place: [String: Any] = ["@type": "Place"]
                if let address = enterprise.address {
                    var postal: [String: Any] = ["@type": "PostalAddress"]
                    postal["streetAddress"] = address.street
                    postal["postalCode"] = address.postalCode
                    postal["addressLocality"] = address.locality
                    postal["addressCountry"] = address.country?.rawValue
                    node["address"] = postal
                    place["address"] = postal
                }
                // `geo` belongs to a Place (schema.org), not to an Organization: the
                // enterprise's location.
                if let geo = enterprise.geo {
                    place["geo"] = ["@type": "GeoCoordinates", "latitude": geo.latitude, "longitude": geo.longitude]
                }
                if place.count > 1 { node["location"] = place }
            case .product(let product):
                let isService = product.type == .service
                node["@type"] = isService ? "Service" : "Product"
                node["@id"] = "urn:uuid:\(product.id.rawValue)"
                node["name"] = texts(product.name)
                node["description"] = texts(product.description)
                node[isService ? "provider" : "manufacturer"] = product.enterprises.map(reference)
                // CPV codes (Common Procurement Vocabulary), as public buyers search for them.
                node[isService ? "serviceType" : "category"] = product.categories.map { "CPV \($0.rawValue)" }
                let areas = product.deliveryArea.map { ["@type": "AdministrativeArea", "identifier": $0.rawValue] }
                // schema.org defines `areaServed` on a Service and on an Offer, not on a Product:
                // a product's delivery area is its offer's.
                if isService { node["areaServed"] = areas }
                if var offer = offer(product.order?.price) {
                    if !areas.isEmpty { offer["areaServed"] = areas }
                    node["offers"] = offer
                }
                node["image"] = product.images.map(\.url.rawValue)
            case .cooperation(let cooperation):
                // schema.org has no type for a cooperation between a company and a social
                // enterprise; a Project (a collaborative enterprise with an aim) is the closest.
                node["@type"] = "Project"
                node["@id"] = "urn:uuid:\(cooperation.id.rawValue)"
                node["name"] = texts(cooperation.title)
                node["description"] = texts(cooperation.description)
                node["member"] =
                    cooperation.enterprises.map(reference)
                    + cooperation.partners.compactMap { partner in
                        partner.name.map { name -> [String: Any] in
                            var organization: [String: Any] = ["@type": "Organization", "name": name]
                            organization["url"] = partner.website?.rawValue
                            return organization
                        }
                    }
                node["areaServed"] = cooperation.regions.map {
                    ["@type": "AdministrativeArea", "identifier": $0.rawValue]
                }
                node["startDate"] = cooperation.period?.start?.rawValue
                node["endDate"] = cooperation.period?.end?.rawValue
            }
            // Pictures by the node's own address for them (relative: the page's or the export's
            // base resolves it); an enterprise's picture marked as its logo is its `logo`.
            let pictures = entry.pictures.filter { $0.stored != nil }
            func address(_ picture: PictureReference) -> String? {
                picture.stored.map { "/v1/pictures/\($0.sha256.rawValue)" }
            }
            node["image"] = (node["image"] as? [String] ?? []) + pictures.compactMap(address)
            if case .enterprise = entry, let logo = pictures.first(where: \.logo).flatMap(address) {
                node["logo"] = logo
            }
            graph.append(
                node.filter { key, value in
                    if let list = value as? [Any] { return !list.isEmpty }
                    return true
                })
        }
        return ["@context": "https://schema.org", "@graph": graph]
    }
}
