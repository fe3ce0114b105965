import DirectoryModel
import GRDB
import SyncProtocol
import Testing

@testable import CatalogueStore

/// A search ranks its matches a window at a time. Whatever the window, paging through a search
/// shows every matching entry once; with a window larger than the matches the order is the
/// plain BM25 order of the whole match (the search as it was, ranking everything).
@Suite struct SearchWindowTests {
    static let texts = ["werkstatt", "holz", "reparatur", "gebrauchter", "service", "műhely", "druck"]

    /// Every page of a search, `limit` items at a time.
    static func pages(_ query: CatalogueQuery, store: SQLiteChangeStore, limit: Int) async throws -> [String] {
        var query = query
        query.limit = limit
        var ids: [String] = []
        for _ in 0..<200 {
            let page = try await store.entries(matching: query)
            ids += page.items.map { "\($0.kind)/\($0.id)" }
            guard let next = page.next else { return ids }
            query.cursor = next
        }
        Issue.record("a search did not end after 200 pages")
        return ids
    }

    @Test func everyWindowShowsEveryMatchOnce() async throws {
        let key = NodeKey()
        let whole = try SQLiteChangeStore.inMemory()
        let narrow = try SQLiteChangeStore.inMemory(searchWindow: 3)
        let tiny = try SQLiteChangeStore.inMemory(searchWindow: 1)
        for store in [whole, narrow, tiny] { _ = try await SampleNode.make(key: key, store: store) }
        for text in Self.texts {
            for language in [nil, LanguageTag.german] {
                var query = CatalogueQuery()
                query.text = text
                query.language = language
                let all = try await whole.entries(
                    matching: {
                        var q = query; q.limit = 500; return q
                    }()
                ).items
                    .map { "\($0.kind)/\($0.id)" }
                if language == nil { #expect(all.count >= 3, "\(text): \(all.count) matches") }
                for limit in [1, 2, 7] {
                    #expect(try await Self.pages(query, store: whole, limit: limit) == all, "\(text) by \(limit)")
                    for store in [narrow, tiny] {
                        let paged = try await Self.pages(query, store: store, limit: limit)
                        #expect(paged.count == Set(paged).count, "\(text) by \(limit): an entry shown twice")
                        #expect(Set(paged) == Set(all), "\(text) by \(limit): not the same entries")
                    }
                }
                // With every match in one window, the order is the rank's over the whole match.
                let fixed = query
                let expression = try await whole.writer.read { db in
                    try SQLiteChangeStore.matchExpression(
                        text: SQLiteChangeStore.textExpression(SearchWords.words(of: text), db: db), query: fixed)
                }
                let rows = try await whole.writer.read { db in
                    try Row.fetchAll(
                        db,
                        sql: """
                            SELECT r.kind, r.id, soproRank(entryText) AS rank, entryText.rowid AS row FROM entryText
                            JOIN entryTextRow r ON r.rowid = entryText.rowid WHERE entryText MATCH ?
                            """, arguments: [expression])
                }
                var best: [String: (Double, Int64)] = [:]
                for row in rows {
                    let key = "\(row["kind"] as String)/\(row["id"] as String)"
                    let candidate = (row["rank"] as Double, row["row"] as Int64)
                    if let kept = best[key], kept <= candidate { continue }
                    best[key] = candidate
                }
                let ranked = best.sorted { ($0.value.0, $0.value.1) < ($1.value.0, $1.value.1) }.map(\.key)
                #expect(all == ranked, "\(text): not in rank order")
            }
        }
    }
}
