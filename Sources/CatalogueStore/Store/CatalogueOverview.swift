/// How many entries a query matches, by facet value: what a search page shows beside its
/// results, so a reader can narrow down ("Wien (12)").
package struct FacetCounts: Sendable, Hashable {
    /// Entries matching the query.
    package var total: Int
    /// Facet name → value → entries matching the query that have that value.
    package var values: [String: [String: Int]]

    package init(total: Int, values: [String: [String: Int]]) {
        self.total = total
        self.values = values
    }
}

/// The catalogue at a glance, for the home and federation pages.
package struct CatalogueOverview: Sendable, Hashable {
    package struct RegionCount: Sendable, Hashable {
        /// The entry's region (an enterprise's, a product's first delivery area, a cooperation's
        /// first region); `nil` when it has none.
        package var region: String?
        package var kind: String
        package var count: Int
    }

    package var byRegionAndKind: [RegionCount]
    /// Author id of the region that published each entry (its oldest standing value) → entries.
    package var byOrigin: [String: Int]

    package var total: Int { byRegionAndKind.reduce(0) { $0 + $1.count } }
}
