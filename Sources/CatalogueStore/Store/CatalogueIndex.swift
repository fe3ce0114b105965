package import DirectoryModel
import Foundation
import GRDB
import SyncProtocol

/// Keeps the search index and facets of one entry in step with its merged state, inside the
/// same transaction that changes the state.
package enum CatalogueIndex {
    /// What the index holds for one visible entry, computed from its state alone (no database),
    /// so that a batch's entries can be prepared in parallel before the serial writes.
    struct Rows: Sendable {
        var names: String
        var region: String?
        var socialModel: String?
        var lighthouse: Bool
        var updatedTime: Int64
        /// The author of the entry's oldest standing value: the region that published it.
        var origin: String?
        var facets: [(facet: String, value: String)]
        var texts: [(language: String, name: String, description: String)]
        /// The keys of the entry's long words for compound lookups (`SearchWords.compoundKeys`).
        var terms: [String]
        /// The entry's long words (folded), for completing a long prefix.
        var words: [String]
    }

    /// The index rows of `state`; `nil` when the entry is not visible or cannot be read as an entry.
    static func rows(of state: EntryState) -> Rows? {
        let read = CatalogueEntry(state: state)
        guard read.isVisible, let entry = read.entry else { return nil }
        let names = entry.displayName
        let descriptions = Self.description(of: entry)
        let facets = Self.facets(of: entry)
        var terms: Set<String> = []
        var words: Set<String> = []
        for text in Array(names.values.values) + Array(descriptions.values.values) {
            for word in WordFolding.words(of: text, folding: .fullText)
            where word.folded.unicodeScalars.count >= SearchWords.shortestIndexedCompound {
                terms.formUnion(SearchWords.compoundKeys(of: word.folded))
                words.insert(word.folded)
            }
        }
        return Rows(
            names: CanonicalJSON.string(
                .object(names.values.reduce(into: [:]) { $0[$1.key.rawValue] = .string($1.value) })),
            region: facets.first { $0.facet == "region" }?.value,
            socialModel: facets.first { $0.facet == "socialModel" }?.value, lighthouse: entry.lighthouse,
            updatedTime: read.provenance.updatedTime, origin: read.provenance.first?.tag.author.rawValue,
            facets: facets,
            texts: Set(names.values.keys).union(descriptions.values.keys).sorted { $0.rawValue < $1.rawValue }.map {
                ($0.rawValue, names[$0] ?? "", descriptions[$0] ?? "")
            }, terms: terms.sorted(), words: words.sorted())
    }

    /// Writes the index rows of entry `kind`/`id` (none when `nil`), first removing those it
    /// had when `replacing`, and keeps the facet tallies in step. Without `replacing` (a bulk write
    /// into emptied tables) the tallies are left to be counted at the end (`countFacetTally`).
    static func write(_ rows: Rows?, kind: String, id: String, replacing: Bool, db: Database) throws {
        let key: StatementArguments = [kind, id]
        if replacing {
            try db.cachedStatement(sql: "DELETE FROM entryIndex WHERE kind = ? AND id = ?").execute(arguments: key)
            try db.cachedStatement(
                sql: """
                    UPDATE facetTally SET entries = entries - 1
                    WHERE (facet, value, kind) IN (SELECT facet, value, kind FROM entryFacet WHERE kind = ? AND id = ?)
                    """
            ).execute(arguments: key)
            try db.cachedStatement(
                sql: """
                    UPDATE facetRegionTally SET entries = entries - 1
                    WHERE (region, facet, value, kind) IN (
                        SELECT r.value, f.facet, f.value, f.kind FROM entryFacet r
                        JOIN entryFacet f ON f.kind = r.kind AND f.id = r.id
                        WHERE r.kind = ? AND r.id = ? AND r.facet = 'region')
                    """
            ).execute(arguments: key)
            try db.cachedStatement(sql: "DELETE FROM entryFacet WHERE kind = ? AND id = ?").execute(arguments: key)
            try db.cachedStatement(
                sql: "DELETE FROM entryText WHERE rowid IN (SELECT rowid FROM entryTextRow WHERE kind = ? AND id = ?)"
            ).execute(arguments: key)
            try db.cachedStatement(sql: "DELETE FROM entryTextRow WHERE kind = ? AND id = ?").execute(arguments: key)
        }
        guard let rows else { return }
        try db.cachedStatement(
            sql: """
                INSERT INTO entryIndex (kind, id, names, region, socialModel, lighthouse, updatedTime, origin)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            kind, id, rows.names, rows.region, rows.socialModel, rows.lighthouse, rows.updatedTime, rows.origin,
        ])
        let insertFacet = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO entryFacet (facet, value, kind, id) VALUES (?, ?, ?, ?)")
        for facet in rows.facets {
            try insertFacet.execute(arguments: [facet.facet, facet.value, kind, id])
        }
        // The entry's facet rows as stored (an entry may name one value twice: two sectors of a
        // section) counted up; a bulk write (`replacing` false) counts the tallies at its end.
        if replacing {
            try db.cachedStatement(
                sql: """
                    INSERT INTO facetTally (facet, value, kind, entries)
                    SELECT facet, value, kind, 1 FROM entryFacet WHERE kind = ? AND id = ?
                    ON CONFLICT (facet, value, kind) DO UPDATE SET entries = entries + 1
                    """
            ).execute(arguments: key)
            try db.cachedStatement(
                sql: """
                    INSERT INTO facetRegionTally (region, facet, value, kind, entries)
                    SELECT r.value, f.facet, f.value, f.kind, 1 FROM entryFacet r
                    JOIN entryFacet f ON f.kind = r.kind AND f.id = r.id
                    WHERE r.kind = ? AND r.id = ? AND r.facet = 'region'
                    ON CONFLICT (region, facet, value, kind) DO UPDATE SET entries = entries + 1
                    """
            ).execute(arguments: key)
        }
        let insertRow = try db.cachedStatement(sql: "INSERT INTO entryTextRow (kind, id) VALUES (?, ?)")
        let insertText = try db.cachedStatement(
            sql: """
                INSERT INTO entryText (rowid, kind, id, language, name, description, facets)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        let facetTokens = rows.facets.map { facetToken($0.facet, $0.value) }.joined(separator: " ")
        for text in rows.texts {
            try insertRow.execute(arguments: key)
            try insertText.execute(arguments: [
                db.lastInsertedRowID, kind, id, text.language, text.name, text.description,
                facetToken(textLanguage, text.language) + " " + facetTokens,
            ])
        }
        let insertTerm = try db.cachedStatement(sql: "INSERT OR IGNORE INTO searchTerm (reversed) VALUES (?)")
        for term in rows.terms { try insertTerm.execute(arguments: [term]) }
        let insertWord = try db.cachedStatement(sql: "INSERT OR IGNORE INTO searchWord (word) VALUES (?)")
        for word in rows.words { try insertWord.execute(arguments: [word]) }
    }

    /// The facet that names a text row's own language in the `facets` column (not an entry
    /// facet: `language` is the languages an enterprise works in).
    static let textLanguage = "text"

    /// The token of a facet value in the full-text index's `facets` column: `f` and the
    /// hexadecimal digits of "facet=value" in UTF-8 — letters and digits only, so the tokenizer
    /// keeps it whole whatever the value holds, and no word of a text can equal it (a search's
    /// words are only matched in the name and description columns).
    static func facetToken(_ facet: String, _ value: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var token: [UInt8] = [UInt8(ascii: "f")]
        for byte in (facet + "=" + value).utf8 {
            token.append(digits[Int(byte >> 4)])
            token.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: token, as: UTF8.self)
    }

    /// The facet and value of a `facets` column token (`facetToken`'s inverse); `nil` for a
    /// token that is not one (or the text row's own language, which is not an entry facet).
    static func facet(ofToken token: Substring) -> (facet: String, value: String)? {
        let utf8 = token.utf8
        guard utf8.first == UInt8(ascii: "f"), utf8.count % 2 == 1 else { return nil }
        func digit(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var index = utf8.index(after: utf8.startIndex)
        while index != utf8.endIndex {
            let next = utf8.index(after: index)
            guard let high = digit(utf8[index]), let low = digit(utf8[next]) else { return nil }
            bytes.append(high << 4 | low)
            index = utf8.index(after: next)
        }
        guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else { return nil }
        let facet = String(decoding: bytes[..<equals], as: UTF8.self)
        guard facet != textLanguage else { return nil }
        return (facet, String(decoding: bytes[(equals + 1)...], as: UTF8.self))
    }

    package static func description(of entry: Entry) -> LocalizedText {
        switch entry {
        case .enterprise(let enterprise): enterprise.description
        case .product(let product): product.description
        case .cooperation(let cooperation): cooperation.description
        }
    }

    /// Facets by name: `kind`, `region` (the enterprise's, or a product's delivery area and a
    /// cooperation's regions), `deliveryArea` (a product's), `category` (CPV codes and their
    /// divisions), `sector` (NACE codes and sections), `socialModel`, `targetGroup`,
    /// `sustainability`, `language`, `productType`, `contracting`, `certification` and
    /// `reserved` (an enterprise eligible for reserved contracts); and the links, so that an
    /// enterprise's products and cooperations are a facet query: `enterprise` (of a product or a
    /// cooperation) and `product` (of a cooperation).
    static func facets(of entry: Entry) -> [(facet: String, value: String)] {
        var facets: [(String, String)] = [("kind", entry.kind.rawValue)]
        switch entry {
        case .enterprise(let enterprise):
            if let region = enterprise.region { facets.append(("region", region.rawValue)) }
            if let model = enterprise.socialModel { facets.append(("socialModel", model.rawValue)) }
            facets += enterprise.sectors.flatMap { [("sector", $0.rawValue), ("sector", $0.section.letter)] }
            facets += enterprise.targetGroups.map { ("targetGroup", $0.rawValue) }
            facets += enterprise.languages.map { ("language", $0.rawValue) }
            facets += enterprise.certifications.map { ("certification", $0) }
            // Eligible for reserved contracts (Art. 20 of Directive 2014/24/EU: at least 30 %
            // disadvantaged staff); a product is eligible through its makers (`reservedFilter`).
            if enterprise.qualifiesForReservedContracts == true { facets.append(("reserved", "eligible")) }
        case .product(let product):
            facets += product.deliveryArea.flatMap { [("region", $0.rawValue), ("deliveryArea", $0.rawValue)] }
            facets += product.enterprises.map { ("enterprise", $0.rawValue) }
            facets += product.categories.flatMap { [("category", $0.rawValue), ("category", $0.division.code)] }
            facets += product.sustainability.map { ("sustainability", $0.rawValue) }
            if let type = product.type { facets.append(("productType", type.rawValue)) }
        case .cooperation(let cooperation):
            facets += cooperation.regions.map { ("region", $0.rawValue) }
            facets += cooperation.contracting.map { ("contracting", $0.rawValue) }
            facets += cooperation.enterprises.map { ("enterprise", $0.rawValue) }
            facets += cooperation.products.map { ("product", $0.rawValue) }
        }
        // The pictures it names, so that a node finds the ones it lacks (`missingPictures`).
        facets += entry.pictures.compactMap(\.stored).map { ("picture", $0.sha256.rawValue) }
        return facets.map { (facet: $0.0, value: $0.1) }
    }
}
