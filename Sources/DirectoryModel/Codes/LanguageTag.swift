import Foundation

/// A BCP 47 language tag (RFC 5646), e.g. `de`, `hu`, `en`, `de-AT`, `sr-Latn-RS`.
///
/// Well-formedness is checked against the RFC's syntax and the tag is put in its canonical case
/// (`de-AT`, `zh-Hant`), so `DE-at` and `de-AT` are the same language in every map.
public struct LanguageTag: CatalogueCode {
    public let rawValue: String

    public static let german = LanguageTag(known: "de")
    public static let hungarian = LanguageTag(known: "hu")
    public static let english = LanguageTag(known: "en")

    /// The catalogue's first-class languages, in the order they are offered.
    public static let catalogueLanguages: [LanguageTag] = [german, hungarian, english]

    init(known tag: String) { rawValue = tag }

    public init(parsing text: String) throws(FormatError) {
        let candidate = text.trimmed.replacingOccurrences(of: "_", with: "-")
        guard let canonical = Self.canonicalForm(of: candidate) else {
            throw FormatError(value: text, isNot: "a BCP 47 language tag (e.g. de, hu, en, de-AT)")
        }
        rawValue = canonical
    }

    /// The primary language subtag: `de` for `de-AT`.
    public var language: String {
        String(rawValue.prefix { $0 != "-" })
    }

    /// The tag reduced to its primary language, as a fallback step (`de-AT` → `de`).
    public var primary: LanguageTag {
        LanguageTag(known: language)
    }

    /// Checks the RFC 5646 `langtag` / `privateuse` production and returns the tag in canonical
    /// case, or `nil` when it is not well-formed.
    private static func canonicalForm(of text: String) -> String? {
        guard !text.isEmpty, text.utf8.count <= 64 else { return nil }
        let subtags = text.lowercased().split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard subtags.allSatisfy({ (1...8).contains($0.utf8.count) && $0.isASCIIAlphanumerics }) else { return nil }

        var output: [String] = []
        var index = 0
        func current() -> String? { index < subtags.count ? subtags[index] : nil }

        if subtags[0] == "x" {
            // A private-use tag: x-…
            guard subtags.count > 1 else { return nil }
            return subtags.joined(separator: "-")
        }
        // language: 2–3 letters (ISO 639), + up to three extlang. RFC 5646 also reserves 5–8
        // letters for future registrations, but none exist, and accepting them would let
        // `deutsch` or `english` pass as tags.
        let language = subtags[0]
        guard language.isASCIILetters, (2...3).contains(language.utf8.count) else { return nil }
        output.append(language)
        index = 1
        var extlangs = 0
        while let subtag = current(), subtag.utf8.count == 3, subtag.isASCIILetters, extlangs < 3 {
            output.append(subtag)
            extlangs += 1
            index += 1
        }
        // script: 4 letters, title case.
        if let subtag = current(), subtag.utf8.count == 4, subtag.isASCIILetters {
            output.append(subtag.prefix(1).uppercased() + subtag.dropFirst())
            index += 1
        }
        // region: 2 letters or 3 digits, upper case.
        if let subtag = current(),
            (subtag.utf8.count == 2 && subtag.isASCIILetters) || (subtag.utf8.count == 3 && subtag.isASCIIDigits)
        {
            output.append(subtag.uppercased())
            index += 1
        }
        // variants: 5–8 alphanumerics, or 4 starting with a digit; no repeats.
        var variants: Set<String> = []
        while let subtag = current(),
            subtag.utf8.count >= 5 || (subtag.utf8.count == 4 && subtag.unicodeScalars.first?.isASCIIDigit == true)
        {
            guard variants.insert(subtag).inserted else { return nil }
            output.append(subtag)
            index += 1
        }
        // extensions: a singleton other than x, then one or more 2–8 character subtags.
        var singletons: Set<String> = []
        while let subtag = current(), subtag.utf8.count == 1, subtag != "x" {
            guard singletons.insert(subtag).inserted else { return nil }
            output.append(subtag)
            index += 1
            var count = 0
            while let part = current(), part.utf8.count >= 2 {
                output.append(part)
                index += 1
                count += 1
            }
            guard count > 0 else { return nil }
        }
        // private use: x followed by one or more subtags.
        if let subtag = current(), subtag == "x" {
            index += 1
            guard current() != nil else { return nil }
            output.append("x")
            while let part = current() {
                output.append(part)
                index += 1
            }
        }
        guard index == subtags.count else { return nil }
        return output.joined(separator: "-")
    }
}
