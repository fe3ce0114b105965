/// An ISO 4217 currency code: three upper-case letters (`EUR`, `HUF`).
///
/// The form is checked, and a short list of the currencies the partnership trades in is known
/// by name; any other three-letter code is accepted as written.
public struct CurrencyCode: CatalogueCode {
    public let rawValue: String

    public init(parsing text: String) throws(FormatError) {
        let code = text.trimmed.uppercased()
        guard code.utf8.count == 3, code.isASCIILetters else {
            throw FormatError(value: text, isNot: "an ISO 4217 currency code (three letters, e.g. EUR)")
        }
        rawValue = code
    }

    public static let euro = CurrencyCode(known: "EUR")
    public static let forint = CurrencyCode(known: "HUF")

    init(known code: String) { rawValue = code }
}
