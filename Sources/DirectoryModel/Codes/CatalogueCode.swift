/// A value from an established classification (NUTS, CPV, NACE, ISO 3166, BCP 47 …) or a checked
/// form (e-mail, URL, phone), held in its normalised text form.
///
/// A code can only be made by parsing, so a value of the type is always well-formed; parsing says
/// exactly why a text is not one. On the wire a code is its `rawValue` string.
public protocol CatalogueCode: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The normalised text, e.g. `AT12`, `39162100-6`, `de-AT`.
    var rawValue: String { get }

    /// Parses and normalises `text`, or says why it is not well-formed.
    init(parsing text: String) throws(FormatError)
}

extension CatalogueCode {
    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension Unicode.Scalar {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIIAlphanumeric: Bool { isASCIIDigit || isASCIILetter }
}

extension String {
    var isASCIIDigits: Bool { !isEmpty && unicodeScalars.allSatisfy(\.isASCIIDigit) }
    var isASCIILetters: Bool { !isEmpty && unicodeScalars.allSatisfy(\.isASCIILetter) }
    var isASCIIAlphanumerics: Bool { !isEmpty && unicodeScalars.allSatisfy(\.isASCIIAlphanumeric) }

    /// The text with leading and trailing white space removed; codes are compared trimmed.
    var trimmed: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
