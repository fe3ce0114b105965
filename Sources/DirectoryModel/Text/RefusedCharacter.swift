/// A character no text field takes (docs/protocol.md, "Text rules"), found in a text: which
/// scalar and what kind of character it is, for a message such as `contains U+202E (a bidi
/// control)`.
///
/// Refused everywhere: controls (C0, DEL, C1) except tab and line breaks in multi-line texts;
/// U+2028 and U+2029 (a multi-line text breaks lines with a line feed); bidi controls (U+061C,
/// U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), which reorder the text around them so that
/// what is shown is not what is stored; invisible characters that no language of the catalogue
/// needs (U+200B, U+2060–U+2064, U+206A–U+206F, U+FEFF); and noncharacters (U+FDD0–U+FDEF and
/// the last two of every plane, U+FFFE, U+FFFF, U+1FFFE …), which XML cannot carry.
///
/// Kept on purpose: the zero-width joiner and non-joiner (U+200D, U+200C; emoji sequences and
/// several scripts need them, and German typography uses the non-joiner to break a ligature),
/// the soft hyphen (U+00AD, hyphenation points in long compounds), variation selectors (❤️) and
/// tag characters (subdivision flags), private-use and unassigned code points (a newer Unicode
/// may assign them). Unpaired surrogates cannot occur in a Swift string.
public struct RefusedCharacter: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        case lineBreak = "a line break"
        case control = "a control character"
        case separator = "a line or paragraph separator; break lines with a line feed"
        case bidiControl = "a bidi control"
        case invisible = "an invisible character"
        case noncharacter = "a noncharacter"
    }

    public let scalar: Unicode.Scalar
    public let kind: Kind

    /// `U+202E`.
    public var codePoint: String { "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4) }

    /// `U+202E (a bidi control)`.
    public var description: String { "\(codePoint) (\(kind.rawValue))" }

    /// The first refused character of `text`; `multiline` allows line feeds, carriage returns
    /// and tabs.
    public static func first(in text: String, multiline: Bool) -> RefusedCharacter? {
        for scalar in text.unicodeScalars {
            if let kind = kind(of: scalar, multiline: multiline) { return RefusedCharacter(scalar: scalar, kind: kind) }
        }
        return nil
    }

    /// Why `scalar` is refused, or `nil` when it is not.
    static func kind(of scalar: Unicode.Scalar, multiline: Bool) -> Kind? {
        let value = scalar.value
        // Printable ASCII first: nearly every scalar of a real text.
        if value >= 0x20 && value < 0x7F { return nil }
        switch scalar.properties.generalCategory {
        case .control:
            if scalar == "\n" || scalar == "\r" { return multiline ? nil : .lineBreak }
            if scalar == "\t" { return multiline ? nil : .control }
            return .control
        case .lineSeparator, .paragraphSeparator:
            return .separator
        default:
            break
        }
        if scalar.properties.isBidiControl { return .bidiControl }
        if value == 0x200B || (0x2060...0x2064).contains(value) || (0x206A...0x206F).contains(value) || value == 0xFEFF
        {
            return .invisible
        }
        if scalar.properties.isNoncharacterCodePoint { return .noncharacter }
        return nil
    }
}
