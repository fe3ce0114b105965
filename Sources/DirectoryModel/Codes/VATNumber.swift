/// An EU VAT identification number: the country prefix and the national number, written without
/// separators (`ATU12345678`, `HU12345678`). Spaces, dots and hyphens in the input are dropped.
///
/// The partnership's own countries are checked exactly (Austria `ATU` + 8 digits, Hungary `HU` +
/// 8 digits, Germany `DE` + 9 digits); other EU prefixes are checked for their general shape.
public struct VATNumber: CatalogueCode {
    public let rawValue: String

    public init(parsing text: String) throws(FormatError) {
        let number = String(
            String.UnicodeScalarView(
                text.uppercased().unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "." && $0 != "-" }))
        let prefix = String(number.prefix(2))
        let rest = String(number.dropFirst(2))
        guard Self.prefixes.contains(prefix) else {
            throw FormatError(
                value: text, isNot: "a VAT number: it must start with an EU country prefix (e.g. ATU, HU)")
        }
        let valid: Bool
        switch prefix {
        case "AT":
            valid = rest.hasPrefix("U") && rest.dropFirst().utf8.count == 8 && String(rest.dropFirst()).isASCIIDigits
        case "HU": valid = rest.utf8.count == 8 && rest.isASCIIDigits
        case "DE": valid = rest.utf8.count == 9 && rest.isASCIIDigits
        default: valid = (2...12).contains(rest.utf8.count) && rest.isASCIIAlphanumerics
        }
        guard valid else {
            let form =
                switch prefix {
                case "AT": "ATU and 8 digits"
                case "HU": "HU and 8 digits"
                case "DE": "DE and 9 digits"
                default: "\(prefix) and 2 to 12 letters or digits"
                }
            throw FormatError(value: text, isNot: "a VAT number (\(form))")
        }
        rawValue = number
    }

    /// VAT prefixes of the EU member states (Greece uses EL) and Northern Ireland (XI).
    static let prefixes: Set<String> = [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT",
        "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI",
    ]
}
