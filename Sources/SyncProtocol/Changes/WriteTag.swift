/// The unique name of one operation: its author, its change's seq and its index in the change,
/// written `author:seq:index`.
///
/// Set elements are added under a tag and removed by naming the tags seen; register writes
/// supersede the tags of the writes they replace. Since an author never reuses a seq, tags are
/// unique across the federation.
public struct WriteTag: SyncIdentifier, Comparable {
    public var author: AuthorID
    public var seq: UInt64
    public var index: Int

    public init(author: AuthorID, seq: UInt64, index: Int) {
        self.author = author
        self.seq = seq
        self.index = index
    }

    /// Reads a tag in its canonical form (`author:seq:index`, lower-case author id, decimal
    /// numbers without leading zeros).
    public init(parsing text: String) throws(SyncError) {
        try self.init(parsing: text, normalizing: false)
    }

    /// `normalizing` also takes an upper-case author id, for changes an older node stored before
    /// ids were checked strictly.
    public init(parsing text: String, normalizing: Bool) throws(SyncError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let seq = UInt64(parts[1]), seq >= 1, let index = Int(parts[2]), index >= 0,
            String(seq) == parts[1], String(index) == parts[2]
        else {
            throw SyncError.malformed("\(text.prefix(100).debugDescription) is not a tag (author:seq:index)")
        }
        self.author = try normalizing ? AuthorID(normalizing: String(parts[0])) : AuthorID(parsing: String(parts[0]))
        self.seq = seq
        self.index = index
    }

    public var rawValue: String { "\(author.rawValue):\(seq):\(index)" }

    public static func < (lhs: WriteTag, rhs: WriteTag) -> Bool {
        (lhs.author, lhs.seq, lhs.index) < (rhs.author, rhs.seq, rhs.index)
    }
}
