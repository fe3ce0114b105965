import DirectoryModel
import GRDB
package import SyncProtocol

extension SQLiteChangeStore {
    package func entryKeys(publishedBy author: String, limit: Int) async throws -> [EntryKey] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT kind, id FROM entryIndex WHERE origin = ? ORDER BY updatedTime DESC, kind, id LIMIT ?",
                arguments: [author, limit]
            ).map { EntryKey(kind: $0["kind"], id: $0["id"]) }
        }
    }

    /// Counts per value of `facets` among the entries `query` matches (its text, language,
    /// kind and facet filters; its page and cursor are ignored).
    package func facetCounts(matching query: CatalogueQuery, facets: [String]) async throws -> FacetCounts {
        let words = try query.text.map(SearchWords.words(of:))
        let key = CatalogueSummaryCache.Key(query, facetNames: facets)
        let summaries = self.summaries
        return try await writer.read { db in
            let version = try Self.catalogueVersion(db)
            if let counts = summaries.facetCounts(key, version: version) { return counts }
            let match = try words.map { Self.matchExpression(text: try Self.textExpression($0, db: db), query: query) }
            let counts = try Self.countFacets(match: match, query: query, facets: facets, db: db)
            summaries.remember(counts, for: key, version: version)
            return counts
        }
    }

    /// Counts with `match` (a search's whole match expression, which holds its kind, facets and
    /// language) or, without one, with the query's filters on the entry index.
    private static func countFacets(
        match: String?, query: CatalogueQuery, facets: [String], db: Database
    ) throws -> FacetCounts {
        var filter = Self.filter(for: query)
        var arguments: StatementArguments = []
        var from = "entryIndex e"
        if let match {
            filter = Self.indexFilter(for: query)
            arguments += [match]
            from = """
                (SELECT DISTINCT r.kind, r.id FROM entryText JOIN entryTextRow r ON r.rowid = entryText.rowid
                 WHERE entryText MATCH ?) m JOIN entryIndex e ON e.kind = m.kind AND e.id = m.id
                """
        }
        arguments += filter.arguments
        let total =
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(from) \(filter.whereClause)", arguments: arguments)
            ?? 0
        var values: [String: [String: Int]] = [:]
        guard total > 0, !facets.isEmpty else { return FacetCounts(total: total, values: values) }
        var conditions = filter.conditions
        conditions.append("f.facet IN (\(facets.map { _ in "?" }.joined(separator: ", ")))")
        var facetArguments = arguments
        facetArguments += StatementArguments(facets)
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT f.facet, f.value, COUNT(*) AS count FROM \(from)
                JOIN entryFacet f ON f.kind = e.kind AND f.id = e.id
                WHERE \(conditions.joined(separator: " AND ")) GROUP BY f.facet, f.value
                """, arguments: facetArguments)
        while let row = try rows.next() {
            values[row["facet"], default: [:]][row["value"]] = row["count"]
        }
        if facets.contains(CatalogueQuery.reservedFacet) {
            // Products are eligible through their makers: counted with the filter's condition.
            var reserved = arguments
            reserved += ["eligible", "eligible"]
            let count =
                try Int.fetchOne(
                    db,
                    sql:
                        "SELECT COUNT(*) FROM \(from) WHERE \((filter.conditions + [reservedCondition]).joined(separator: " AND "))",
                    arguments: reserved) ?? 0
            values[CatalogueQuery.reservedFacet] = count > 0 ? ["eligible": count] : nil
        }
        return FacetCounts(total: total, values: values)
    }

    /// The most recently changed visible entries, newest first; with `region`, those whose
    /// region facet (an enterprise's region, a product's delivery area, a cooperation's regions)
    /// is that NUTS region or lies inside it — NUTS codes nest by prefix.
    package func recentlyUpdated(limit: Int, region: String? = nil) async throws -> [CataloguePage.Item] {
        try await writer.read { db in
            var condition = ""
            var arguments: StatementArguments = []
            if let region {
                condition = """
                    WHERE EXISTS (SELECT 1 FROM entryFacet f WHERE f.kind = e.kind AND f.id = e.id
                        AND f.facet = 'region' AND substr(f.value, 1, ?) = ?)
                    """
                arguments += [region.count, region]
            }
            arguments += [min(max(limit, 1), 500)]
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT e.kind, e.id, e.names, e.region, e.lighthouse, e.updatedTime FROM entryIndex e
                    \(condition) ORDER BY e.updatedTime DESC, e.kind, e.id LIMIT ?
                    """, arguments: arguments
            ).map { Self.item($0, snippet: nil) }
        }
    }

    /// Visible entries per region and kind, and per publishing author.
    package func overview() async throws -> CatalogueOverview {
        let summaries = self.summaries
        return try await writer.read { db in
            let version = try Self.catalogueVersion(db)
            if let overview = summaries.overview(version: version) { return overview }
            let regions = try Row.fetchAll(
                db,
                sql:
                    "SELECT region, kind, COUNT(*) AS count FROM entryIndex GROUP BY region, kind ORDER BY region, kind"
            ).map { CatalogueOverview.RegionCount(region: $0["region"], kind: $0["kind"], count: $0["count"]) }
            var origins: [String: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT origin, COUNT(*) AS count FROM entryIndex WHERE origin IS NOT NULL GROUP BY origin")
            {
                origins[row["origin"]] = row["count"]
            }
            let overview = CatalogueOverview(byRegionAndKind: regions, byOrigin: origins)
            summaries.remember(overview, version: version)
            return overview
        }
    }
}
