import Foundation

/// A header list of values with q-values (`Accept-Language: hu-HU, hu;q=0.9, en;q=0.5`,
/// `Accept-Encoding: br, gzip;q=0.8`), as RFC 9110 writes them.
struct QualityList {
    struct Item {
        /// The value as written, without parameters.
        var value: String
        /// 0…1; 1 when not given.
        var quality: Double
        /// Position in the header, for ties.
        var position: Int
    }

    let items: [Item]

    /// Parses every header line given (a list may be split over several fields).
    init(_ headers: [String]) {
        var items: [Item] = []
        for element in headers.flatMap({ $0.split(separator: ",") }) {
            let parts = element.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let value = parts.first, !value.isEmpty else { continue }
            let quality =
                parts.dropFirst().first { $0.lowercased().hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            items.append(Item(value: value, quality: quality, position: items.count))
        }
        self.items = items
    }

    /// The values a client accepts (q above 0), most wanted first, ties in header order.
    var accepted: [Item] {
        items.filter { $0.quality > 0 }.sorted { ($0.quality, -$0.position) > ($1.quality, -$1.position) }
    }
}
