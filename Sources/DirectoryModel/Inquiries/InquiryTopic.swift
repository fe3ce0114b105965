/// The catalogue entry an inquiry asks about ("ask about this" on its page): written
/// `kind/id`, e.g. `product/0192f3a4-5b6c-7d8e-9f01-23456789abcd`.
public struct InquiryTopic: Hashable, Sendable, Codable, CustomStringConvertible {
    public var kind: EntryKind
    public var id: EntryID

    public init(kind: EntryKind, id: EntryID) {
        self.kind = kind
        self.id = id
    }

    /// Reads `kind/id`; the message names what is wrong.
    public init(parsing text: String) throws(FormatError) {
        let parts = text.trimmed.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let kind = EntryKind(rawValue: String(parts[0])) else {
            throw FormatError(value: text, isNot: "an entry (kind/id, e.g. product/<id>)")
        }
        self.kind = kind
        self.id = try EntryID(parsing: String(parts[1]))
    }

    public var description: String { "\(kind.rawValue)/\(id.rawValue)" }
}
