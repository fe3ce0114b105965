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
        for item in QualityList([header]).accepted {
            if let tag = try? LanguageTag(parsing: item.value), let match = supported(tag) { return match }
        }
        return nil
    }

    private static func supported(_ tag: LanguageTag) -> LanguageTag? {
        InterfaceText.languages.first { $0.language == tag.language }
    }
}
