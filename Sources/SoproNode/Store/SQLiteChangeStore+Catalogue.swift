import DirectoryModel
import Foundation
import GRDB

extension SQLiteChangeStore {
    /// Lists or searches visible entries. Without `text` the order is (kind, id); with it, by
    /// relevance (BM25) and then (kind, id). Cursors make the order stable across pages.
    public func entries(matching query: CatalogueQuery) async throws -> CataloguePage {
        let limit = min(max(query.limit, 1), 500)
        let cursor = try query.cursor.map(Cursor.init(parsing:))
        let matchExpression = try query.text.map(Self.matchExpression)
        return try await writer.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            var from = "entryIndex e"
            var prefix = ""
            var rankColumn = "0.0"
            var textRowColumn = "NULL"
            var order = "e.kind, e.id"  // the primary key's order: a page stops early
            if let matchExpression {
                // MATERIALIZED keeps SQLite from flattening the FTS query into the aggregate,
                // where bm25() cannot run. Snippets are made afterwards, for the page only.
                let languageCondition = query.language == nil ? "" : "AND language = ?"
                prefix = """
                    WITH hits AS MATERIALIZED (
                        SELECT rowid AS textRow, kind, id, bm25(entryText, 0, 0, 0, 10.0, 1.0) AS rank
                        FROM entryText WHERE entryText MATCH ? \(languageCondition)
                    )
                    """
                from = """
                    (SELECT kind, id, MIN(rank) AS rank, textRow FROM hits GROUP BY kind, id) m
                    JOIN entryIndex e ON e.kind = m.kind AND e.id = m.id
                    """
                arguments += [matchExpression]
                if let language = query.language { arguments += [language.rawValue] }
                rankColumn = "m.rank"
                textRowColumn = "m.textRow"
                order = "rank, e.kind, e.id"
            }
            if let kind = query.kind {
                conditions.append("e.kind = ?")
                arguments += [kind.rawValue]
            }
            for facet in query.facets {
                conditions.append(
                    "EXISTS (SELECT 1 FROM entryFacet f WHERE f.kind = e.kind AND f.id = e.id AND f.facet = ? AND f.value = ?)"
                )
                arguments += [facet.name, facet.value]
            }
            if let lighthouse = query.lighthouse {
                conditions.append("e.lighthouse = ?")
                arguments += [lighthouse]
            }
            if let since = query.updatedSince {
                conditions.append("e.updatedTime >= ?")
                arguments += [since]
            }
            if let cursor {
                if matchExpression == nil {
                    conditions.append("(e.kind, e.id) > (?, ?)")
                    arguments += [cursor.kind, cursor.id]
                } else {
                    conditions.append("(\(rankColumn), e.kind, e.id) > (?, ?, ?)")
                    arguments += [cursor.rank, cursor.kind, cursor.id]
                }
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let sql = """
                \(prefix)
                SELECT e.kind, e.id, e.names, e.region, e.lighthouse, e.updatedTime, \(rankColumn) AS rank,
                       \(textRowColumn) AS textRow
                FROM \(from) \(whereClause)
                ORDER BY \(order) LIMIT \(limit + 1)
                """
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            var snippets: [Int64: String] = [:]
            if let matchExpression {
                let textRows = rows.prefix(limit).compactMap { $0["textRow"] as Int64? }
                if !textRows.isEmpty {
                    let placeholders = Array(repeating: "?", count: textRows.count).joined(separator: ",")
                    var snippetArguments: StatementArguments = [matchExpression]
                    snippetArguments += StatementArguments(textRows)
                    for row in try Row.fetchAll(
                        db,
                        sql: """
                            SELECT rowid, snippet(entryText, -1, char(1), char(2), '…', 16) AS snippet FROM entryText
                            WHERE entryText MATCH ? AND rowid IN (\(placeholders))
                            """, arguments: snippetArguments)
                    {
                        snippets[row["rowid"]] = row["snippet"]
                    }
                }
            }
            var items: [CataloguePage.Item] = []
            for row in rows.prefix(limit) {
                let namesText: String = row["names"]
                let names = (try? JSONDecoder().decode([String: String].self, from: Data(namesText.utf8))) ?? [:]
                items.append(
                    CataloguePage.Item(
                        kind: row["kind"], id: row["id"], names: names, region: row["region"],
                        lighthouse: row["lighthouse"],
                        updated: row["updatedTime"],
                        snippet: (row["textRow"] as Int64?).flatMap { snippets[$0] }.map(Self.snippetParts)))
            }
            var next: String?
            if rows.count > limit, let last = rows.prefix(limit).last {
                next = Cursor(rank: last["rank"], kind: last["kind"], id: last["id"]).text
            }
            return CataloguePage(items: items, next: next)
        }
    }

    /// Each word quoted (so no user input is read as FTS syntax); the last as a prefix.
    static func matchExpression(_ text: String) throws -> String {
        // Control characters (NUL among them) are dropped; quotes would end an FTS string.
        let cleaned = String(
            String.UnicodeScalarView(text.unicodeScalars.filter { $0.properties.generalCategory != .control }))
        let words = cleaned.split(whereSeparator: { $0.isWhitespace || $0 == "\"" }).map(String.init).filter {
            !$0.isEmpty
        }
        guard !words.isEmpty else { throw QueryError(message: "the search text has no words") }
        guard words.count <= 20, text.count <= 500 else {
            throw QueryError(message: "the search text is too long (at most 20 words)")
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

    /// A page boundary: the last item's rank, kind and id, base64url-encoded.
    struct Cursor {
        var rank: Double
        var kind: String
        var id: String

        init(rank: Double, kind: String, id: String) {
            self.rank = rank
            self.kind = kind
            self.id = id
        }

        init(parsing text: String) throws {
            var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            while base64.count % 4 != 0 { base64 += "=" }
            guard let data = Data(base64Encoded: base64), let decoded = String(data: data, encoding: .utf8) else {
                throw QueryError(message: "the cursor is not one this node handed out")
            }
            let parts = decoded.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, let rank = Double(parts[0]) else {
                throw QueryError(message: "the cursor is not one this node handed out")
            }
            self.init(rank: rank, kind: parts[1], id: parts[2])
        }

        var text: String {
            Data("\(rank)\n\(kind)\n\(id)".utf8).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
    }
}
