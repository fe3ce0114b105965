import DirectoryModel
import Foundation

/// A question to the catalogue: filters, optional full-text search, and a page.
public struct CatalogueQuery: Sendable, Hashable {
    public var kind: EntryKind?
    /// Facet filters, all of which must hold: `("region", "AT12")`, `("category", "39")`, …
    public var facets: [Facet] = []
    public var lighthouse: Bool?
    /// Only entries with a value written at or after this time (ms since 1970).
    public var updatedSince: Int64?
    /// Words to search for in names and descriptions (every word must match; the last may be
    /// the start of a word).
    public var text: String?
    /// Search only this language's texts.
    public var language: LanguageTag?
    public var limit = 50
    /// Where the previous page ended (`CataloguePage.next`).
    public var cursor: String?

    public struct Facet: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init() {}

    /// The facet names entries are indexed under.
    public static let facetNames: Set<String> = [
        "kind", "region", "category", "sector", "socialModel", "targetGroup", "sustainability", "language",
        "productType", "contracting", "deliveryArea", "enterprise", "product",
    ]
}

/// One page of entries.
public struct CataloguePage: Sendable, Hashable, Codable {
    public struct Item: Sendable, Hashable, Codable {
        public var kind: String
        public var id: String
        /// The entry's name by language.
        public var names: [String: String]
        public var region: String?
        public var lighthouse: Bool
        /// Latest write to the entry, ms since 1970.
        public var updated: Int64
        /// For searches: the matching text, split into plain and matched parts.
        public var snippet: [SnippetPart]?
    }

    /// A piece of a search snippet; `match` marks the words that matched.
    public struct SnippetPart: Sendable, Hashable, Codable {
        public var text: String
        public var match: Bool
    }

    public var items: [Item]
    /// The cursor of the next page, or `nil` at the end.
    public var next: String?
}

/// Why a query cannot be answered, said so the caller can fix it.
public struct QueryError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
