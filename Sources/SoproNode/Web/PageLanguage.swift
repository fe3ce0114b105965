import DirectoryModel
import Foundation

/// The language a page is shown in: `?lang=` when given (and one of German, Hungarian,
/// English), else the best of the browser's `Accept-Language`, else German.
enum PageLanguage {
    static let fallback: LanguageTag = .german

    static func choose(query: String?, acceptLanguage: String?) -> (language: LanguageTag, explicit: Bool) {
        if let query, let tag = try? LanguageTag(parsing: query), let match = supported(tag) {
            return (match, true)
        }
        return (preferred(acceptLanguage) ?? fallback, false)
    }

    /// The supported language a request's `Accept-Language` ranks highest (q-values honoured,
    /// `de-AT` counting as `de`).
    static func preferred(_ header: String?) -> LanguageTag? {
        guard let header else { return nil }
        var ranked: [(tag: LanguageTag, quality: Double, position: Int)] = []
        for (position, item) in header.split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = parts.first, let tag = try? LanguageTag(parsing: name), let match = supported(tag)
            else { continue }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if quality > 0 { ranked.append((match, quality, position)) }
        }
        return ranked.sorted { ($0.quality, -$0.position) > ($1.quality, -$1.position) }.first?.tag
    }

    private static func supported(_ tag: LanguageTag) -> LanguageTag? {
        InterfaceText.languages.first { $0.language == tag.language }
    }
}
