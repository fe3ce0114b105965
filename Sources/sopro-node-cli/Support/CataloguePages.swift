import Foundation

/// Reads `GET /v1/entries` page after page (following `next`) until `limit` items.
enum CataloguePages {
    static func items(
        at connection: NodeConnection, query: [(String, String?)], limit: Int
    ) async throws -> (items: [[String: Any]], more: Bool) {
        var items: [[String: Any]] = []
        var cursor: String?
        repeat {
            let page = min(500, limit - items.count)
            let path = "/v1/entries" + queryString(query + [("limit", "\(page)"), ("cursor", cursor)])
            let data = try await connection.get(path) ?? Data()
            let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            items += json?["items"] as? [[String: Any]] ?? []
            cursor = json?["next"] as? String
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
    static func name(of item: [String: Any], language: String? = nil) -> String {
        let names = item["names"] as? [String: String] ?? [:]
        for candidate in [language, "de", "en", "hu"].compactMap({ $0 }) {
            if let name = names[candidate] { return name }
        }
        return names.sorted { $0.key < $1.key }.first?.value ?? ""
    }

    /// The snippet with its matches in «guillemets».
    static func snippet(of item: [String: Any]) -> String {
        (item["snippet"] as? [[String: Any]] ?? []).map { part in
            let text = (part["text"] as? String ?? "").replacingOccurrences(of: "\n", with: " ")
            return part["match"] as? Bool == true ? "«\(text)»" : text
        }.joined()
    }
}
