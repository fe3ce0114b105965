import GRDB
import GRDBSQLite

/// `soproRank(entryText)`: the rank a search orders a window of matches by (lower is better,
/// as FTS5 ranks) — BM25 over names (weight 10) and descriptions (weight 1), with the length of
/// a text row's name and description against the average, and every phrase weighing the same.
///
/// FTS5's own `bm25()` also weighs each phrase by its IDF, and finds each phrase's document
/// frequency by a pass over all of its rows once per statement: at 200,000 entries 5 ms for
/// "holz" (60,000 rows), most of a search once only a window of 1,000 rows is ranked, and
/// growing with the catalogue. A search's phrases are the forms of its words, every one of
/// which a result must match (an OR of forms per word), so an IDF would mostly weigh one form
/// of a word against another; this rank costs only the row it ranks. The facets column does
/// not count in a row's length (its tokens are filters, not text).
///
/// Registered on each connection of a store opened by `SQLiteChangeStore.open` or `inMemory`
/// (`prepareDatabase`); a store on connections made elsewhere ranks by `bm25()`.
enum FullTextRank {
    static let name = "soproRank"
    static let nameColumn: Int32 = 3
    static let descriptionColumn: Int32 = 4
    static let k1 = 1.2
    static let b = 0.75

    static func register(_ db: Database) {
        let api = FTS5.api(db)
        _ = api.pointee.xCreateFunction(UnsafeMutablePointer(mutating: api), name, nil, rank, nil)
    }

    /// The rank of a text row in a statement on `entryText`: this one where the store's
    /// connections have it, else FTS5's configured `bm25()`.
    static func expression(registered: Bool) -> String {
        registered ? "\(name)(entryText)" : "entryText.rank"
    }

    static let rank: fts5_extension_function = { api, fts, context, _, _ in
        guard let api, let fts, let context else { return }
        let functions = api.pointee
        var instances: Int32 = 0
        guard let instanceCount = functions.xInstCount, let instance = functions.xInst,
            let phraseCount = functions.xPhraseCount, let columnSize = functions.xColumnSize,
            let totalSize = functions.xColumnTotalSize, let rowCount = functions.xRowCount,
            instanceCount(fts, &instances) == SQLITE_OK
        else {
            sqlite3_result_error(context, "soproRank: the full-text index cannot be read", -1)
            return
        }
        var frequencies = [Double](repeating: 0, count: Int(max(phraseCount(fts), 0)))
        for index in 0..<instances {
            var phrase: Int32 = 0
            var column: Int32 = 0
            var offset: Int32 = 0
            guard instance(fts, index, &phrase, &column, &offset) == SQLITE_OK,
                frequencies.indices.contains(Int(phrase))
            else { continue }
            if column == nameColumn { frequencies[Int(phrase)] += 10 }
            if column == descriptionColumn { frequencies[Int(phrase)] += 1 }
        }
        var nameLength: Int32 = 0
        var descriptionLength: Int32 = 0
        var rows: Int64 = 0
        var names: Int64 = 0
        var descriptions: Int64 = 0
        _ = columnSize(fts, nameColumn, &nameLength)
        _ = columnSize(fts, descriptionColumn, &descriptionLength)
        _ = rowCount(fts, &rows)
        _ = totalSize(fts, nameColumn, &names)
        _ = totalSize(fts, descriptionColumn, &descriptions)
        let average = max(Double(names + descriptions) / Double(max(rows, 1)), 1)
        let length = Double(nameLength + descriptionLength)
        let norm = k1 * (1 - b + b * length / average)
        var score = 0.0
        for frequency in frequencies where frequency > 0 {
            score += frequency * (k1 + 1) / (frequency + norm)
        }
        sqlite3_result_double(context, -score)
    }
}
