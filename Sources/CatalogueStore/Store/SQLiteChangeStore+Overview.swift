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
