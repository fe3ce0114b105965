/// A value written on the wire as one string (author ids, change ids, tags), parsed with a
/// `SyncError` that says what is wrong.
public protocol SyncIdentifier: Hashable, Sendable, Codable, CustomStringConvertible {
    var rawValue: String { get }
    init(parsing text: String) throws(SyncError)
}

extension SyncIdentifier {
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            try self.init(parsing: try container.decode(String.self))
        } catch let error as SyncError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
