import CatalogueStore
import Foundation
import NodeClient

/// Reads `GET /v1/entries` page after page (following `next`) until `limit` items.
enum CataloguePages {
    /// What `--json` prints: the items, as the node sends them.
    struct Listing: Encodable {
        var items: [CataloguePage.Item]
    }

    static func items(
        at connection: NodeConnection, query: [(String, String?)], limit: Int
    ) async throws -> (items: [CataloguePage.Item], more: Bool) {
        var items: [CataloguePage.Item] = []
        var cursor: String?
        repeat {
            let size = min(500, limit - items.count)
            let page = try await connection.run {
                try await $0.entries(query + [("limit", "\(size)"), ("cursor", cursor)])
            }
            items += page.items
            cursor = page.next
        } while cursor != nil && items.count < limit
        return (items, cursor != nil)
    }

    /// The line under a table: how many are shown, and how to see more when more match.
    static func countLine(_ count: Int, more: Bool, singular: String, plural: String, limit: Int) -> String {
        let shown = "\(count) \(count == 1 ? singular : plural)"
        guard more else { return shown }
        return
            "\(shown) shown; more match — narrow the search, or show more with --limit (up to 10000; now \(limit))"
    }

    /// The name to show: in `language` if there is one, else German, English, Hungarian, any.
    static func name(of item: CataloguePage.Item, language: String? = nil) -> String {
        let names = item.names
        for candidate in [language, "de", "en", "hu"].compactMap({ $0 }) {
            if let name = names[candidate] { return name }
        }
        return names.sorted { $0.key < $1.key }.first?.value ?? ""
    }

    /// The snippet with its matches in «guillemets».
    static func snippet(of item: CataloguePage.Item) -> String {
        (item.snippet ?? []).map { part in
            let text = part.text.replacingOccurrences(of: "\n", with: " ")
            return part.match ? "«\(text)»" : text
        }.joined()
    }
}
