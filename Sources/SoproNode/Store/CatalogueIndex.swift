import DirectoryModel
import Foundation
import GRDB
import SyncProtocol

/// Keeps the search index and facets of one entry in step with its merged state, inside the
/// same transaction that changes the state.
enum CatalogueIndex {
    static func update(_ state: EntryState, db: Database) throws {
        try db.execute(sql: "DELETE FROM entryIndex WHERE kind = ? AND id = ?", arguments: [state.kind, state.id])
        try db.execute(sql: "DELETE FROM entryFacet WHERE kind = ? AND id = ?", arguments: [state.kind, state.id])
        try db.execute(
            sql: "DELETE FROM entryText WHERE rowid IN (SELECT rowid FROM entryTextRow WHERE kind = ? AND id = ?)",
            arguments: [state.kind, state.id])
        try db.execute(sql: "DELETE FROM entryTextRow WHERE kind = ? AND id = ?", arguments: [state.kind, state.id])
        guard state.isVisible, let entry = EntryMaterializer.entry(of: state)?.entry else { return }
        let names = entry.displayName
        let namesJSON = String(
            decoding: try JSONSerialization.data(
                withJSONObject: Dictionary(uniqueKeysWithValues: names.values.map { ($0.key.rawValue, $0.value) }),
                options: [.sortedKeys]), as: UTF8.self)
        let facets = Self.facets(of: entry)
        try db.execute(
            sql: """
                INSERT INTO entryIndex (kind, id, names, region, socialModel, lighthouse, updatedTime)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                state.kind, state.id, namesJSON, facets.first { $0.facet == "region" }?.value,
                facets.first { $0.facet == "socialModel" }?.value, entry.lighthouse, Self.updatedTime(of: state),
            ])
        for facet in Set(facets.map { "\($0.facet)\u{0}\($0.value)" }) {
            let parts = facet.split(separator: "\u{0}", maxSplits: 1).map(String.init)
            try db.execute(
                sql: "INSERT INTO entryFacet (facet, value, kind, id) VALUES (?, ?, ?, ?)",
                arguments: [parts[0], parts[1], state.kind, state.id])
        }
        let descriptions = Self.description(of: entry)
        for language in Set(names.values.keys).union(descriptions.values.keys) {
            try db.execute(sql: "INSERT INTO entryTextRow (kind, id) VALUES (?, ?)", arguments: [state.kind, state.id])
            try db.execute(
                sql: "INSERT INTO entryText (rowid, kind, id, language, name, description) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [
                    db.lastInsertedRowID, state.kind, state.id, language.rawValue, names[language] ?? "",
                    descriptions[language] ?? "",
                ])
        }
    }

    static func description(of entry: Entry) -> LocalizedText {
        switch entry {
        case .enterprise(let enterprise): enterprise.description
        case .product(let product): product.description
        case .cooperation(let cooperation): cooperation.description
        }
    }

    /// Facets by name: `kind`, `region` (the enterprise's, or a product's delivery area and a
    /// cooperation's regions), `category` (CPV codes and their divisions), `sector` (NACE codes
    /// and sections), `socialModel`, `targetGroup`, `sustainability`, `language`.
    static func facets(of entry: Entry) -> [(facet: String, value: String)] {
        var facets: [(String, String)] = [("kind", entry.kind.rawValue)]
        switch entry {
        case .enterprise(let enterprise):
            if let region = enterprise.region { facets.append(("region", region.rawValue)) }
            if let model = enterprise.socialModel { facets.append(("socialModel", model.rawValue)) }
            facets += enterprise.sectors.flatMap { [("sector", $0.rawValue), ("sector", $0.section.letter)] }
            facets += enterprise.targetGroups.map { ("targetGroup", $0.rawValue) }
            facets += enterprise.languages.map { ("language", $0.rawValue) }
        case .product(let product):
            facets += product.deliveryArea.map { ("region", $0.rawValue) }
            facets += product.categories.flatMap { [("category", $0.rawValue), ("category", $0.division.code)] }
            facets += product.sustainability.map { ("sustainability", $0.rawValue) }
            if let type = product.type { facets.append(("productType", type.rawValue)) }
        case .cooperation(let cooperation):
            facets += cooperation.regions.map { ("region", $0.rawValue) }
            facets += cooperation.contracting.map { ("contracting", $0.rawValue) }
        }
        return facets.map { (facet: $0.0, value: $0.1) }
    }

    /// The latest HLC time among the entry's live values.
    static func updatedTime(of state: EntryState) -> Int64 {
        var latest: Int64 = 0
        for register in state.registers.values { latest = max(latest, register.live.values.map(\.hlc.time).max() ?? 0) }
        for set in state.sets.values { latest = max(latest, set.adds.values.map(\.hlc.time).max() ?? 0) }
        latest = max(latest, state.retraction.live.values.map(\.hlc.time).max() ?? 0)
        return latest
    }
}
