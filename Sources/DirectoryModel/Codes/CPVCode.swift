/// A code of the Common Procurement Vocabulary (Regulation (EC) 213/2008), the EU's vocabulary
/// for what public buyers purchase: eight digits, a hyphen and a check digit, e.g. `39162100-6`.
///
/// The check digit's algorithm is not published, so only the form is checked, together with the
/// division (the first two digits), which must be one of the vocabulary's 45 divisions.
public struct CPVCode: CatalogueCode {
    public let rawValue: String

    public init(parsing text: String) throws(FormatError) {
        let code = text.trimmed
        let scalars = Array(code.unicodeScalars)
        guard scalars.count == 10, scalars[8] == "-",
            scalars[0..<8].allSatisfy(\.isASCIIDigit), scalars[9].isASCIIDigit
        else {
            throw FormatError(value: text, isNot: "a CPV code (8 digits, hyphen, check digit)")
        }
        let division = String(code.prefix(2))
        guard CPVDivision(code: division) != nil else {
            throw FormatError(
                "\(text.quotedForMessage) is not a CPV code: \(division.quotedForMessage) is not a CPV division")
        }
        rawValue = code
    }

    /// The eight digits without the check digit.
    public var digits: String { String(rawValue.prefix(8)) }

    /// The division (first two digits), the coarsest level, used for facets and matching.
    public var division: CPVDivision {
        // Parsing guarantees a known division.
        CPVDivision(code: String(rawValue.prefix(2))) ?? CPVDivision(uncheckedCode: String(rawValue.prefix(2)))
    }

    /// The code's significant prefix: its digits without trailing zeros (`391621` for
    /// `39162100-6`). A code is more specific than another when it starts with that prefix.
    public var significantDigits: Substring {
        let digits = rawValue.prefix(8)
        var end = digits.endIndex
        while end > digits.index(digits.startIndex, offsetBy: 2), digits[digits.index(before: end)] == "0" {
            end = digits.index(before: end)
        }
        return digits[..<end]
    }

    /// Whether `self` lies in the branch of `other` (`39162100-6` lies within `39000000-2`).
    public func isWithin(_ other: CPVCode) -> Bool {
        digits.hasPrefix(other.significantDigits)
    }
}
