/// A value in a change payload: JSON without fractional numbers.
///
/// Numbers are integers in the range JSON parsers agree on (±2⁵³); anything fractional (a
/// latitude, a price) travels as a decimal string. That keeps every value's canonical form —
/// needed for set elements and the state digest — trivial to reproduce in any language.
public enum SyncValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case string(String)
    case array([SyncValue])
    case object([String: SyncValue])

    /// The largest magnitude an integer may have (2⁵³ − 1), as in I-JSON (RFC 7493).
    public static let maximumInteger: Int64 = 9_007_199_254_740_991

    public var string: String? {
        if case .string(let text) = self { text } else { nil }
    }

    public var integer: Int64? {
        if case .integer(let number) = self { number } else { nil }
    }

    public var bool: Bool? {
        if case .bool(let flag) = self { flag } else { nil }
    }

    public var array: [SyncValue]? {
        if case .array(let values) = self { values } else { nil }
    }

    public var object: [String: SyncValue]? {
        if case .object(let fields) = self { fields } else { nil }
    }

    public subscript(key: String) -> SyncValue? {
        object?[key]
    }

    /// A short name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

extension SyncValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: SyncValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }

    public init(dictionaryLiteral elements: (String, SyncValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
