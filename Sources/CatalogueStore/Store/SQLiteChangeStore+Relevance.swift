import GRDB
import SyncProtocol

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
        let expression = "{name description} : (" + words.map { "\"\($0)\"*" }.joined(separator: " OR ") + ")"
        // The newest `relevanceWindow` matching text rows are ranked, as a search ranks its
        // window (`defaultSearchWindow`): FTS5 ranked every match before the best were taken — at
        // 20,000 entries the 6,000 matches of "holz*" took 18 ms in sqlite3, half of matching an
        // inquiry — and grew with the catalogue. The matcher scores the candidates itself; this
        // only chooses which to read.
        let rank = FullTextRank.expression(registered: ownRank)
        return try await writer.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT entryText.rowid AS rowid, \(rank) AS rank, r.kind, r.id FROM entryText
                    JOIN entryTextRow r ON r.rowid = entryText.rowid
                    WHERE entryText MATCH ? ORDER BY entryText.rowid DESC LIMIT ?
                    """, arguments: [expression, Self.relevanceWindow])
            var best: [EntryKey: Double] = [:]
            while let row = try rows.next() {
                let key = EntryKey(kind: row["kind"], id: row["id"])
                let rank: Double = row["rank"]
                if let kept = best[key], kept <= rank { continue }
                best[key] = rank
            }
            return best.map { RelevanceHit(kind: $0.key.kind, id: $0.key.id, rank: $0.value) }
                .sorted { ($0.rank, $0.kind, $0.id) < ($1.rank, $1.kind, $1.id) }
                .prefix(min(max(limit, 1), 2000)).map { $0 }
        }
    }

    /// The matching text rows an inquiry's candidates are chosen from.
    static let relevanceWindow = 2_000
}
