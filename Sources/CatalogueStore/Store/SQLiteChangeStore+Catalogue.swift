import DirectoryModel
import Foundation
import GRDB
package import SyncProtocol

extension SQLiteChangeStore {
    /// Lists or searches visible entries. Without `text` the order is (kind, id); with it, by
    /// relevance within windows of matches (see `search`). Cursors make the order stable across
    /// pages.
    package func entries(matching query: CatalogueQuery) async throws -> CataloguePage {
        let limit = min(max(query.limit, 1), 500)
        let cursor = try query.cursor.map(Cursor.init(parsing:))
        let words = try query.text.map(SearchWords.words(of:))
        let window = searchWindow
        let rank = FullTextRank.expression(registered: ownRank)
        return try await writer.read { db in
            if query.sort != .relevance {
                return try Self.sortedPage(
                    query,
                    match: words.map { Self.matchExpression(text: try Self.textExpression($0, db: db), query: query) },
                    after: cursor, limit: limit, db: db)
            }
            if let words {
                let position: SearchPosition?
                switch cursor {
                case .search(let window, let rank, let textRow):
                    position = SearchPosition(window: window, rank: rank, textRow: textRow)
                case nil: position = nil
                case .listing, .sorted: throw QueryError(message: "the cursor belongs to another order of the items")
                }
                let text = try Self.textExpression(words, db: db)
                return try Self.search(
                    Self.matchExpression(text: text, query: query), text: text,
                    filter: Self.indexFilter(for: query), after: position, limit: limit, window: window, rank: rank,
                    db: db)
            }
            var filter = Self.filter(for: query)
            switch cursor {
            case .listing(let kind, let id):
                filter.conditions.append("(e.kind, e.id) > (?, ?)")
                filter.arguments += [kind, id]
            case nil: break
            case .search, .sorted: throw QueryError(message: "the cursor belongs to another order of the items")
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

    /// A page of entries most recently updated first, or by name: all of them, or all that
    /// `match` (a search's whole match expression) matches, with the query's filters. Names
    /// compare folded (case and diacritics ignored, "Ökö" beside "Oko"), in the query's language
    /// or else German, English, Hungarian; ties by kind and id.
    static func sortedPage(
        _ query: CatalogueQuery, match: String?, after cursor: Cursor?, limit: Int, db: Database
    ) throws -> CataloguePage {
        var filter = match == nil ? Self.filter(for: query) : Self.indexFilter(for: query)
        var arguments: StatementArguments = []
        var from = "entryIndex e"
        if let match {
            from = """
                (SELECT DISTINCT r.kind, r.id FROM entryText JOIN entryTextRow r ON r.rowid = entryText.rowid
                 WHERE entryText MATCH ?) m JOIN entryIndex e ON e.kind = m.kind AND e.id = m.id
                """
            arguments += [match]
        }
        let key: String
        let order: String
        switch query.sort {
        case .name:
            db.add(function: sortName)
            let languages = [(query.language ?? query.sortLanguage)?.language, "de", "en", "hu"].compactMap { $0 }
            key = "soproSortName(" + languages.map { "json_extract(e.names, '$.\($0)')" }.joined(separator: ", ") + ")"
            order = "key, e.kind, e.id"
        case .updated, .relevance:
            key = "e.updatedTime"
            order = "key DESC, e.kind, e.id"
        }
        switch cursor {
        case .sorted(let sort, let value, let kind, let id) where sort == query.sort.rawValue:
            if query.sort == .name {
                filter.conditions.append("(\(key), e.kind, e.id) > (?, ?, ?)")
                filter.arguments += [value, kind, id]
            } else {
                guard let time = Int64(value) else {
                    throw QueryError(message: "the cursor is not one this node handed out")
                }
                filter.conditions.append("(\(key) < ? OR (\(key) = ? AND (e.kind, e.id) > (?, ?)))")
                filter.arguments += [time, time, kind, id]
            }
        case nil: break
        default: throw QueryError(message: "the cursor belongs to another order of the items")
        }
        arguments += filter.arguments
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT e.kind, e.id, e.names, e.region, e.lighthouse, e.updatedTime, \(key) AS key FROM \(from)
                \(filter.whereClause) ORDER BY \(order) LIMIT \(limit + 1)
                """, arguments: arguments)
        let items = rows.prefix(limit).map { Self.item($0, snippet: nil) }
        let next =
            rows.count > limit
            ? rows.prefix(limit).last.map { row in
                Cursor.sorted(
                    sort: query.sort.rawValue, key: query.sort == .name ? row["key"] : String(row["key"] as Int64),
                    kind: row["kind"], id: row["id"]
                ).text
            } : nil
        return CataloguePage(items: items, next: next)
    }

    /// `soproSortName(name, …)`: the first name that is there, folded for sorting.
    static let sortName = DatabaseFunction("soproSortName", pure: true) { values in
        for value in values {
            if let name = String.fromDatabaseValue(value), !name.isEmpty {
                return WordFolding.words(of: name, folding: .matching).map(\.folded).joined(separator: " ")
            }
        }
        return ""
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

        var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }
    }

    /// The query's filters as conditions on the entry index `e`.
    static func filter(for query: CatalogueQuery) -> Filter {
        var filter = Filter()
        if let kind = query.kind {
            filter.conditions.append("e.kind = ?")
            filter.arguments += [kind.rawValue]
        }
        for facet in query.facets where facet.name != CatalogueQuery.reservedFacet {
            filter.conditions.append(
                "EXISTS (SELECT 1 FROM entryFacet f WHERE f.kind = e.kind AND f.id = e.id AND f.facet = ? AND f.value = ?)"
            )
            filter.arguments += [facet.name, facet.value]
        }
        let index = indexFilter(for: query)
        filter.conditions += index.conditions
        filter.arguments += index.arguments
        return filter
    }

    /// The query's filters that need the entry index (lighthouse, updated time, and the
    /// reserved-contract condition through the maker links): what a search checks beside its
    /// match expression, which holds kind, facets and language.
    static func indexFilter(for query: CatalogueQuery) -> Filter {
        var filter = Filter()
        for facet in query.facets where facet.name == CatalogueQuery.reservedFacet {
            filter.conditions.append(reservedCondition)
            filter.arguments += [facet.value, facet.value]
        }
        if let lighthouse = query.lighthouse {
            filter.conditions.append("e.lighthouse = ?")
            filter.arguments += [lighthouse]
        }
        if let since = query.updatedSince {
            filter.conditions.append("e.updatedTime >= ?")
            filter.arguments += [since]
        }
        return filter
    }

    /// The condition of the `reserved` facet on the entry index `e` (its value twice): the
    /// entry's own facet (an enterprise), or, for a product, that of an enterprise it names as
    /// maker (a cooperation is not bought through a reserved contract of its members).
    static let reservedCondition = """
        (EXISTS (SELECT 1 FROM entryFacet f WHERE f.kind = e.kind AND f.id = e.id AND f.facet = 'reserved'
            AND f.value = ?)
         OR e.kind = 'product' AND EXISTS (SELECT 1 FROM entryFacet m JOIN entryFacet f ON f.kind = 'enterprise'
            AND f.id = m.value AND f.facet = 'reserved' AND f.value = ?
            WHERE m.kind = e.kind AND m.id = e.id AND m.facet = 'enterprise'))
        """

    /// Where a page of search results ends: the window of its last item and that item's rank
    /// and best text row.
    struct SearchPosition {
        var window: Int64
        var rank: Double
        var textRow: Int64
    }

    /// The matches a search ranks at a time, in text rows: the page is the best of the newest
    /// `defaultSearchWindow` matching rows, then of the next, and so on. FTS5 ranked every match with
    /// BM25 before the best twenty were taken, so a search grew with its matches — 9 ms in
    /// sqlite3 for the 6,000 rows of "holz*" at 20,000 entries, ten times that at 200,000 —
    /// while reading the matches newest first and ranking a window of 1,000 costs 1.3 ms at any
    /// size. Every search with up to this many matching rows is ranked exactly as before; a
    /// larger one shows the best of a window, which is still the best BM25 of a thousand
    /// matches.
    package static let defaultSearchWindow = 1_000

    /// The FTS5 expression of a search text (`SearchWords`), its compounds and the words a long
    /// prefix begins read from the catalogue's long words.
    static func textExpression(_ words: [SearchWords.Word], db: Database) throws -> String {
        let lookup = try db.cachedStatement(
            sql: "SELECT reversed FROM searchTerm WHERE reversed > ? AND reversed < ? ORDER BY reversed LIMIT 32")
        let begun = try db.cachedStatement(
            sql:
                "SELECT word FROM searchWord WHERE word >= ? AND word < ? ORDER BY word LIMIT \(SearchWords.mostCompletions + 1)"
        )
        return try SearchWords.expression(
            words,
            compounds: { form in
                let key = SearchWords.reversed(form)
                let shortest = form.unicodeScalars.count + SearchWords.shortestCompoundHead
                return try String.fetchAll(lookup, arguments: [key, key + "\u{10FFFF}"]).map(SearchWords.reversed)
                    .filter { $0.unicodeScalars.count >= shortest }
            },
            completions: { prefix in
                let found = try String.fetchAll(begun, arguments: [prefix, prefix + "\u{10FFFF}"])
                return found.count > SearchWords.mostCompletions ? nil : found
            })
    }

    /// The whole match of a search: its text in names and descriptions, and its kind, facets
    /// and language as tokens of the `facets` column, so that FTS5 intersects them before any
    /// row is read or ranked.
    static func matchExpression(text: String, query: CatalogueQuery) -> String {
        var tokens: [String] = []
        if let kind = query.kind { tokens.append(CatalogueIndex.facetToken("kind", kind.rawValue)) }
        tokens += query.facets.filter { $0.name != CatalogueQuery.reservedFacet }.map {
            CatalogueIndex.facetToken($0.name, $0.value)
        }
        if let language = query.language {
            tokens.append(CatalogueIndex.facetToken(CatalogueIndex.textLanguage, language.rawValue))
        }
        return (["{name description} : (\(text))"] + tokens.map { "{facets} : \"\($0)\"" }).joined(separator: " AND ")
    }

    /// Full-text search, ranked a window at a time (`defaultSearchWindow`). The matches are read in
    /// descending text-row order — FTS5's own order, which it reads without ranking what it
    /// skips — with their BM25 rank (names weigh ten times descriptions); a window is its first
    /// `size` rows, extended to the end of the last entry's rows (an entry's text rows
    /// are written together, so no entry spans two windows). Each entry is kept at its best
    /// row, the window's entries are ordered by (rank, text row), and the next window follows
    /// when a page needs more. Kind, facets and language are in the match itself; a condition
    /// on the entry index's own columns is checked in the same statement. Snippets are made for
    /// the rows of the page only.
    static func search(
        _ match: String, text: String, filter: Filter, after position: SearchPosition?, limit: Int, window size: Int,
        rank: String = "entryText.rank", db: Database
    ) throws -> CataloguePage {
        let index = filter.conditions.isEmpty ? "" : "JOIN entryIndex e ON e.kind = r.kind AND e.id = r.id"
        let ranked = try db.cachedStatement(
            sql: """
                SELECT entryText.rowid AS rowid, \(rank) AS rank, r.kind AS kind, r.id AS id
                FROM entryText JOIN entryTextRow r ON r.rowid = entryText.rowid \(index)
                WHERE \((["entryText MATCH ?", "entryText.rowid <= ?"] + filter.conditions).joined(separator: " AND "))
                ORDER BY entryText.rowid DESC
                """)
        struct Hit {
            var kind: String
            var id: String
            var rank: Double
            var textRow: Int64
            var window: Int64
        }
        var hits: [Hit] = []
        var window: Int64? = position?.window ?? Int64.max
        while hits.count <= limit, let top = window {
            var arguments: StatementArguments = [match, top]
            arguments += filter.arguments
            let rows = try Row.fetchCursor(ranked, arguments: arguments)
            var best: [EntryKey: Hit] = [:]
            var read = 0
            var last: EntryKey?
            window = nil
            while let row = try rows.next() {
                let key = EntryKey(kind: row["kind"], id: row["id"])
                let textRow: Int64 = row["rowid"]
                if read >= size, key != last {
                    window = textRow
                    break
                }
                read += 1
                last = key
                let hit = Hit(kind: key.kind, id: key.id, rank: row["rank"], textRow: textRow, window: top)
                if let kept = best[key], (kept.rank, kept.textRow) <= (hit.rank, hit.textRow) { continue }
                best[key] = hit
            }
            for hit in best.values.sorted(by: { ($0.rank, $0.textRow) < ($1.rank, $1.textRow) }) {
                if let position, position.window == top, (hit.rank, hit.textRow) <= (position.rank, position.textRow) {
                    continue
                }
                hits.append(hit)
                if hits.count > limit { break }
            }
        }
        let page = Array(hits.prefix(limit))
        let snippets = try snippets(of: page.map(\.textRow), text: text, db: db)
        let indexRow = try db.cachedStatement(
            sql: "SELECT kind, id, names, region, lighthouse, updatedTime FROM entryIndex WHERE kind = ? AND id = ?")
        var items: [CataloguePage.Item] = []
        for hit in page {
            guard let row = try Row.fetchOne(indexRow, arguments: [hit.kind, hit.id]) else { continue }
            items.append(item(row, snippet: snippets[hit.textRow]))
        }
        let next =
            hits.count > limit
            ? page.last.map { Cursor.search(window: $0.window, rank: $0.rank, textRow: $0.textRow).text } : nil
        return CataloguePage(items: items, next: next)
    }

    /// The snippets of text rows `rows` for the words of `text`, made in one pass over the
    /// matches between the first and the last of them. A statement per row (`rowid = ?`) set up
    /// the whole match each time — for a prefix, all its words' lists: 0.5 ms a row at 20,000
    /// entries, two thirds of a search.
    static func snippets(
        of rows: [Int64], text: String, db: Database
    ) throws -> [Int64: (text: String, language: String)] {
        guard let first = rows.min(), let last = rows.max() else { return [:] }
        var arguments: StatementArguments = StatementArguments(rows)
        arguments += ["{name description} : (\(text))", first, last]
        let found = try Row.fetchCursor(
            db,
            sql: """
                SELECT rowid, language, CASE WHEN rowid IN (\(rows.map { _ in "?" }.joined(separator: ", ")))
                    THEN snippet(entryText, -1, char(1), char(2), '…', 16) END AS snippet
                FROM entryText WHERE entryText MATCH ? AND rowid BETWEEN ? AND ?
                """, arguments: arguments)
        var snippets: [Int64: (text: String, language: String)] = [:]
        while let row = try found.next() {
            if let snippet: String = row["snippet"] { snippets[row["rowid"]] = (snippet, row["language"]) }
        }
        return snippets
    }

    /// A page item from an entry index row.
    static func item(_ row: Row, snippet: (text: String, language: String)?) -> CataloguePage.Item {
        let namesText: String = row["names"]
        let names = (try? JSONDecoder().decode([String: String].self, from: Data(namesText.utf8))) ?? [:]
        return CataloguePage.Item(
            kind: row["kind"], id: row["id"], names: names, region: row["region"], lighthouse: row["lighthouse"],
            updated: row["updatedTime"], snippet: snippet.map { snippetParts($0.text) },
            snippetLanguage: snippet?.language)
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
    /// search the last item's window, rank and best text row.
    enum Cursor {
        case listing(kind: String, id: String)
        case search(window: Int64, rank: Double, textRow: Int64)
        case sorted(sort: String, key: String, kind: String, id: String)

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
            case "s" where parts.count == 4:
                guard let window = Int64(parts[1]), let rank = Double(parts[2]), rank.isFinite,
                    let textRow = Int64(parts[3])
                else { fallthrough }
                self = .search(window: window, rank: rank, textRow: textRow)
            case "o" where parts.count == 5:
                self = .sorted(sort: parts[1], key: parts[2], kind: parts[3], id: parts[4])
            default:
                throw QueryError(message: "the cursor is not one this node handed out")
            }
        }

        var text: String {
            let plain =
                switch self {
                case .listing(let kind, let id): "l\n\(kind)\n\(id)"
                case .search(let window, let rank, let textRow): "s\n\(window)\n\(rank)\n\(textRow)"
                case .sorted(let sort, let key, let kind, let id): "o\n\(sort)\n\(key)\n\(kind)\n\(id)"
                }
            return Data(plain.utf8).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
    }
}
