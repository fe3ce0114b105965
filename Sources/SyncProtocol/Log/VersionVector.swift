/// For each author, the highest seq held with no gap below it.
///
/// A node sends its vector to ask a peer for what it lacks; because the vector advances with
/// every applied page, it is also the checkpoint of a bootstrap: an interrupted pull resumes
/// from the vector, never from zero.
public struct VersionVector: Hashable, Sendable, Codable {
    public private(set) var heads: [AuthorID: UInt64]

    /// The largest seq there can be: a payload's integers are within ±(2^53 − 1).
    public static let maximumSeq = UInt64(SyncValue.maximumInteger)

    public init(_ heads: [AuthorID: UInt64] = [:]) {
        self.heads = heads.filter { $0.value > 0 }
    }

    public subscript(author: AuthorID) -> UInt64 {
        get { heads[author] ?? 0 }
        set { heads[author] = newValue > 0 ? newValue : nil }
    }

    public var authors: [AuthorID] { heads.keys.sorted() }

    /// Whether `self` holds at least everything `other` holds.
    public func dominates(_ other: VersionVector) -> Bool {
        other.heads.allSatisfy { self[$0.key] >= $0.value }
    }

    /// The number of changes `self` has that `other` lacks.
    /// (Saturating: a count never overflows, whatever a peer claims.)
    public func changesAhead(of other: VersionVector) -> UInt64 {
        heads.reduce(0) { total, head in
            let ahead = head.value > other[head.key] ? head.value - other[head.key] : 0
            let (sum, overflow) = total.addingReportingOverflow(ahead)
            return overflow ? UInt64.max : sum
        }
    }

    /// Reads a wire object keyed by author id with a seq per author (a vector, heads): every key
    /// an author id in canonical form, every seq at most `maximumSeq`. Throws what is wrong, in
    /// words, for the caller's decoding error.
    static func authorKeyed<Value>(
        _ raw: [String: Value], seq: (Value) -> UInt64
    ) throws(SyncError) -> [AuthorID: Value] {
        var keyed: [AuthorID: Value] = [:]
        for (key, value) in raw {
            guard seq(value) <= maximumSeq else {
                throw SyncError.malformed("seq \(seq(value)) of \(key.prefix(80)) is beyond the largest seq (2^53 − 1)")
            }
            keyed[try AuthorID(parsing: key)] = value
        }
        return keyed
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode([String: UInt64].self)
        let heads: [AuthorID: UInt64]
        do {
            heads = try Self.authorKeyed(raw) { $0 }
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description))
        }
        self.init(heads)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Dictionary(uniqueKeysWithValues: heads.map { ($0.key.rawValue, $0.value) }))
    }
}
