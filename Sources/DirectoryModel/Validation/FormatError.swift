/// Why a piece of text is not a well-formed code, URL, e-mail address or number.
///
/// The message names the value and the expected form, e.g.
/// `"3916210" is not a CPV code (8 digits, hyphen, check digit)`, so it reads well after a path.
public struct FormatError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    /// A message of the common shape: the quoted value, then what it is not.
    public init(value: String, isNot expectation: String) {
        self.message = "\(value.quotedForMessage) is not \(expectation)"
    }

    public var description: String { message }
}

extension String {
    /// The value as it appears in an error message: quoted, shortened, control characters escaped.
    package var quotedForMessage: String {
        var result = "\""
        for scalar in unicodeScalars.prefix(80) {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        if unicodeScalars.count > 80 { result += "…" }
        return result + "\""
    }
}
