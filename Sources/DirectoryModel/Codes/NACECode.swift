/// An economic activity in NACE Rev. 2, the EU's classification of sectors: a section letter
/// (`C`), a division (`16`), a group (`16.2`) or a class (`16.23`).
///
/// Written forms with a section prefix (`C16.23`, `C 16.23`) are accepted when the letter
/// matches the division, and normalised to the numeric code.
public struct NACECode: CatalogueCode {
    public let rawValue: String

    public init(parsing text: String) throws(FormatError) {
        let form = "a NACE Rev. 2 code (section letter A–U, or 16, 16.2, 16.23)"
        var code = text.trimmed.uppercased()
        if code.utf8.count == 1 {
            guard NACESection(letter: code) != nil else { throw FormatError(value: text, isNot: form) }
            rawValue = code
            return
        }
        var statedSection: String?
        if let first = code.unicodeScalars.first, first.isASCIILetter {
            statedSection = String(first)
            code = String(code.dropFirst()).trimmed
        }
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].utf8.count == 2, String(parts[0]).isASCIIDigits else {
            throw FormatError(value: text, isNot: form)
        }
        if parts.count == 2 {
            guard (1...2).contains(parts[1].utf8.count), String(parts[1]).isASCIIDigits else {
                throw FormatError(value: text, isNot: form)
            }
        }
        guard let section = NACESection(division: String(parts[0])) else {
            throw FormatError(
                "\(text.quotedForMessage) is not a NACE Rev. 2 code: \(String(parts[0]).quotedForMessage) is not a NACE division"
            )
        }
        if let statedSection, statedSection != section.letter {
            throw FormatError(
                "\(text.quotedForMessage) is not a NACE Rev. 2 code: division \(parts[0]) belongs to section \(section.letter), not \(statedSection)"
            )
        }
        rawValue = code
    }

    /// The section the code belongs to (`C` for `16.23`).
    public var section: NACESection {
        if rawValue.utf8.count == 1 {
            return NACESection(letter: rawValue) ?? NACESection.all[0]
        }
        return NACESection(division: String(rawValue.prefix(2))) ?? NACESection.all[0]
    }

    /// The division (`16` for `16.23`), or `nil` for a bare section.
    public var division: String? {
        rawValue.utf8.count == 1 ? nil : String(rawValue.prefix(2))
    }

    /// The division with its title (`16` Manufacture of wood …), or `nil` for a bare section.
    public var namedDivision: NACEDivision? {
        division.flatMap(NACEDivision.init(code:))
    }

    /// Whether `self` lies in the branch of `other` (`16.23` within `16.2`, `16` and `C`).
    public func isWithin(_ other: NACECode) -> Bool {
        if other.rawValue.utf8.count == 1 { return section.letter == other.rawValue }
        return rawValue.hasPrefix(other.rawValue)
    }
}
