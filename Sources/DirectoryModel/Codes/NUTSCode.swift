/// A NUTS region code (Nomenclature of Territorial Units for Statistics): a two-letter country
/// code followed by up to three characters, one per level — `AT` (country), `AT1` (NUTS 1),
/// `AT12` (NUTS 2, Niederösterreich), `AT123` (NUTS 3, Sankt Pölten).
///
/// Any well-formed code of a NUTS country is accepted, so entries from outside the partnership
/// can be described too; the partnership's own regions carry labels (`NUTSCode+Labels.swift`).
public struct NUTSCode: CatalogueCode {
    public let rawValue: String

    public init(parsing text: String) throws(FormatError) {
        let code = text.trimmed.uppercased()
        let form = "a NUTS code (country code and up to 3 letters or digits, e.g. AT12)"
        guard (2...5).contains(code.utf8.count), code.isASCIIAlphanumerics else {
            throw FormatError(value: text, isNot: form)
        }
        let country = String(code.prefix(2))
        guard country.isASCIILetters else {
            throw FormatError(value: text, isNot: form)
        }
        guard Self.countries.contains(country) else {
            throw FormatError(
                "\(text.quotedForMessage) is not a NUTS code: \(country.quotedForMessage) is not a NUTS country")
        }
        rawValue = code
    }

    init(known code: String) { rawValue = code }

    /// 1 for `AT1`, 2 for `AT12`, 3 for `AT123`; 0 for a whole country.
    public var level: Int { rawValue.utf8.count - 2 }

    /// The two-letter NUTS country (`EL` for Greece, as NUTS writes it).
    public var country: String { String(rawValue.prefix(2)) }

    /// The region one level up, or `nil` for a country.
    public var parent: NUTSCode? {
        level == 0 ? nil : NUTSCode(known: String(rawValue.dropLast()))
    }

    /// Whether `self` is `other` or lies inside it (`AT123` is within `AT12`, `AT1` and `AT`).
    public func isWithin(_ other: NUTSCode) -> Bool {
        rawValue.hasPrefix(other.rawValue)
    }

    public static let burgenland = NUTSCode(known: "AT11")
    public static let niederoesterreich = NUTSCode(known: "AT12")
    public static let wien = NUTSCode(known: "AT13")
    public static let steiermark = NUTSCode(known: "AT22")
    public static let nyugatDunantul = NUTSCode(known: "HU22")

    /// The NUTS 2 regions of the partnership, in the order the partners list them.
    public static let partnership: [NUTSCode] = [
        burgenland, niederoesterreich, wien, steiermark, nyugatDunantul,
    ]

    /// Countries of the NUTS classification (EU members with `EL` for Greece, EFTA, candidates
    /// and the United Kingdom's former codes).
    static let countries: Set<String> = [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE",
        "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
        "CH", "IS", "LI", "NO", "UK", "AL", "ME", "MK", "RS", "TR", "BA", "XK", "UA", "MD", "GE",
    ]
}
