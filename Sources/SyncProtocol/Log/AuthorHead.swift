/// The last change held from one author: what the next change must follow.
public struct AuthorHead: Hashable, Sendable, Codable {
    public var seq: UInt64
    public var id: ChangeID
    public var hlc: HLCTimestamp

    public init(seq: UInt64, id: ChangeID, hlc: HLCTimestamp) {
        self.seq = seq
        self.id = id
        self.hlc = hlc
    }
}
