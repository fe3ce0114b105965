import DirectoryModel
import Foundation
import GRDB
import SyncProtocol

extension SQLiteChangeStore {
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
    static func countFacets(
        match: String?, query: CatalogueQuery, facets: [String], db: Database
    ) throws -> FacetCounts {
        let onIndex = query.lighthouse != nil || query.updatedSince != nil
        if let match, !onIndex {
            return try countFacetsOfTextRows(match: match, query: query, facets: facets, db: db)
        }
        if match == nil, !onIndex, query.facets.isEmpty {
            return try countFacetsOfWholeCatalogue(kind: query.kind, facets: facets, db: db)
        }
        if match == nil, !onIndex, query.facets.count == 1, let only = query.facets.first, only.name == "region" {
            return try countFacetsOfWholeCatalogue(kind: query.kind, region: only.value, facets: facets, db: db)
        }
        return try countFacetsWithIndex(match: match, query: query, facets: facets, db: db, drivenByFacet: true)
    }

    /// Counts of every visible entry, or every one of a kind, or of a region (and a kind): the
    /// facet tallies' rows (`facetTally`, `facetRegionTally`, kept with the facet table), without
    /// reading the facet table — except for the reserved-contract count, which follows the
    /// makers. This is the browse page's count, made again after every change to the catalogue.
    /// Grouping the facet table itself took 17–20 ms at 20,000 entries and 0.65–0.82 s at
    /// 200,000 (session 17), and a region's rows 0.55–0.61 s at 200,000 (session 18).
    static func countFacetsOfWholeCatalogue(
        kind: EntryKind?, region: String? = nil, facets: [String], db: Database
    ) throws -> FacetCounts {
        let table = region == nil ? "facetTally" : "facetRegionTally"
        var scope = ""
        var scopeArguments: StatementArguments = []
        if let region {
            scope += " AND region = ?"
            scopeArguments += [region]
        }
        if let kind {
            scope += " AND kind = ?"
            scopeArguments += [kind.rawValue]
        }
        // Every indexed entry has its kind as a facet row, so the kind's tally is the total.
        let total =
            try Int.fetchOne(
                db, sql: "SELECT COALESCE(SUM(entries), 0) FROM \(table) WHERE facet = 'kind'\(scope)",
                arguments: scopeArguments)
            ?? 0
        var values: [String: [String: Int]] = [:]
        guard total > 0, !facets.isEmpty else { return FacetCounts(total: total, values: values) }
        var arguments = StatementArguments(facets)
        arguments += scopeArguments
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT facet, value, SUM(entries) AS count FROM \(table)
                WHERE facet IN (\(facets.map { _ in "?" }.joined(separator: ", ")))\(scope)
                GROUP BY facet, value HAVING SUM(entries) > 0
                """, arguments: arguments)
        while let row = try rows.next() {
            values[row["facet"], default: [:]][row["value"]] = row["count"]
        }
        if facets.contains(CatalogueQuery.reservedFacet) {
            // `reservedCondition` over the facet table: the entries with the facet themselves,
            // and the products that name an eligible enterprise as maker; in the region, if one.
            let kindCondition = kind == nil ? "" : " AND kind = ?"
            let kindArgument: StatementArguments = kind.map { [$0.rawValue] } ?? []
            var reserved: StatementArguments = ["eligible"]
            reserved += kindArgument
            reserved += ["eligible"]
            reserved += kindArgument
            if let region { reserved += [region] }
            let inRegion =
                region == nil
                ? ""
                : """
                 AS eligible WHERE EXISTS (SELECT 1 FROM entryFacet
                    WHERE facet = 'region' AND value = ? AND kind = eligible.kind AND id = eligible.id)
                """
            let count =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM (
                            SELECT kind, id FROM entryFacet WHERE facet = 'reserved' AND value = ?\(kindCondition)
                            UNION
                            SELECT m.kind, m.id FROM entryFacet f JOIN entryFacet m
                                ON m.facet = 'enterprise' AND m.value = f.id AND m.kind = 'product'
                            WHERE f.facet = 'reserved' AND f.value = ? AND f.kind = 'enterprise'\(kind == nil ? "" : " AND m.kind = ?")
                        )\(inRegion)
                        """, arguments: reserved) ?? 0
            values[CatalogueQuery.reservedFacet] = count > 0 ? ["eligible": count] : nil
        }
        return FacetCounts(total: total, values: values)
    }

    /// Counts of a text search from the matching text rows alone: each row carries its entry's
    /// kind, id and facets (the `facets` column's tokens), so one pass over the match reads
    /// everything, and the entries are told apart and counted here. Measured on 20,000 entries
    /// (`"holz"*`, 6,000 matching entries) in `sqlite3`: the pass 14 ms, against 17 ms for the
    /// total and 50 ms for the facets through the entry index and the facet table (each
    /// matching entry looked up by its text key in both, and grouped in a temporary B-tree); it
    /// grows with the matches either way. The `reserved` condition (an enterprise's own facet, or
    /// a product's maker's) is decided the same way as `reservedCondition`, from the eligible
    /// enterprises read once. `countFacetsWithIndex` is the reference in the tests.
    static func countFacetsOfTextRows(
        match: String, query: CatalogueQuery, facets: [String], db: Database
    ) throws -> FacetCounts {
        let wanted = Set(facets)
        let reservedValues = query.facets.filter { $0.name == CatalogueQuery.reservedFacet }.map(\.value)
        let countsReserved = wanted.contains(CatalogueQuery.reservedFacet)
        var eligibleMakers: [String: Set<String>] = [:]
        func makers(_ value: String) throws -> Set<String> {
            if let known = eligibleMakers[value] { return known }
            let found = Set(
                try String.fetchAll(
                    db.cachedStatement(
                        sql: "SELECT id FROM entryFacet WHERE facet = 'reserved' AND value = ? AND kind = 'enterprise'"),
                    arguments: [value]))
            eligibleMakers[value] = found
            return found
        }
        var tokens = FacetTokenTable()
        var counts: [Int] = []
        var total = 0
        var reservedCount = 0
        var own: [Int] = []
        var lastKind = Data()
        var lastID = Data()
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT kind, id, facets FROM entryText WHERE entryText MATCH ?"),
            arguments: [match])
        while let row = try rows.next() {
            // An entry's text rows are written together (`CatalogueIndex.write`), so its
            // matching rows come one after the other in FTS5's rowid order: counted at the first.
            guard let kind = row.dataNoCopy(atIndex: 0), let id = row.dataNoCopy(atIndex: 1),
                let text = row.dataNoCopy(atIndex: 2)
            else { continue }
            if id == lastID, kind == lastKind { continue }
            lastKind = Data(kind)
            lastID = Data(id)
            own.removeAll(keepingCapacity: true)
            text.withUnsafeBytes { bytes in
                var start = 0
                for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: " ") {
                    defer { start = index + 1 }
                    guard index > start else { continue }
                    // Once per entry, as the facet table holds each value once (two sectors of one
                    // section give the section's token twice).
                    let code = tokens.code(of: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
                    if tokens.facets[code] != nil, !own.contains(code) { own.append(code) }
                }
            }
            let isProduct = kind.elementsEqual(EntryKind.product.rawValue.utf8)
            func eligible(_ value: String) throws -> Bool {
                let facets = own.compactMap { tokens.facets[$0] }
                if facets.contains(where: { $0 == (CatalogueQuery.reservedFacet, value) }) { return true }
                guard isProduct else { return false }
                let eligible = try makers(value)
                return facets.contains { $0.facet == "enterprise" && eligible.contains($0.value) }
            }
            guard try reservedValues.allSatisfy(eligible) else { continue }
            total += 1
            if counts.count < tokens.facets.count {
                counts += repeatElement(0, count: tokens.facets.count - counts.count)
            }
            for code in own { counts[code] += 1 }
            if countsReserved, try eligible("eligible") { reservedCount += 1 }
        }
        var values: [String: [String: Int]] = [:]
        for (code, count) in counts.enumerated() where count > 0 {
            guard let facet = tokens.facets[code], wanted.contains(facet.facet),
                facet.facet != CatalogueQuery.reservedFacet
            else { continue }
            values[facet.facet, default: [:]][facet.value] = count
        }
        if countsReserved, reservedCount > 0 { values[CatalogueQuery.reservedFacet] = ["eligible": reservedCount] }
        return FacetCounts(total: total, values: total > 0 ? values : [:])
    }

    /// Counts through the entry index and the facet table: any query (also without a text, or
    /// with a filter on the index's own columns). `drivenByFacet`: a query without a text but
    /// with a facet filter reads that facet's entries from the facet table first instead of
    /// testing every entry of the index for it (20,000 entries, a region's 4,000: 44 ms against
    /// 145 ms in `sqlite3`); the filter's condition stays, so the entries are the same.
    static func countFacetsWithIndex(
        match: String?, query: CatalogueQuery, facets: [String], db: Database, drivenByFacet: Bool = false
    ) throws -> FacetCounts {
        var filter = Self.filter(for: query)
        var arguments: StatementArguments = []
        var from = "entryIndex e"
        if match == nil, drivenByFacet,
            let first = query.facets.first(where: { $0.name != CatalogueQuery.reservedFacet })
        {
            from = "entryFacet d JOIN entryIndex e ON e.kind = d.kind AND e.id = d.id"
            filter.conditions.insert("d.facet = ? AND d.value = ?", at: 0)
            var driven: StatementArguments = [first.name, first.value]
            driven += filter.arguments
            filter.arguments = driven
        }
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
}
