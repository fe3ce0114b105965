import DirectoryModel
import Foundation
import GRDB
package import SyncProtocol

extension SQLiteChangeStore {
    /// Lists or searches visible entries. Without `text` the order is (kind, id); with it, by
    /// relevance (BM25, an entry ranked by its best-matching language) and then by text row.
    /// Cursors make the order stable across pages.
    package func entries(matching query: CatalogueQuery) async throws -> CataloguePage {
        let limit = min(max(query.limit, 1), 500)
        let cursor = try query.cursor.map(Cursor.init(parsing:))
        let matchExpression = try query.text.map(Self.matchExpression)
        return try await writer.read { db in
            if let matchExpression {
                let position: (rank: Double, textRow: Int64)?
                switch cursor {
                case .search(let rank, let textRow): position = (rank, textRow)
                case nil: position = nil
                case .listing: throw QueryError(message: "the cursor belongs to a listing, not to a search")
                }
                // Kind and facet filters read the text rows' own kind and id (see `search`).
                return try Self.search(
                    matchExpression, language: query.language?.rawValue,
                    filter: Self.filter(for: query, entry: "entryText"), after: position, limit: limit, db: db)
            }
            var filter = Self.filter(for: query)
            switch cursor {
            case .listing(let kind, let id):
                filter.conditions.append("(e.kind, e.id) > (?, ?)")
                filter.arguments += [kind, id]
            case nil: break
            case .search: throw QueryError(message: "the cursor belongs to a search, not to a listing")
            }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.kind, e.id, e.names, e.region, e.lighthouse, e.updatedTime FROM entryIndex e
                    \(filter.whereClause) ORDER BY e.kind, e.id LIMIT \(limit + 1)
                    """, arguments: filter.arguments)
            let items = rows.prefix(limit).map { Self.item($0, snippet: nil) }
            let next = rows.count > limit ? items.last.map { Cursor.listing(kind: $0.kind, id: $0.id).text } : nil
            return CataloguePage(items: items, next: next)
        }
    }

    /// The merged state of every visible entry, ordered by kind and id (for exports).
    package func visibleEntryStates() async throws -> [EntryState] {
        try await writer.read { db in
            var states: [EntryState] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT kind, id FROM entry WHERE visible = 1 ORDER BY kind, id")
            while let row = try rows.next() {
                if let state = try Self.storedState(kind: row["kind"], id: row["id"], db: db) { states.append(state) }
            }
            return states
        }
    }

    /// Conditions on the entry index (alias `e`) from the query's filters.
    struct Filter {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        /// Whether a condition reads a column only the entry index has (lighthouse, updated
        /// time); kind and facets need only an entry's kind and id.
        var needsIndex = false

        var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }
    }

    /// The query's filters as conditions on the table `entry` names (with `kind` and `id`
    /// columns: the entry index `e`, or the full-text table, whose rows carry them too).
    static func filter(for query: CatalogueQuery, entry: String = "e") -> Filter {
        var filter = Filter()
        if let kind = query.kind {
            filter.conditions.append("\(entry).kind = ?")
            filter.arguments += [kind.rawValue]
        }
        for facet in query.facets {
            filter.conditions.append(
                "EXISTS (SELECT 1 FROM entryFacet f WHERE f.kind = \(entry).kind AND f.id = \(entry).id AND f.facet = ? AND f.value = ?)"
            )
            filter.arguments += [facet.name, facet.value]
        }
        if let lighthouse = query.lighthouse {
            filter.conditions.append("e.lighthouse = ?")
            filter.arguments += [lighthouse]
            filter.needsIndex = true
        }
        if let since = query.updatedSince {
            filter.conditions.append("e.updatedTime >= ?")
            filter.arguments += [since]
            filter.needsIndex = true
        }
        return filter
    }

    /// Full-text search. FTS5 ranks its matches itself (`ORDER BY rank`, configured as BM25 with
    /// names weighing ten times descriptions; equal ranks come in text-row order) and makes
    /// snippets only for the rows read. Joining each match to the entry index inside the ranking
    /// query cost several times more, and a filter handed to FTS5 as a set of allowed rows made
    /// it run the match once per row; so the ranked rows are read in order, each entry kept at
    /// its first (best) row and checked against the filters, until the page is full. A filter
    /// that few matches pass reads more rows, never more than the matches.
    static func search(
        _ matchExpression: String, language: String?, filter: Filter, after position: (rank: Double, textRow: Int64)?,
        limit: Int, db: Database
    ) throws -> CataloguePage {
        var conditions = ["entryText MATCH ?"]
        var arguments: StatementArguments = [matchExpression]
        if let language {
            conditions.append("entryText.language = ?")
            arguments += [language]
        }
        // Without filters, FTS5 ranks and the loop reads a page's worth of rows. With filters,
        // they are applied in the same statement: checked row by row they would be tested
        // against every better-ranked entry they exclude (thousands, when the filter leaves out
        // the entries whose names match).
        let filtered = !filter.conditions.isEmpty
        let ranked: RowCursor
        if filtered {
            // Kind and facets are checked on the text row's own kind and id; the entry index is
            // joined only for a condition on its own columns. Joining the row map and the index
            // for every match cost two more lookups each, also for the matches a filter then
            // leaves out (a third of the narrowed search's time). Only visible entries have text
            // rows, so the result is the same.
            let index = filter.needsIndex ? "JOIN entryIndex e ON e.kind = entryText.kind AND e.id = entryText.id" : ""
            var filteredArguments = arguments
            filteredArguments += filter.arguments
            ranked = try Row.fetchCursor(
                db,
                sql: """
                    SELECT entryText.rowid AS rowid, entryText.rank AS rank, entryText.kind AS kind,
                        entryText.id AS id FROM entryText \(index)
                    WHERE \((conditions + filter.conditions).joined(separator: " AND "))
                    ORDER BY entryText.rank, entryText.rowid
                    """, arguments: filteredArguments)
        } else {
            ranked = try Row.fetchCursor(
                db,
                sql: """
                    SELECT rowid, rank, snippet(entryText, -1, char(1), char(2), '…', 16) AS snippet FROM entryText
                    WHERE \(conditions.joined(separator: " AND ")) ORDER BY rank
                    """, arguments: arguments)
        }
        let entryOfRow = try db.cachedStatement(sql: "SELECT kind, id FROM entryTextRow WHERE rowid = ?")
        var seen: Set<[String]> = []
        var hits: [(kind: String, id: String, rank: Double, textRow: Int64, snippet: String?)] = []
        while hits.count <= limit, let row = try ranked.next() {
            let rank: Double = row["rank"]
            let textRow: Int64 = row["rowid"]
            let kind: String
            let id: String
            if filtered {
                kind = row["kind"]
                id = row["id"]
            } else {
                guard let entry = try Row.fetchOne(entryOfRow, arguments: [textRow]) else { continue }
                kind = entry["kind"]
                id = entry["id"]
            }
            guard seen.insert([kind, id]).inserted else { continue }
            if let position, (rank, textRow) <= (position.rank, position.textRow) { continue }
            hits.append((kind, id, rank, textRow, filtered ? nil : row["snippet"]))
        }
        if filtered {
            let snippet = try db.cachedStatement(
                sql: """
                    SELECT snippet(entryText, -1, char(1), char(2), '…', 16) FROM entryText
                    WHERE entryText MATCH ? AND rowid = ?
                    """)
            for index in hits.indices.prefix(limit) {
                hits[index].snippet = try String.fetchOne(snippet, arguments: [matchExpression, hits[index].textRow])
            }
        }
        let page = Array(hits.prefix(limit))
        let indexRow = try db.cachedStatement(
            sql: "SELECT kind, id, names, region, lighthouse, updatedTime FROM entryIndex WHERE kind = ? AND id = ?")
        var items: [CataloguePage.Item] = []
        for hit in page {
            guard let row = try Row.fetchOne(indexRow, arguments: [hit.kind, hit.id]) else { continue }
            items.append(item(row, snippet: hit.snippet))
        }
        let next = hits.count > limit ? page.last.map { Cursor.search(rank: $0.rank, textRow: $0.textRow).text } : nil
        return CataloguePage(items: items, next: next)
    }

    /// A page item from an entry index row.
    static func item(_ row: Row, snippet: String?) -> CataloguePage.Item {
        let namesText: String = row["names"]
        let names = (try? JSONDecoder().decode([String: String].self, from: Data(namesText.utf8))) ?? [:]
        return CataloguePage.Item(
            kind: row["kind"], id: row["id"], names: names, region: row["region"], lighthouse: row["lighthouse"],
            updated: row["updatedTime"], snippet: snippet.map(snippetParts))
    }

    /// Each word quoted (so no user input is read as FTS syntax); the last as a prefix.
    /// Words are split per Unicode scalar, not per `Character`: a quote joined to a combining
    /// mark (`x"\u{301}y`) is one `Character` that is not `"`, so it stayed inside a word and
    /// ended the FTS string early (FTS5: "unterminated string", a 500).
    static func matchExpression(_ text: String) throws -> String {
        guard text.utf8.count <= 2_000, text.count <= 500 else {
            throw QueryError(message: "the search text is too long (at most 500 characters, 20 words)")
        }
        // Whitespace and quotes separate words; other control characters (NUL among them) are
        // dropped.
        var words: [String] = []
        var word = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\"" {
                if !word.isEmpty { words.append(String(word)) }
                word = String.UnicodeScalarView()
            } else if scalar.properties.generalCategory != .control {
                word.append(scalar)
            }
        }
        if !word.isEmpty { words.append(String(word)) }
        guard !words.isEmpty else { throw QueryError(message: "the search text has no words") }
        guard words.count <= 20 else {
            throw QueryError(message: "the search text is too long (at most 500 characters, 20 words)")
        }
        return words.enumerated().map { index, word in
            "\"" + word + "\"" + (index == words.count - 1 ? "*" : "")
        }.joined(separator: " ")
    }

    static func snippetParts(_ snippet: String) -> [CataloguePage.SnippetPart] {
        var parts: [CataloguePage.SnippetPart] = []
        var current = ""
        var inMatch = false
        for character in snippet {
            if character == "\u{1}" || character == "\u{2}" {
                if !current.isEmpty { parts.append(.init(text: current, match: inMatch)) }
                current = ""
                inMatch = character == "\u{1}"
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { parts.append(.init(text: current, match: inMatch)) }
        return parts
    }

    /// A page boundary, base64url-encoded: for a listing the last item's kind and id, for a
    /// search the last item's rank and best text row.
    enum Cursor {
        case listing(kind: String, id: String)
        case search(rank: Double, textRow: Int64)

        init(parsing text: String) throws {
            var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            while base64.count % 4 != 0 { base64 += "=" }
            guard let data = Data(base64Encoded: base64), let decoded = String(data: data, encoding: .utf8) else {
                throw QueryError(message: "the cursor is not one this node handed out")
            }
            let parts = decoded.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            switch parts.first {
            case "l" where parts.count == 3:
                self = .listing(kind: parts[1], id: parts[2])
            case "s" where parts.count == 3:
                guard let rank = Double(parts[1]), rank.isFinite, let textRow = Int64(parts[2]) else { fallthrough }
                self = .search(rank: rank, textRow: textRow)
            default:
                throw QueryError(message: "the cursor is not one this node handed out")
            }
        }

        var text: String {
            let plain =
                switch self {
                case .listing(let kind, let id): "l\n\(kind)\n\(id)"
                case .search(let rank, let textRow): "s\n\(rank)\n\(textRow)"
                }
            return Data(plain.utf8).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
    }
}
