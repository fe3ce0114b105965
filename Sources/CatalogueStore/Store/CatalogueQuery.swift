package import DirectoryModel
import Foundation

/// A question to the catalogue: filters, optional full-text search, and a page.
package struct CatalogueQuery: Sendable, Hashable {
    package var kind: EntryKind?
    /// Facet filters, all of which must hold: `("region", "AT12")`, `("category", "39")`, …
    package var facets: [Facet] = []
    package var lighthouse: Bool?
    /// Only entries with a value written at or after this time (ms since 1970).
    package var updatedSince: Int64?
    /// Words to search for in names and descriptions: every word must match, as the start of
    /// a word, in one of its forms — without its ending, or as the end of a compound
    /// (`SearchWords`).
    package var text: String?
    /// Search only this language's texts.
    package var language: LanguageTag?
    /// The order of the items: by relevance (with `text`; without, by kind and id), most
    /// recently updated first, or by name in `language` (or German, English, Hungarian).
    package var sort: Sort = .relevance
    /// The language whose names sort first by name when `language` (a filter) is not given.
    package var sortLanguage: LanguageTag?
    package var limit = 50
    /// Where the previous page ended (`CataloguePage.next`).
    package var cursor: String?

    package struct Facet: Sendable, Hashable {
        package var name: String
        package var value: String

        package init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    package enum Sort: String, Sendable, Hashable, CaseIterable {
        case relevance
        case updated
        case name
    }

    package init() {}

    /// The facet names entries are indexed under.
    package static let facetNames: Set<String> = [
        "kind", "region", "category", "sector", "socialModel", "targetGroup", "sustainability", "language",
        "productType", "contracting", "deliveryArea", "enterprise", "product", "certification", "reserved",
    ]

    /// The facet of entries eligible for reserved contracts (value `eligible`): enterprises with
    /// at least 30 % disadvantaged staff, and the products they make — a product's eligibility
    /// is its makers', so this facet is a condition through the `enterprise` links, not a value
    /// the product's own index holds.
    package static let reservedFacet = "reserved"
}

/// One page of entries.
package struct CataloguePage: Sendable, Hashable, Codable {
    package struct Item: Sendable, Hashable, Codable {
        package var kind: String
        package var id: String
        /// The entry's name by language.
        package var names: [String: String]
        package var region: String?
        package var lighthouse: Bool
        /// Latest write to the entry, ms since 1970.
        package var updated: Int64
        /// For searches: the matching text, split into plain and matched parts.
        package var snippet: [SnippetPart]?
        /// The language of the snippet's text (the text row it comes from), so a page can mark
        /// a snippet in another language than its own.
        package var snippetLanguage: String?

        package init(
            kind: String,
            id: String,
            names: [String: String],
            region: String? = nil,
            lighthouse: Bool,
            updated: Int64,
            snippet: [SnippetPart]? = nil, snippetLanguage: String? = nil
        ) {
            self.kind = kind
            self.id = id
            self.names = names
            self.region = region
            self.lighthouse = lighthouse
            self.updated = updated
            self.snippet = snippet
            self.snippetLanguage = snippetLanguage
        }
    }

    /// A piece of a search snippet; `match` marks the words that matched.
    package struct SnippetPart: Sendable, Hashable, Codable {
        package var text: String
        package var match: Bool
    }

    package var items: [Item]
    /// The cursor of the next page, or `nil` at the end.
    package var next: String?

    package init(items: [Item], next: String? = nil) {
        self.items = items
        self.next = next
    }
}

/// Why a query cannot be answered, said so the caller can fix it.
package struct QueryError: Error, Hashable, Sendable, CustomStringConvertible {
    package let message: String
    package var description: String { message }
}
