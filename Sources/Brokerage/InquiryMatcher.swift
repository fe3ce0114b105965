package import CatalogueStore
package import DirectoryModel
import Foundation
import SyncProtocol

/// Proposes social enterprises and products of the whole federated catalogue for an inquiry,
/// best first, each with the reasons for it.
///
/// Candidates are the entries whose text shares a word with the inquiry (in any of the three
/// languages; words are cut to a six-letter stem, so "Kindergärten" finds "Kindergartenmöbel"
/// and "óvodáinknak" finds "óvodai"), and those in the inquiry's categories or sectors. Each is
/// scored on what a broker weighs: how well the text matches, whether the category or sector
/// is the one asked for, whether it is delivered to (or made in) the delivery region or at
/// least the same country, and — for a public buyer — whether the enterprise's social model
/// allows a reserved contract. An enterprise counts its best product's relevance as its own.
package struct InquiryMatcher: Sendable {
    let store: any ChangeStore
    /// Matches returned per list.
    var limit = 10

    package init(store: any ChangeStore, limit: Int = 10) {
        self.store = store
        self.limit = limit
    }

    /// Weights of the score's parts; relevance (text, category, sector) decides, location and
    /// social model order the relevant ones.
    enum Weight {
        static let textRank = 3.0
        static let textCoverage = 3.0
        static let category = 3.0
        static let categoryDivision = 1.0
        static let sector = 2.0
        static let inRegion = 2.0
        static let sameCountry = 0.5
        static let reservedContracts = 0.5
        /// Asked about from its page (or a linked one's): proposed before every other match.
        static let askedAbout = 20.0
        /// A product's relevance, carried to its enterprise.
        static let productToEnterprise = 0.9
    }

    package func matches(for inquiry: InquirySubmission) async throws -> InquiryMatches {
        let terms = Self.terms(of: inquiry.need)
        // Candidates by text.
        var textScores: [EntryKey: Double] = [:]
        let hits = try await store.textRelevance(anyOf: terms, limit: 400)
        if let best = hits.first?.rank, best < 0 {
            for hit in hits { textScores[EntryKey(kind: hit.kind, id: hit.id)] = max(0, hit.rank / best) }
        }
        var candidates = Set(textScores.keys)
        // Candidates by category (full code and division) and sector.
        for facet in inquiry.categories.flatMap({ [("category", $0.rawValue), ("category", $0.division.code)] })
            + inquiry.sectors.map({ ("sector", $0.rawValue) })
        {
            var query = CatalogueQuery()
            query.facets = [.init(facet.0, facet.1)]
            query.limit = 500
            for item in try await store.entries(matching: query).items {
                candidates.insert(EntryKey(kind: item.kind, id: item.id))
            }
        }
        // Read the candidate entries, and then the enterprises of candidate products, each set
        // in one read (one query per entry cost more than all the scoring).
        var entries: [EntryKey: Entry] = [:]
        func load(_ keys: [EntryKey]) async throws {
            for (key, read) in try await store.catalogueEntries(keys) where read.isVisible {
                if let entry = read.entry { entries[key] = entry }
            }
        }
        // The entry the inquiry was started from, and the entries it names: proposed first.
        var asked: Set<EntryKey> = []
        if let topic = inquiry.about {
            let key = EntryKey(kind: topic.kind.rawValue, id: topic.id.rawValue)
            asked.insert(key)
            if topic.kind == .cooperation, let read = try await store.catalogueEntries([key])[key],
                read.isVisible, case .cooperation(let cooperation) = read.entry
            {
                for enterprise in cooperation.enterprises {
                    asked.insert(EntryKey(kind: "enterprise", id: enterprise.rawValue))
                }
                for product in cooperation.products { asked.insert(EntryKey(kind: "product", id: product.rawValue)) }
            }
            candidates.formUnion(asked)
        }
        try await load(candidates.filter { $0.kind != EntryKind.cooperation.rawValue })
        var makers: Set<EntryKey> = []
        for (productKey, entry) in entries {
            guard case .product(let product) = entry else { continue }
            for enterprise in product.enterprises {
                let key = EntryKey(kind: "enterprise", id: enterprise.rawValue)
                if entries[key] == nil { makers.insert(key) }
                if asked.contains(productKey) { asked.insert(key) }
            }
        }
        try await load(Array(makers))

        // Score products, then enterprises (with their best product).
        var products: [InquiryMatch] = []
        var bestProduct: [String: (relevance: Double, location: Double, match: InquiryMatch)] = [:]
        for (key, entry) in entries {
            guard case .product(let product) = entry else { continue }
            var reasons: [MatchReason] = []
            var relevance = textRelevance(entry, key: key, terms: terms, textScores: textScores, reasons: &reasons)
            relevance += categoryRelevance(product.categories, inquiry: inquiry, reasons: &reasons)
            let askedAbout = asked.contains(key)
            guard relevance > 0 || askedAbout else { continue }
            let location = deliveryScore(product.deliveryArea, inquiry: inquiry, reasons: &reasons)
            if askedAbout { reasons.insert(.askedAbout, at: 0) }
            let match = InquiryMatch(
                kind: key.kind, id: key.id, names: Self.names(product.name),
                region: product.deliveryArea.first?.rawValue,
                score: Self.rounded(relevance + location + (askedAbout ? Weight.askedAbout : 0)), reasons: reasons)
            products.append(match)
            for enterprise in product.enterprises
            where (bestProduct[enterprise.rawValue]?.relevance ?? -1) < relevance {
                bestProduct[enterprise.rawValue] = (relevance, location, match)
            }
        }
        var enterprises: [InquiryMatch] = []
        for (key, entry) in entries {
            guard case .enterprise(let enterprise) = entry else { continue }
            var reasons: [MatchReason] = []
            var relevance = textRelevance(entry, key: key, terms: terms, textScores: textScores, reasons: &reasons)
            relevance += sectorRelevance(enterprise.sectors, inquiry: inquiry, reasons: &reasons)
            var location = regionScore(enterprise.region, inquiry: inquiry, reasons: &reasons)
            if let product = bestProduct[key.id] {
                relevance = max(relevance, product.relevance * Weight.productToEnterprise)
                reasons.append(.product(id: product.match.id, names: product.match.names))
                reasons += product.match.reasons.filter {
                    if case .deliversTo = $0 { return location < Weight.inRegion }
                    if case .sameCountry = $0 { return false }
                    return true
                }
                location = max(location, product.location)
            }
            let askedAbout = asked.contains(key)
            guard relevance > 0 || askedAbout else { continue }
            var score = relevance + location
            if askedAbout {
                score += Weight.askedAbout
                reasons.insert(.askedAbout, at: 0)
            }
            if inquiry.organisationType == .publicBody, enterprise.qualifiesForReservedContracts == true {
                score += Weight.reservedContracts
                reasons.append(.reservedContracts)
            }
            enterprises.append(
                InquiryMatch(
                    kind: key.kind, id: key.id, names: Self.names(enterprise.name),
                    region: enterprise.region?.rawValue, score: Self.rounded(score), reasons: Self.unique(reasons)))
        }
        func ranked(_ matches: [InquiryMatch]) -> [InquiryMatch] {
            Array(matches.sorted { ($1.score, $0.id) < ($0.score, $1.id) }.prefix(limit))
        }
        return InquiryMatches(enterprises: ranked(enterprises), products: ranked(products))
    }

    // MARK: The parts of a score

    private func textRelevance(
        _ entry: Entry, key: EntryKey, terms: [String], textScores: [EntryKey: Double], reasons: inout [MatchReason]
    ) -> Double {
        guard !terms.isEmpty else { return 0 }
        // Each term with the entry's word it found, as the entry writes it ("holzspielzeug").
        let words = Self.texts(of: entry).flatMap { WordFolding.words(of: $0) }
        var found: [String] = []
        var shown: [String] = []
        for term in terms {
            guard let hit = words.first(where: { $0.folded.hasPrefix(term) }) else { continue }
            found.append(term)
            let word = hit.original.lowercased()
            if !shown.contains(word) { shown.append(word) }
        }
        guard !found.isEmpty else { return 0 }
        reasons.append(.words(shown))
        let coverage = Double(found.count) / Double(terms.count)
        return Weight.textRank * (textScores[key] ?? 0) + Weight.textCoverage * coverage
    }

    private func categoryRelevance(
        _ categories: [CPVCode], inquiry: InquirySubmission, reasons: inout [MatchReason]
    )
        -> Double
    {
        var score = 0.0
        for wanted in inquiry.categories {
            if let hit = categories.first(where: { Self.cpv($0, isWithin: wanted) || Self.cpv(wanted, isWithin: $0) }) {
                reasons.append(.category(hit.rawValue))
                score = max(score, Weight.category)
            } else if let hit = categories.first(where: { $0.division == wanted.division }) {
                reasons.append(.categoryDivision(hit.division.code))
                score = max(score, Weight.categoryDivision)
            }
        }
        return score
    }

    private func sectorRelevance(
        _ sectors: [NACECode], inquiry: InquirySubmission, reasons: inout [MatchReason]
    )
        -> Double
    {
        for wanted in inquiry.sectors {
            if let hit = sectors.first(where: { $0 == wanted || $0.rawValue.hasPrefix(wanted.rawValue) }) {
                reasons.append(.sector(hit.rawValue))
                return Weight.sector
            }
        }
        return 0
    }

    private func deliveryScore(_ areas: [NUTSCode], inquiry: InquirySubmission, reasons: inout [MatchReason]) -> Double
    {
        let wanted = inquiry.deliveryRegion.rawValue
        if let area = areas.first(where: { Self.covers($0.rawValue, wanted) }) {
            reasons.append(.deliversTo(area.rawValue))
            return Weight.inRegion
        }
        if areas.contains(where: { $0.rawValue.prefix(2) == wanted.prefix(2) }) {
            reasons.append(.sameCountry(String(wanted.prefix(2))))
            return Weight.sameCountry
        }
        return 0
    }

    private func regionScore(_ region: NUTSCode?, inquiry: InquirySubmission, reasons: inout [MatchReason]) -> Double {
        guard let region = region?.rawValue else { return 0 }
        let wanted = inquiry.deliveryRegion.rawValue
        if Self.covers(region, wanted) {
            reasons.append(.basedIn(region))
            return Weight.inRegion
        }
        if region.prefix(2) == wanted.prefix(2) {
            reasons.append(.sameCountry(String(wanted.prefix(2))))
            return Weight.sameCountry
        }
        return 0
    }

    // MARK: Helpers

    /// Whether one NUTS region lies inside the other (codes nest by prefix).
    static func covers(_ area: String, _ region: String) -> Bool {
        region.hasPrefix(area) || area.hasPrefix(region)
    }

    /// Whether CPV code `code` lies within `group` (`39160000-1` within `39100000-3`): a group
    /// is its digits without the trailing zeros.
    static func cpv(_ code: CPVCode, isWithin group: CPVCode) -> Bool {
        let digits = { (code: CPVCode) in String(code.rawValue.prefix(8)) }
        var stem = Substring(digits(group))
        while stem.hasSuffix("0"), stem.count > 2 { stem = stem.dropLast() }
        return digits(code).hasPrefix(stem)
    }

    /// The inquiry's words to look for: lower case without diacritics, common words left out,
    /// cut to a six-letter stem (which finds inflected and compound forms in German and
    /// Hungarian). At most 24.
    package static func terms(of text: String) -> [String] {
        var terms: [String] = []
        for word in words(of: text) where word.count >= 3 && !stopWords.contains(word) && !word.allSatisfy(\.isNumber) {
            let stem = word.count > 6 ? String(word.prefix(6)) : word
            if !terms.contains(stem) { terms.append(stem) }
        }
        return Array(terms.prefix(24))
    }

    /// Folded as the entries' words are (`WordFolding`), so a term and a word compare alike.
    static func words(of text: String) -> [String] {
        WordFolding.words(of: text).map(\.folded)
    }

    /// Every name and description of an entry, in every language (as the full-text index
    /// holds them).
    static func texts(of entry: Entry) -> [String] {
        Array(entry.displayName.values.values) + Array(CatalogueIndex.description(of: entry).values.values)
    }

    static func names(_ text: LocalizedText) -> [String: String] {
        Dictionary(uniqueKeysWithValues: text.values.keys.map { ($0.rawValue, text.values[$0] ?? "") })
    }

    static func displayName(_ names: [String: String]) -> String {
        names["en"] ?? names["de"] ?? names.values.sorted().first ?? ""
    }

    static func rounded(_ score: Double) -> Double { (score * 1000).rounded() / 1000 }

    static func unique(_ reasons: [MatchReason]) -> [MatchReason] {
        var seen: Set<MatchReason> = []
        return reasons.filter { seen.insert($0).inserted }
    }

    /// Words that say nothing about what is needed (German, Hungarian, English; folded).
    static let stopWords: Set<String> = [
        // German
        "und", "oder", "fur", "mit", "von", "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem",
        "einer", "unser", "unsere", "unseren", "unserer", "unserem", "unseres", "wir", "sie", "bis", "pro", "auf",
        "aus",
        "als", "bei", "zum", "zur", "alle", "allen", "jede", "jeden", "jedes", "woche", "stuck", "soll", "sollen",
        "werden", "wird", "ist", "sind", "neue", "neuen", "neues", "etwa", "rund", "uber", "nach", "fuer", "auch",
        "sowie", "mal", "zweimal", "dreimal", "gesucht", "suchen", "brauchen", "benotigen", "bitte", "wie", "was",
        "lieferung", "mitarbeitende", "mitarbeiter", "teilnehmenden", "ihre", "ihr", "fuer", "noch", "sehr",
        // English
        "the", "and", "for", "our", "with", "from", "about", "new", "per", "week", "each", "some", "pieces", "need",
        "needs", "looking", "want", "wanted", "into", "this", "that", "are", "all", "who", "can", "delivery", "three",
        "two", "four", "five", "evenings", "days", "weeks", "year", "years", "around", "devices",
        // Hungarian
        "egy", "az", "es", "is", "nem", "van", "vagy", "meg", "mint", "minden", "darab", "keresunk", "szamara",
        "reszere", "egesz", "evben", "heti", "hetente", "alatt", "utan", "elott", "kell", "szeretnenk", "kerunk",
        "ahol", "amely", "nekunk", "ezt", "azt",
    ]
}
