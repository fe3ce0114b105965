package import CatalogueStore
package import DirectoryModel
import Foundation
package import SyncProtocol

/// What needs an editor's attention among a region's entries: problems of the merged entry
/// (a required field a concurrent edit left out, a value the schema refuses), values that lost
/// a concurrent write, names or descriptions missing in one of the catalogue's languages, and
/// enterprises that are likely the same one twice (the same name and the same place, or the
/// same name within a kilometre).
package enum WorkList {
    package struct Item: Sendable {
        package var key: EntryKey
        package var entry: Entry
        package var problems: [ValidationIssue]
        /// Values that lost a concurrent write (see the entry's provenance).
        package var conflicts: Int
        /// Languages the name or the description lacks.
        package var missingLanguages: [LanguageTag]
        /// Other entries that are likely this one again.
        package var likelyDuplicates: [EntryKey]

        package var needsAttention: Bool {
            !problems.isEmpty || conflicts > 0 || !missingLanguages.isEmpty || !likelyDuplicates.isEmpty
        }
    }

    /// The catalogue's languages, which every name and description should be in.
    package static let languages: [LanguageTag] = [.german, .hungarian, .english]

    /// The items of `entries` that need attention, in the given order.
    package static func items(_ entries: [(EntryKey, CatalogueEntry)]) -> [Item] {
        let readable = entries.compactMap { key, read in read.entry.map { (key, read, $0) } }
        let duplicates = likelyDuplicates(readable.map { ($0.0, $0.2) })
        return readable.map { key, read, entry in
            Item(
                key: key, entry: entry, problems: read.problems, conflicts: read.provenance.conflicts,
                missingLanguages: missingLanguages(of: entry), likelyDuplicates: duplicates[key] ?? [])
        }.filter(\.needsAttention)
    }

    static func missingLanguages(of entry: Entry) -> [LanguageTag] {
        let description: LocalizedText =
            switch entry {
            case .enterprise(let enterprise): enterprise.description
            case .product(let product): product.description
            case .cooperation(let cooperation): cooperation.description
            }
        func has(_ text: LocalizedText, _ language: LanguageTag) -> Bool {
            !(text.values[language] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        return languages.filter { !has(entry.displayName, $0) || (!description.isEmpty && !has(description, $0)) }
    }

    /// A name folded for comparing: lower case, no diacritics, letters and digits only.
    package static func folded(_ name: LocalizedText) -> Set<String> {
        Set(
            name.values.values.map { text in
                WordFolding.words(of: text, folding: .fullText).map(\.folded).joined(separator: " ")
            }.filter { !$0.isEmpty })
    }

    /// Enterprises with a name in common and the same postcode and locality, or within 1 km.
    package static func likelyDuplicates(_ entries: [(EntryKey, Entry)]) -> [EntryKey: [EntryKey]] {
        var byName: [String: [(EntryKey, Enterprise)]] = [:]
        for (key, entry) in entries {
            guard case .enterprise(let enterprise) = entry else { continue }
            for name in folded(enterprise.name) { byName[name, default: []].append((key, enterprise)) }
        }
        var found: [EntryKey: Set<EntryKey>] = [:]
        for group in byName.values where group.count > 1 {
            for (index, (key, enterprise)) in group.enumerated() {
                for (other, candidate) in group[(index + 1)...] where isSamePlace(enterprise, candidate) {
                    found[key, default: []].insert(other)
                    found[other, default: []].insert(key)
                }
            }
        }
        return found.mapValues { $0.sorted() }
    }

    static func isSamePlace(_ a: Enterprise, _ b: Enterprise) -> Bool {
        if let one = a.geo, let two = b.geo, one.distanceInKilometres(to: two) <= 1 { return true }
        guard let first = a.address, let second = b.address else { return false }
        func fold(_ text: String?) -> String {
            WordFolding.words(of: text ?? "", folding: .fullText).map(\.folded).joined(separator: " ")
        }
        return !fold(first.postalCode).isEmpty && fold(first.postalCode) == fold(second.postalCode)
            && fold(first.locality) == fold(second.locality)
    }
}
