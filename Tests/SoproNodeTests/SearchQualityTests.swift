import CatalogueStore
import DirectoryModel
import Foundation
import GRDB
import SyncProtocol
import Testing
import Yams

@testable import SoproNode

/// Search against what a buyer is looking for: buyer searches in German, English and Hungarian
/// over the sample catalogue (`Fixtures/search-expert-set.yaml`) with the trades each is meant
/// to find, and precision and recall over the enterprises found. The same searches are run the
/// way the search read them before compounds and endings were understood (each word whole, the
/// last as a prefix), so the figures show what that brought. The floors are the figures reached
/// (docs/benchmarks.md); a change that makes search worse fails here.
@Suite struct SearchQualityTests {
    struct ExpertSet: Decodable {
        var trades: [String: [String]]
        var queries: [Query]
    }

    struct Query: Decodable {
        var text: String
        var language: String
        var trades: [String]
    }

    static func expertSet() throws -> ExpertSet {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/search-expert-set.yaml")
        return try YAMLDecoder().decode(ExpertSet.self, from: String(contentsOf: url, encoding: .utf8))
    }

    struct Figures {
        var precision = 0.0
        var recall = 0.0
        var answered = 0
        var queries = 0
        var misses: [String] = []

        mutating func add(_ text: String, found: [String], relevant: Set<String>) {
            queries += 1
            let hits = found.filter(relevant.contains).count
            if !found.isEmpty {
                answered += 1
                precision += Double(hits) / Double(found.count)
            }
            recall += Double(hits) / Double(relevant.count)
            if hits < relevant.count || hits < found.count {
                misses.append("\(text): \(hits) of \(relevant.count) found, \(found.count - hits) others")
            }
        }

        /// Precision over the searches that found something; recall over all.
        var summary: (precision: Double, recall: Double) {
            (answered == 0 ? 0 : precision / Double(answered), recall / Double(queries))
        }
    }

    /// The search as it was: each word whole and quoted, the last as a prefix, in names and
    /// descriptions of the query's language, enterprises only, ranked by BM25.
    static func plainSearch(_ text: String, language: String, store: SQLiteChangeStore) async throws -> [String] {
        let words = text.split(separator: " ")
        let expression = words.enumerated().map { index, word in
            "\"\(word)\"" + (index == words.count - 1 ? "*" : "")
        }.joined(separator: " ")
        return try await store.writer.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT r.id FROM entryText JOIN entryTextRow r ON r.rowid = entryText.rowid
                    WHERE entryText MATCH ? AND r.kind = 'enterprise' AND entryText.language = ?
                    ORDER BY entryText.rank LIMIT 20
                    """, arguments: ["{name description} : (\(expression))", language])
        }
    }

    @Test func expertSetPrecisionAndRecall() async throws {
        let store = try SQLiteChangeStore.inMemory()
        _ = try await SampleNode.make(key: NodeKey(), store: store)
        let set = try Self.expertSet()
        #expect(set.queries.count >= 30)
        var byLanguage: [String: Figures] = [:]
        var all = Figures()
        var plain = Figures()
        for query in set.queries {
            let relevant = Set(query.trades.flatMap { set.trades[$0] ?? [] })
            #expect(!relevant.isEmpty, "\(query.text): unknown trade")
            var search = CatalogueQuery()
            search.text = query.text
            search.kind = .enterprise
            search.language = try LanguageTag(parsing: query.language)
            search.limit = 20
            let found = try await store.entries(matching: search).items.map(\.id)
            all.add(query.text, found: found, relevant: relevant)
            byLanguage[query.language, default: Figures()].add(query.text, found: found, relevant: relevant)
            let before = try await Self.plainSearch(query.text, language: query.language, store: store)
            plain.add(query.text, found: before, relevant: relevant)
        }
        for (language, figures) in byLanguage.sorted(by: { $0.key < $1.key }) {
            print(
                String(
                    format: "search quality %@: precision %.3f, recall %.3f (%d searches)", language,
                    figures.summary.precision, figures.summary.recall, figures.queries))
        }
        print(
            String(
                format:
                    "search quality, all: precision %.3f, recall %.3f; each word whole: precision %.3f, recall %.3f",
                all.summary.precision, all.summary.recall, plain.summary.precision, plain.summary.recall))
        for miss in all.misses { print("  not quite: \(miss)") }
        #expect(all.summary.recall >= 0.85)
        #expect(all.summary.precision >= 0.85)
        #expect(all.summary.recall > plain.summary.recall + 0.3)
    }
}
