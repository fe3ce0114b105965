/// How many entries a query matches, by facet value: what a search page shows beside its
/// results, so a reader can narrow down ("Wien (12)").
public struct FacetCounts: Sendable, Hashable {
    /// Entries matching the query.
    public var total: Int
    /// Facet name → value → entries matching the query that have that value.
    public var values: [String: [String: Int]]

    public init(total: Int, values: [String: [String: Int]]) {
        self.total = total
        self.values = values
    }
}

/// The catalogue at a glance, for the home and federation pages.
public struct CatalogueOverview: Sendable, Hashable {
    public struct RegionCount: Sendable, Hashable {
        /// The entry's region (an enterprise's, a product's first delivery area, a cooperation's
        /// first region); `nil` when it has none.
        public var region: String?
        public var kind: String
        public var count: Int
    }

    public var byRegionAndKind: [RegionCount]
    /// Author id of the region that published each entry (its oldest standing value) → entries.
    public var byOrigin: [String: Int]

    public var total: Int { byRegionAndKind.reduce(0) { $0 + $1.count } }
}
