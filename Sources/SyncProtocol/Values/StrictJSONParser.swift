/// Why payload bytes are not acceptable JSON, with the byte offset where parsing stopped.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public let offset: Int
    public let message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { "\(message) at byte \(offset)" }
}

/// A strict JSON parser (RFC 8259) for signed payloads.
///
/// Signed bytes must mean the same thing to every implementation, so anything parsers disagree
/// on is refused instead of guessed: invalid UTF-8, duplicate object keys, unpaired surrogate
/// escapes, numbers with a fraction or exponent or beyond ±2⁵³, nesting deeper than `maximumDepth`.
public struct StrictJSONParser {
    public var maximumDepth = 32
    /// Accept every RFC 8259 number (read as 0): for checking the structure of documents that
    /// are not payloads — request bodies whose decimals a decoder reads — for duplicate members
    /// and the other ambiguities, without their numbers' meaning.
    public var acceptingAnyNumber = false

    public init() {}

    /// A parser that checks structure only (see `acceptingAnyNumber`).
    public static var structureOnly: StrictJSONParser {
        var parser = StrictJSONParser()
        parser.acceptingAnyNumber = true
        parser.maximumDepth = 64
        return parser
    }

    public func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> SyncValue {
        try parseMeasuring(bytes).value
    }

    /// Parses and also reports the longest string (value or member name) in bytes, which
    /// payload limits need, without a second walk over the value.
    public func parseMeasuring(
        _ bytes: some Collection<UInt8>
    ) throws(JSONParseError) -> (
        value: SyncValue, longestString: Int
    ) {
        let buffer = Array(bytes)
        var scanner = Scanner(bytes: buffer, maximumDepth: maximumDepth, acceptingAnyNumber: acceptingAnyNumber)
        try scanner.validateUTF8()
        scanner.skipWhitespace()
        let value = try scanner.parseValue(depth: 0)
        scanner.skipWhitespace()
        guard scanner.index == buffer.count else { throw scanner.error("unexpected content after the JSON value") }
        return (value, scanner.longestString)
    }

    private struct Scanner {
        let bytes: [UInt8]
        let maximumDepth: Int
        let acceptingAnyNumber: Bool
        var index = 0
        var longestString = 0

        init(bytes: [UInt8], maximumDepth: Int, acceptingAnyNumber: Bool) {
            self.bytes = bytes
            self.maximumDepth = maximumDepth
            self.acceptingAnyNumber = acceptingAnyNumber
        }

        /// Skips an RFC 8259 number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
        mutating func skipNumber() throws(JSONParseError) {
            func digits() throws(JSONParseError) {
                let start = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
                guard index > start else { throw error("expected digits") }
            }
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count else { throw error("expected digits") }
            if bytes[index] == UInt8(ascii: "0") { index += 1 } else { try digits() }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                try digits()
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    index += 1
                }
                try digits()
            }
        }

        func error(_ message: String) -> JSONParseError {
            JSONParseError(offset: index, message: message)
        }

        func validateUTF8() throws(JSONParseError) {
            // Fast path: the standard library's validation; the offset is only searched for
            // when the input is invalid.
            if String(validating: bytes, as: UTF8.self) != nil { return }
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            var offset = 0
            while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): offset += UTF8.width(scalar)
                case .emptyInput: return
                case .error: throw JSONParseError(offset: offset, message: "invalid UTF-8")
                }
            }
        }

        mutating func skipWhitespace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func parseValue(depth: Int) throws(JSONParseError) -> SyncValue {
            guard index < bytes.count else { throw error("unexpected end of input") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                guard depth < maximumDepth else { throw error("nesting deeper than \(maximumDepth) levels") }
                return try parseObject(depth: depth + 1)
            case UInt8(ascii: "["):
                guard depth < maximumDepth else { throw error("nesting deeper than \(maximumDepth) levels") }
                return try parseArray(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
            case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
            case UInt8(ascii: "n"): try expectLiteral("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if acceptingAnyNumber {
                    try skipNumber()
                    return .integer(0)
                }
                return .integer(try parseInteger())
            default: throw error("unexpected character")
            }
        }

        mutating func expectLiteral(_ literal: String) throws(JSONParseError) {
            let expected = Array(literal.utf8)
            guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
                throw error("unexpected character")
            }
            index += expected.count
        }

        mutating func parseObject(depth: Int) throws(JSONParseError) -> SyncValue {
            index += 1
            var fields: [String: SyncValue] = [:]
            fields.reserveCapacity(8)
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(fields)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw error("expected a member name in quotes")
                }
                let keyOffset = index
                let key = try parseString()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
                index += 1
                skipWhitespace()
                guard fields.updateValue(try parseValue(depth: depth), forKey: key) == nil else {
                    throw JSONParseError(offset: keyOffset, message: "duplicate member \"\(key.prefix(64))\"")
                }
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of input in an object") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard bytes[index] == UInt8(ascii: "}") else { throw error("expected ',' or '}'") }
                index += 1
                return .object(fields)
            }
        }

        mutating func parseArray(depth: Int) throws(JSONParseError) -> SyncValue {
            index += 1
            var values: [SyncValue] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(values)
            }
            while true {
                skipWhitespace()
                values.append(try parseValue(depth: depth))
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of input in an array") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard bytes[index] == UInt8(ascii: "]") else { throw error("expected ',' or ']'") }
                index += 1
                return .array(values)
            }
        }

        mutating func parseInteger() throws(JSONParseError) -> Int64 {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            let digitsStart = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            let digitCount = index - digitsStart
            guard digitCount > 0 else { throw error("expected digits") }
            if digitCount > 1 && bytes[digitsStart] == UInt8(ascii: "0") {
                throw JSONParseError(offset: digitsStart, message: "a number may not start with 0")
            }
            // `-0` is the integer 0 written a second way: refused, so a number has one spelling.
            if digitsStart > start && digitCount == 1 && bytes[digitsStart] == UInt8(ascii: "0") {
                throw JSONParseError(offset: start, message: "-0 is not an integer of its own; write 0")
            }
            if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) {
                throw JSONParseError(
                    offset: start, message: "numbers must be integers; write fractional values as strings")
            }
            guard digitCount <= 16, let number = Int64(String(decoding: bytes[start..<index], as: UTF8.self)),
                abs(number) <= SyncValue.maximumInteger
            else {
                throw JSONParseError(offset: start, message: "integer beyond ±2^53")
            }
            return number
        }

        mutating func parseString() throws(JSONParseError) -> String {
            index += 1
            // Fast path: no escapes, so the bytes (already valid UTF-8) are the string.
            var end = index
            while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"),
                bytes[end] >= 0x20
            {
                end += 1
            }
            if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
                longestString = max(longestString, end - index)
                let text = String(decoding: bytes[index..<end], as: UTF8.self)
                index = end + 1
                return text
            }
            var scalars = String.UnicodeScalarView()
            var runStart = index
            func flush(_ end: Int) {
                if end > runStart {
                    scalars.append(contentsOf: String(decoding: bytes[runStart..<end], as: UTF8.self).unicodeScalars)
                }
            }
            while true {
                guard index < bytes.count else { throw error("unterminated string") }
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    flush(index)
                    index += 1
                    let text = String(scalars)
                    longestString = max(longestString, text.utf8.count)
                    return text
                case UInt8(ascii: "\\"):
                    flush(index)
                    index += 1
                    guard index < bytes.count else { throw error("unterminated escape") }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""): scalars.append("\"")
                    case UInt8(ascii: "\\"): scalars.append("\\")
                    case UInt8(ascii: "/"): scalars.append("/")
                    case UInt8(ascii: "b"): scalars.append("\u{8}")
                    case UInt8(ascii: "f"): scalars.append("\u{C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"):
                        let unit = try parseHex4()
                        if (0xD800...0xDBFF).contains(unit) {
                            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                                bytes[index + 1] == UInt8(ascii: "u")
                            else { throw error("unpaired surrogate escape") }
                            index += 2
                            let low = try parseHex4()
                            guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate escape") }
                            let value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                            guard let scalar = Unicode.Scalar(value) else { throw error("invalid escape") }
                            scalars.append(scalar)
                        } else {
                            guard let scalar = Unicode.Scalar(unit) else { throw error("unpaired surrogate escape") }
                            scalars.append(scalar)
                        }
                    default:
                        throw error("invalid escape")
                    }
                    runStart = index
                case 0x00..<0x20:
                    throw error("control character in a string; escape it")
                default:
                    index += 1
                }
            }
        }

        mutating func parseHex4() throws(JSONParseError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw error("invalid \\u escape") }
            var value: UInt32 = 0
            for byte in bytes[index..<index + 4] {
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw error("invalid \\u escape")
                }
                value = value * 16 + digit
            }
            index += 4
            return value
        }
    }
}
