import Foundation

/// A parsed entry document before it becomes a typed entry: the shape YAML and JSON share.
///
/// Entry files and API bodies are first read into this tree, then into the model by
/// `EntryDecoding`, which can report *every* problem with its path instead of stopping at the
/// first, as `Decodable` would. Numbers keep the text they were written with, so `0100` stays a
/// valid postal code and a price keeps its decimals exactly.
public enum DocumentValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// A number as written, e.g. `42`, `-3.5`, `1e3`.
    case number(String)
    case string(String)
    case list([DocumentValue])
    case object(DocumentObject)

    /// What the value is, in words for an error message ("found a list").
    public var typeDescription: String {
        switch self {
        case .null: "nothing (null)"
        case .bool(let value): "\(value)"
        case .number(let text): "the number \(text)"
        case .string: "text"
        case .list: "a list"
        case .object: "a map of fields"
        }
    }

    public subscript(key: String) -> DocumentValue? {
        if case .object(let object) = self { object[key] } else { nil }
    }
}

/// An object of a document: fields in the order they were written.
public struct DocumentObject: Hashable, Sendable, ExpressibleByDictionaryLiteral {
    public private(set) var keys: [String] = []
    private var values: [String: DocumentValue] = [:]

    public init() {}

    public init(dictionaryLiteral elements: (String, DocumentValue)...) {
        for (key, value) in elements { self[key] = value }
    }

    public init(_ pairs: [(String, DocumentValue)]) {
        for (key, value) in pairs { self[key] = value }
    }

    public var isEmpty: Bool { keys.isEmpty }
    public var count: Int { keys.count }

    /// The fields in written order.
    public var fields: [(key: String, value: DocumentValue)] {
        keys.compactMap { key in values[key].map { (key, $0) } }
    }

    /// Setting `nil` removes a field; setting an existing key keeps its position.
    public subscript(key: String) -> DocumentValue? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public static func == (lhs: DocumentObject, rhs: DocumentObject) -> Bool {
        lhs.values == rhs.values
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(values)
    }
}

extension DocumentValue: Codable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: Key.self) {
            var object = DocumentObject()
            for key in container.allKeys {
                object[key.stringValue] = try container.decode(DocumentValue.self, forKey: key)
            }
            self = .object(object)
        } else if var container = try? decoder.unkeyedContainer() {
            var list: [DocumentValue] = []
            while !container.isAtEnd {
                list.append(try container.decode(DocumentValue.self))
            }
            self = .list(list)
        } else {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Int64.self) {
                self = .number(String(value))
            } else if let value = try? container.decode(Decimal.self) {
                self = .number("\(value)")
            } else if let value = try? container.decode(Double.self) {
                self = .number("\(value)")
            } else {
                self = .string(try container.decode(String.self))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .number(let text):
            var container = encoder.singleValueContainer()
            if let integer = Int64(text) {
                try container.encode(integer)
            } else if let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) {
                try container.encode(decimal)
            } else {
                try container.encode(text)
            }
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .list(let values):
            var container = encoder.unkeyedContainer()
            for value in values { try container.encode(value) }
        case .object(let object):
            var container = encoder.container(keyedBy: Key.self)
            for (key, value) in object.fields {
                try container.encode(value, forKey: Key(stringValue: key))
            }
        }
    }
}
