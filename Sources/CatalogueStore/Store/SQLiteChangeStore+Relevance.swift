import GRDB

/// An entry that matched some of a set of search terms, with its best BM25 rank (lower is
/// better, as FTS5 ranks).
package struct RelevanceHit: Sendable, Hashable {
    package var kind: String
    package var id: String
    package var rank: Double
}

extension SQLiteChangeStore {
    /// Visible entries whose text (any language) contains any of `terms` as a word prefix,
    /// best first: what matching an inquiry starts from. Unlike a search, one matching term is
    /// enough — an inquiry is a description of a need, not a query.
    package func textRelevance(anyOf terms: [String], limit: Int) async throws -> [RelevanceHit] {
        // Letters and digits per Unicode scalar: a `Character` filter kept a quote that a
        // prepended mark (U+0D4E) joined to a letter, and the quote ended the FTS string.
        let words = terms.map { term in
            String(
                String.UnicodeScalarView(
                    term.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
        }.filter { !$0.isEmpty }.prefix(32)
        guard !words.isEmpty else { return [] }
        let expression = words.map { "\"\($0)\"*" }.joined(separator: " OR ")
        // FTS5 ranks every match (BM25) before the best are taken: at 20,000 entries, 6,000
        // matches of "holz*" take 18 ms in sqlite3 itself, about half of matching an inquiry.
        // Reading the ranked rows in order and grouping them in Swift (instead of GROUP BY)
        // measured the same, so the query stays as it is.
        return try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT r.kind, r.id, MIN(t.rank) AS best FROM entryText t
                    JOIN entryTextRow r ON r.rowid = t.rowid
                    JOIN entryIndex e ON e.kind = r.kind AND e.id = r.id
                    WHERE entryText MATCH ? GROUP BY r.kind, r.id ORDER BY best, r.kind, r.id LIMIT ?
                    """, arguments: [expression, min(max(limit, 1), 2000)]
            ).map { RelevanceHit(kind: $0["kind"], id: $0["id"], rank: $0["best"]) }
        }
    }
}
