import CatalogueStore
import DirectoryModel
import Foundation
import NodeAPI

/// What every page shares: the language, links that keep it, and the labels of vocabulary
/// terms, regions, kinds and facet values in that language. Builds the dictionaries the
/// Mustache templates render (every value is escaped by the template; nothing here is HTML).
struct PageContext {
    let language: LanguageTag
    /// Whether the request chose the language (`?lang=`), rather than the browser's
    /// `Accept-Language` (then the page varies by that header).
    let languageIsExplicit: Bool
    /// The request's path and query, for the language switch and `hreflang` alternates.
    let path: String
    let query: [(String, String)]
    /// Where readers reach this node, for the links that must be absolute (sitemap, feeds).
    let address: PublicAddress

    /// A link to `path` with `parameters` and this page's language.
    func href(_ path: String, _ parameters: [(String, String)] = []) -> String {
        Self.href(path, parameters + [("lang", language.rawValue)])
    }

    static func href(_ path: String, _ parameters: [(String, String)]) -> String {
        let query = URLQuery.encode(parameters.map { ($0.0, $0.1) })
        return query.isEmpty ? path : path + "?" + query
    }

    /// A number in the page's language's notation (`12,5` in German, `12.5` in English), with at
    /// most `fractionDigits` decimals and none when it is whole.
    func number(_ value: Decimal, fractionDigits: Int = 2) -> String {
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: language.rawValue)
        formatter.numberStyle = .decimal
        formatter.minimumFractionDigits = 0
        formatter.maximumFractionDigits = fractionDigits
        return formatter.string(from: NSDecimalNumber(decimal: value)) ?? "\(value)"
    }

    func text(_ key: String, _ values: [String: String] = [:]) -> String {
        InterfaceText.text(key, language, values)
    }

    /// The values every template uses: strings, language switch, alternates, navigation.
    func base(title: String) -> [String: Any] {
        let others = query.filter { $0.0 != "lang" && $0.0 != "cursor" }
        return [
            "t": InterfaceText.templateValues(in: language),
            "lang": language.rawValue,
            "title": title,
            "homeHref": href("/"),
            "searchHref": "/search",
            "federationHref": href("/federation"),
            "feedHref": href("/feed.atom"),
            "languages": InterfaceText.languages.map { tag -> [String: Any] in
                [
                    // Each language by its own name, capitalised as a menu item ("Magyar").
                    "code": tag.rawValue, "label": InterfaceText.text("language.\(tag.rawValue)", tag).capitalizedFirst,
                    "href": Self.href(path, others + [("lang", tag.rawValue)]), "current": tag == language,
                ]
            },
            "alternates": InterfaceText.languages.map { tag -> [String: Any] in
                ["hreflang": tag.rawValue, "href": Self.href(path, others + [("lang", tag.rawValue)])]
            },
        ]
    }

    /// A text in the page's language, or another with a marker saying which.
    func localized(_ text: LocalizedText) -> [String: Any]? {
        guard let resolved = text.resolved(preferring: [language]) else { return nil }
        var value: [String: Any] = ["text": resolved.text, "lang": resolved.language.rawValue]
        if resolved.isFallback {
            value["fallback"] = self.text(
                "fallbackMarker",
                ["language": InterfaceText.text("language.\(resolved.language.language)", language)])
        }
        return value
    }

    func localized(_ names: [String: String]) -> [String: Any]? {
        var text = LocalizedText()
        for (code, name) in names {
            if let tag = try? LanguageTag(parsing: code) { text[tag] = name }
        }
        return localized(text)
    }

    func label(_ text: LocalizedText?) -> String? {
        text?.resolved(preferring: [language])?.text
    }

    func regionLabel(_ code: String?) -> String {
        guard let code else { return text("noRegion") }
        guard let nuts = try? NUTSCode(parsing: code), let name = label(nuts.label) else { return code }
        return "\(name) (\(code))"
    }

    /// The label of a facet value: a region's name, a vocabulary term's, a CPV division's …
    func facetValueLabel(_ facet: String, _ value: String) -> String {
        switch facet {
        case "kind": return text("kind.\(value)")
        case "region", "deliveryArea": return regionLabel(value)
        case "socialModel": return label(SocialModel(rawValue: value)?.label) ?? value
        case "targetGroup": return label(TargetGroup(rawValue: value)?.label) ?? value
        case "sustainability": return label(SustainabilityAttribute(rawValue: value)?.label) ?? value
        case "productType": return label(ProductType(rawValue: value)?.label) ?? value
        case "contracting": return label(ContractingMethod(rawValue: value)?.label) ?? value
        case "reserved": return value == "eligible" ? text("reservedFacetEligible") : value
        case "category":
            if let division = CPVDivision(code: value), let name = label(division.label) {
                return value.count == 2 ? "\(value) \(name)" : value
            }
            return value
        case "sector":
            if let section = NACESection(letter: value), let name = label(section.label) { return "\(value) \(name)" }
            if let code = try? NACECode(parsing: value), let name = label(code.namedDivision?.label) {
                return "\(value) \(name)"
            }
            return value
        default: return value
        }
    }

    /// A result card: name (marked when in another language), kind, region, snippet.
    func card(_ item: CataloguePage.Item) -> [String: Any] {
        var card: [String: Any] = [
            "href": href("/\(item.kind)/\(item.id)"),
            "kind": text("kindOne.\(item.kind)"),
            "kindCode": item.kind,
            "lighthouse": item.lighthouse,
            "updated": Self.date(item.updated),
        ]
        card["name"] = localized(item.names) ?? ["text": item.id]
        card["region"] = item.region.map(regionLabel)
        if let snippet = item.snippet {
            card["snippet"] = snippet.map { ["text": $0.text, "match": $0.match] }
            // A snippet in another language than the page's says which (WCAG 3.1.2).
            if let language = item.snippetLanguage, language != self.language.rawValue {
                card["snippetLang"] = language
            }
        }
        return card
    }

    /// An uploaded picture for a page: the rendition that fits a `box` pixels square (`src`,
    /// one of `PictureIntake.renditionWidths`), shown at most half the box wide and high so it
    /// is sharp on dense screens, never larger than its pixels (`width`, `height`: set so the
    /// page does not move as it loads), the stored picture (`full`) and its alternative text in
    /// the page's language (`altLang` when another language's).
    func picture(_ picture: PictureReference, box: Int) -> [String: Any]? {
        guard let info = picture.stored else { return nil }
        let size = PictureInfo.fitted(width: info.width, height: info.height, maximumSide: box / 2)
        var value: [String: Any] = [
            "src": "/v1/pictures/\(info.sha256.rawValue)?width=\(box)",
            "full": "/v1/pictures/\(info.sha256.rawValue)",
            "width": size.width, "height": size.height,
        ]
        if let alt = localized(picture.alt) {
            value["alt"] = alt["text"]
            if alt["fallback"] != nil { value["altLang"] = alt["lang"] }
        } else {
            value["alt"] = ""
        }
        return value
    }

    /// A day, as ISO 8601 (`2026-11-29`): read the same in every language.
    static func date(_ milliseconds: Int64) -> String {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000).formatted(.iso8601.year().month().day())
    }

    /// A day and time in UTC (`2026-11-29 14:03 UTC`), for the federation page.
    static func dateTime(_ milliseconds: Int64) -> String {
        let text = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            .formatted(.iso8601.year().month().day().dateTimeSeparator(.space).time(includingFractionalSeconds: false))
        return text.prefix(16) + " UTC"
    }

    /// The same moment for a `<time datetime>` attribute: `2026-12-03T13:33:05Z` (the shown
    /// text, with its " UTC", is not a date-time HTML can read).
    static func machineDateTime(_ milliseconds: Int64) -> String {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000).formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
    }
}

extension String {
    /// The first letter in upper case, the rest as it is.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
