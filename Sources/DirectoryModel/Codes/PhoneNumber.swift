import Foundation

/// A telephone number in international form: `+`, country code and number, optionally grouped
/// with spaces, hyphens, slashes, dots or parentheses (`+43 2742 123 45`, `+36 (96) 123-456`).
///
/// The international form is required because the catalogue crosses borders: a Hungarian buyer
/// cannot dial an Austrian `0664 …` number. The Austrian habit of writing the trunk prefix as
/// `(0)` is accepted and dropped from `e164`.
public struct PhoneNumber: CatalogueCode {
    public let rawValue: String

    public init(parsing text: String) throws(FormatError) {
        let number = text.trimmed
        guard number.hasPrefix("+") else {
            throw FormatError(
                value: text,
                isNot: "a phone number in international form: start with + and the country code (e.g. +43 2742 123456)")
        }
        let allowed = Set(" -/.()".unicodeScalars)
        let body = number.dropFirst().replacingOccurrences(of: "(0)", with: "")
        guard number.utf8.count <= 40,
            body.unicodeScalars.allSatisfy({ $0.isASCIIDigit || allowed.contains($0) }),
            body.unicodeScalars.first?.isASCIIDigit == true
        else {
            throw FormatError(value: text, isNot: "a phone number (digits with spaces, -, /, . or parentheses)")
        }
        let digits = body.unicodeScalars.filter(\.isASCIIDigit).count
        guard (7...15).contains(digits) else {
            throw FormatError(
                value: text, isNot: "a phone number: it must have 7 to 15 digits including the country code")
        }
        guard body.unicodeScalars.first != "0" else {
            throw FormatError(value: text, isNot: "a phone number: a country code never starts with 0")
        }
        rawValue = number
    }

    /// The number in E.164 form, digits only after the `+` (`+43274212345`), for `tel:` links.
    public var e164: String {
        "+"
            + String(
                String.UnicodeScalarView(
                    rawValue.dropFirst().replacingOccurrences(of: "(0)", with: "").unicodeScalars.filter(\.isASCIIDigit)
                ))
    }
}
