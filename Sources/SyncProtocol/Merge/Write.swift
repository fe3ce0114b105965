/// One value written by an operation, with its provenance: who (author and editor) and when.
public struct Write: Hashable, Sendable, Codable {
    public var tag: WriteTag
    public var hlc: HLCTimestamp
    public var editor: String
    public var value: SyncValue

    public init(tag: WriteTag, hlc: HLCTimestamp, editor: String, value: SyncValue) {
        self.tag = tag
        self.hlc = hlc
        self.editor = editor
        self.value = value
    }

    /// Last-writer-wins order: by clock, then author id, then seq and operation index (which
    /// only matter for two writes of one change).
    public static func precedes(_ lhs: Write, _ rhs: Write) -> Bool {
        (lhs.hlc, lhs.tag) < (rhs.hlc, rhs.tag)
    }

    var digestValue: SyncValue {
        [
            "tag": .string(tag.rawValue), "hlc": [.integer(hlc.time), .integer(hlc.counter)],
            "editor": .string(editor), "value": value,
        ]
    }
}

extension SyncValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int64.self) {
            self = .integer(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let values = try? container.decode([SyncValue].self) {
            self = .array(values)
        } else {
            self = .object(try container.decode([String: SyncValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .integer(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .array(let values): try container.encode(values)
        case .object(let fields): try container.encode(fields)
        }
    }
}
