import DirectoryModel
package import Foundation

/// Reads place data in the OpenStreetMap-style tagging that solidarity-economy maps publish
/// (GeoJSON points with `name`, `addr:*`, `contact:website`, `description:de`, …) as enterprise
/// entries.
///
/// - Ids are derived from the feature's `_uri`, `_id` or `id` (or its name and position), so a
///   second import updates instead of duplicating.
/// - Countries and Vienna's name are normalised; the region comes from the postcode, or else
///   from the position (`RegionLocator`).
/// - Texts: `name` and an untagged `description` are taken as written in the country's
///   language (German in Austria, Hungarian in Hungary); `description:xx` and `description_xx`
///   in language xx. Overlong texts are shortened at a word.
/// - `socialModel` is required by the catalogue: `work-integration` for initiatives tagged
///   `socialinclusion_employment`, otherwise `other` — an editor should refine it.
/// - What cannot be used (a website that is no address, an impossible postcode) is left out
///   with a note, so the rest of the record still imports.
package enum GeoJSONImport {
    package struct ImportError: Error, CustomStringConvertible {
        package let description: String
    }

    package static func records(from data: Data, file: String) throws -> [ImportedRecord] {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ImportError(description: "\(file) is not JSON (a GeoJSON FeatureCollection was expected)")
        }
        guard root["type"] as? String == "FeatureCollection", let features = root["features"] as? [Any] else {
            throw ImportError(description: "\(file) is not a GeoJSON FeatureCollection (no \"features\" list)")
        }
        return features.enumerated().map { index, feature in
            record(feature as? [String: Any] ?? [:], number: index + 1)
        }
    }

    package static func record(_ feature: [String: Any], number: Int) -> ImportedRecord {
        let properties = feature["properties"] as? [String: Any] ?? [:]
        func tag(_ key: String) -> String? {
            let value: String? =
                switch properties[key] {
                case let text as String: text
                case let number as NSNumber: number.stringValue
                default: nil
                }
            let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed?.isEmpty == false ? trimmed : nil
        }
        var notes: [String] = []
        let name = tag("name")
        let coordinates = (feature["geometry"] as? [String: Any])?["coordinates"] as? [Any]
        let longitude = (coordinates?.first as? NSNumber)?.doubleValue
        let latitude = (coordinates?.dropFirst().first as? NSNumber)?.doubleValue
        let sourceKey =
            tag("_uri") ?? tag("_id") ?? (feature["id"] as? String)
            ?? "\(name ?? "")|\(latitude ?? 0)|\(longitude ?? 0)"

        let country = ImportNormalizer.country(tag("addr:country"))
        if let written = tag("addr:country"), country == nil {
            notes.append("addr:country \(written) is not a country; left out")
        }
        let language = country?.rawValue == "HU" ? "hu" : "de"
        var document = DocumentObject()
        document["kind"] = .string("enterprise")
        document["id"] = .string(ImportNormalizer.entryID(for: sourceKey))
        if let name {
            let shortened = ImportNormalizer.shortened(name, to: EntryLimits.name)
            if shortened != nil { notes.append("name shortened to \(EntryLimits.name) characters") }
            document["name"] = .object([language: .string(shortened ?? name)])
        }
        var descriptions = DocumentObject()
        for (key, _) in properties {
            let lowered = key.lowercased()
            for prefix in ["description:", "description_"] where lowered.hasPrefix(prefix) {
                let code = String(lowered.dropFirst(prefix.count))
                if (try? LanguageTag(parsing: code)) != nil, let text = tag(key) { descriptions[code] = .string(text) }
            }
        }
        if let plain = tag("description"), descriptions[language] == nil { descriptions[language] = .string(plain) }
        if !descriptions.isEmpty {
            var limited = DocumentObject()
            for (code, value) in descriptions.fields {
                guard case .string(let text) = value else { continue }
                if let shortened = ImportNormalizer.shortened(text, to: EntryLimits.description) {
                    notes.append("description.\(code) shortened to \(EntryLimits.description) characters")
                    limited[code] = .string(shortened)
                } else {
                    limited[code] = value
                }
            }
            document["description"] = .object(limited)
        }
        let types = (tag("type_of_initiative") ?? "").split(separator: ";").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        document["socialModel"] = .string(types.contains("socialinclusion_employment") ? "work-integration" : "other")

        let locality = ImportNormalizer.locality(tag("addr:city"))
        var postcode = tag("addr:postcode")
        if let code = postcode, Address.postalCodeProblem(code, country: country) != nil {
            notes.append("postcode \(code) is not one of \(country?.rawValue ?? "the country"); left out")
            postcode = nil
        }
        var address = DocumentObject()
        let street = [tag("addr:street"), tag("addr:housenumber")].compactMap { $0 }.joined(separator: " ")
        if !street.isEmpty { address["street"] = .string(street) }
        if let postcode { address["postalCode"] = .string(postcode) }
        if let locality { address["locality"] = .string(locality) }
        if let country { address["country"] = .string(country.rawValue) }
        if !address.isEmpty { document["address"] = .object(address) }
        if let latitude, let longitude, (-90...90).contains(latitude), (-180...180).contains(longitude) {
            document["geo"] = .object([
                "latitude": .number(String(latitude)), "longitude": .number(String(longitude)),
            ])
        }
        if let found = RegionLocator.region(
            country: country, postcode: postcode, locality: locality, latitude: latitude, longitude: longitude)
        {
            document["region"] = .string(found.code.rawValue)
            if found.method == .position { notes.append("region \(found.code.rawValue) derived from the position") }
        }
        let websiteTag = tag("contact:website") ?? tag("website")
        if let websiteTag {
            if let website = ImportNormalizer.website(websiteTag) {
                document["contact"] = .object(["website": .string(website)])
            } else {
                notes.append("website \(websiteTag.prefix(80)) is not a web address; left out")
            }
        }
        document["languages"] = .list([.string(language)])
        // Kept as the map data writes them (OpenStreetMap syntax); a page of hours elsewhere is
        // not an entry field, and said so.
        if let hours = tag("opening_hours") {
            if hours.count <= EntryLimits.openingHours, !hours.contains("\n") {
                document["openingHours"] = .string(hours)
            } else {
                notes.append("opening_hours longer than \(EntryLimits.openingHours) characters; left out")
            }
        } else if let page = tag("opening_hours:url") {
            notes.append("opening hours only as a page (\(page.prefix(80))); left out")
        }
        // A picture by its address: `sopro-node import` fetches it and uploads it with the entry
        // (an address that does not answer with a picture is reported and left out).
        if let image = tag("image"), let url = ImportNormalizer.website(image), url.hasPrefix("https://") {
            document["pictures"] = .list([
                .object(["url": .string(url), "alt": .object([language: .string(name ?? "")])])
            ])
        } else if let image = tag("image") {
            notes.append("image \(image.prefix(80)) is not an https address; left out")
        }
        return ImportedRecord(
            source: "feature \(number)" + (name.map { " (\($0.prefix(60)))" } ?? ""), document: .object(document),
            notes: notes)
    }
}
