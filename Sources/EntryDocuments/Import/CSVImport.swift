import DirectoryModel
import Foundation

/// Reads spreadsheets saved as CSV (comma-separated, UTF-8, RFC 4180 quoting) with the header
/// names that `sopro-node export --format csv` writes (`CatalogueExport.csvColumns`): one row per
/// entry, `kind` first. Lists are separated by ";". Unknown columns are refused, so a typo in a
/// header does not silently drop a column. Rows without an `id` get one derived from kind and
/// name, so a second import updates the same entries.
package enum CSVImport {
    package struct ImportError: Error, CustomStringConvertible {
        package let description: String
    }

    package static func records(from text: String, file: String) throws -> [ImportedRecord] {
        let rows = try parse(text, file: file)
        guard let header = rows.first?.cells.map({ $0.trimmingCharacters(in: .whitespaces) }) else { return [] }
        let known = Set(CatalogueExport.csvColumns)
        if let unknown = header.first(where: { !known.contains($0) }) {
            throw ImportError(
                description:
                    "\(file):1: unknown column \"\(unknown)\"; the columns are \(CatalogueExport.csvColumns.joined(separator: ", "))"
            )
        }
        guard header.contains("kind") else {
            throw ImportError(description: "\(file):1: the column \"kind\" is needed")
        }
        return rows.dropFirst().filter { !$0.cells.allSatisfy(\.isEmpty) }.map { row in
            var cell: [String: String] = [:]
            for (column, value) in zip(header, row.cells) {
                let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty { cell[column] = trimmed }
            }
            return record(cell, line: row.line)
        }
    }

    static func record(_ cell: [String: String], line: Int) -> ImportedRecord {
        let kind = cell["kind"] ?? ""
        func list(_ column: String) -> DocumentValue? {
            guard let text = cell[column] else { return nil }
            return .list(text.split(separator: ";").map { .string($0.trimmingCharacters(in: .whitespaces)) })
        }
        func texts(_ prefix: String) -> DocumentValue? {
            var object = DocumentObject()
            for language in LanguageTag.catalogueLanguages {
                if let text = cell["\(prefix)_\(language.rawValue)"] { object[language.rawValue] = .string(text) }
            }
            return object.isEmpty ? nil : .object(object)
        }
        /// A number cell as a number; anything else as text, which the entry's checks then name.
        func number(_ column: String) -> DocumentValue? {
            guard let text = cell[column] else { return nil }
            return Double(text) != nil && !text.contains(where: { $0.isLetter }) ? .number(text) : .string(text)
        }
        func yes(_ text: String) -> Bool { ["yes", "true", "ja", "igen", "1"].contains(text.lowercased()) }
        var document = DocumentObject()
        document["kind"] = .string(kind)
        let anyName = LanguageTag.catalogueLanguages.compactMap { cell["name_\($0.rawValue)"] }.first ?? ""
        document["id"] = .string(cell["id"] ?? ImportNormalizer.entryID(for: "csv|\(kind)|\(anyName)"))
        let nameField = kind == "cooperation" ? "title" : "name"
        if let names = texts("name") { document[nameField] = names }
        if let descriptions = texts("description") { document["description"] = descriptions }
        if let lighthouse = cell["lighthouse"] {
            document["lighthouse"] = .bool(yes(lighthouse))
        }
        switch kind {
        case "enterprise":
            if let region = cell["region"] { document["region"] = .string(region) }
            if let model = cell["social_model"] { document["socialModel"] = .string(model) }
            if let sectors = list("sectors") { document["sectors"] = sectors }
            var address = DocumentObject()
            for (column, field) in [("street", "street"), ("postal_code", "postalCode")] {
                if let value = cell[column] { address[field] = .string(value) }
            }
            if let country = cell["country"] {
                address["country"] = .string(ImportNormalizer.country(country)?.rawValue ?? country)
            }
            if let locality = cell["locality"] {
                address["locality"] = .string(ImportNormalizer.locality(locality) ?? locality)
            }
            if !address.isEmpty { document["address"] = .object(address) }
            var contact = DocumentObject()
            for field in ["website", "email", "phone"] {
                if let value = cell[field] { contact[field] = .string(value) }
            }
            if !contact.isEmpty { document["contact"] = .object(contact) }
            if let form = cell["legal_form"] { document["legalForm"] = .string(form) }
            if let hours = cell["opening_hours"] { document["openingHours"] = .string(hours) }
            if let market = cell["labour_market"] { document["labourMarket"] = .string(market) }
            for (column, field) in [
                ("target_groups", "targetGroups"), ("certifications", "certifications"), ("languages", "languages"),
            ] {
                if let values = list(column) { document[field] = values }
            }
            for (column, field) in [
                ("founded", "founded"), ("employees", "employees"), ("integration_places", "integrationPlaces"),
                ("disadvantaged_staff_share", "disadvantagedStaffShare"),
            ] {
                if let value = number(column) { document[field] = value }
            }
            if let latitude = number("latitude"), let longitude = number("longitude") {
                var geo = DocumentObject()
                geo["latitude"] = latitude
                geo["longitude"] = longitude
                document["geo"] = .object(geo)
            }
        case "product":
            if let type = cell["type"] { document["type"] = .string(type) }
            if let categories = list("categories") { document["categories"] = categories }
            if let enterprises = list("enterprises") { document["enterprises"] = enterprises }
            if let regions = list("regions") { document["deliveryArea"] = regions }
            if let sustainability = list("sustainability") { document["sustainability"] = sustainability }
            var order = DocumentObject()
            if let quantity = number("minimum_quantity") { order["minimumQuantity"] = quantity }
            if let days = number("lead_time_days") { order["leadTimeDays"] = days }
            var price = DocumentObject()
            if let from = number("price_from") { price["from"] = from }
            if let to = number("price_to") { price["to"] = to }
            if let currency = cell["price_currency"] { price["currency"] = .string(currency) }
            if let onRequest = cell["price_on_request"] { price["onRequest"] = .bool(yes(onRequest)) }
            if !price.isEmpty { order["price"] = .object(price) }
            if !order.isEmpty { document["order"] = .object(order) }
        case "cooperation":
            if let enterprises = list("enterprises") { document["enterprises"] = enterprises }
            if let regions = list("regions") { document["regions"] = regions }
            if let contracting = list("contracting") { document["contracting"] = contracting }
        default:
            break
        }
        return ImportedRecord(source: "line \(line)", document: .object(document), notes: [])
    }

    /// RFC 4180: fields separated by commas, quoted with double quotes (doubled inside), quoted
    /// fields may span lines. Each row keeps the line it starts on, for the report.
    static func parse(_ text: String, file: String) throws -> [(line: Int, cells: [String])] {
        var rows: [(line: Int, cells: [String])] = []
        var cells: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var rowLine = 1
        var characters = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar?
        if text.unicodeScalars.first == "\u{FEFF}" { _ = characters.next() }  // a byte-order mark
        while let scalar = pending ?? characters.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = characters.next()
                    if next == "\"" {
                        field.unicodeScalars.append("\"")
                    } else {
                        quoted = false
                        pending = next
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty: quoted = true
            case ",":
                cells.append(field)
                field = ""
            case "\r": break
            case "\n":
                cells.append(field)
                rows.append((rowLine, cells))
                cells = []
                field = ""
                line += 1
                rowLine = line
            default: field.unicodeScalars.append(scalar)
            }
        }
        if quoted { throw ImportError(description: "\(file):\(rowLine): a quoted field is not closed") }
        if !field.isEmpty || !cells.isEmpty {
            cells.append(field)
            rows.append((rowLine, cells))
        }
        return rows
    }
}
