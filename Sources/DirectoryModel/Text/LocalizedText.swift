/// Human text in several languages: a map from language to string.
///
/// German, Hungarian and English are the catalogue's first-class languages, but any BCP 47
/// language may be added (a Croatian or Slovak description, say). Each language is its own value,
/// so a translation added in one region never overwrites another language written elsewhere.
public struct LocalizedText: Hashable, Sendable, Codable, ExpressibleByDictionaryLiteral {
    /// The texts by language. Empty texts are kept here so validation can point at them.
    public var values: [LanguageTag: String]

    public init(_ values: [LanguageTag: String] = [:]) {
        self.values = values
    }

    public init(dictionaryLiteral elements: (LanguageTag, String)...) {
        self.values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public var isEmpty: Bool { values.isEmpty }

    /// The languages present, in a stable order: de, hu, en first, then the others by tag.
    public var languages: [LanguageTag] {
        values.keys.sorted(by: Self.catalogueOrder)
    }

    public subscript(language: LanguageTag) -> String? {
        get { values[language] }
        set { values[language] = newValue }
    }

    /// Fallback languages tried after the reader's own preferences.
    public static let defaultFallback: [LanguageTag] = [.english, .german, .hungarian]

    /// The text in the best available language, and whether that is a fallback.
    public struct Resolved: Hashable, Sendable {
        public var text: String
        public var language: LanguageTag
        /// True when `language` is not the language the reader asked for first, so a page can
        /// mark the text ("shown in German").
        public var isFallback: Bool

        public init(text: String, language: LanguageTag, isFallback: Bool) {
            self.text = text
            self.language = language
            self.isFallback = isFallback
        }
    }

    /// Picks the text for a reader who prefers `preferred` (most wanted first).
    ///
    /// The order: each preferred tag exactly; then its primary language (`de-AT` → `de`) and any
    /// regional form of it (`de` → `de-AT`); then `fallback` (English, German, Hungarian); then any
    /// remaining language in a stable order. Empty texts are skipped. Returns `nil` only when no
    /// language has text.
    public func resolved(
        preferring preferred: [LanguageTag], fallback: [LanguageTag] = LocalizedText.defaultFallback
    ) -> Resolved? {
        let available = languages.filter { !(values[$0]?.trimmed.isEmpty ?? true) }
        guard !available.isEmpty else { return nil }
        let wanted = preferred.first?.language
        func result(_ tag: LanguageTag) -> Resolved {
            Resolved(text: values[tag] ?? "", language: tag, isFallback: tag.language != wanted)
        }
        for tag in preferred {
            if available.contains(tag) { return result(tag) }
            if available.contains(tag.primary) { return result(tag.primary) }
            if let regional = available.first(where: { $0.language == tag.language }) { return result(regional) }
        }
        for tag in fallback {
            if let match = available.first(where: { $0 == tag })
                ?? available.first(where: { $0.language == tag.language })
            {
                return result(match)
            }
        }
        return result(available[0])
    }

    /// Convenience for one language: `text.resolved(preferring: [.hungarian])?.text`.
    public func text(preferring language: LanguageTag) -> String? {
        resolved(preferring: [language])?.text
    }

    static func catalogueOrder(_ lhs: LanguageTag, _ rhs: LanguageTag) -> Bool {
        let rank = { (tag: LanguageTag) -> Int in
            LanguageTag.catalogueLanguages.firstIndex(of: tag) ?? LanguageTag.catalogueLanguages.count
        }
        let (left, right) = (rank(lhs), rank(rhs))
        return left != right ? left < right : lhs.rawValue < rhs.rawValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode([String: String].self)
        var values: [LanguageTag: String] = [:]
        for (key, text) in raw {
            do {
                values[try LanguageTag(parsing: key)] = text
            } catch {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
            }
        }
        self.values = values
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) }))
    }
}
