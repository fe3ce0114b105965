/// What a node tells a peer at the start of a sync round (`GET /v1/sync/heads`): for each author,
/// the seq and id of the last change it applies and exchanges (a forked author's log is cut back
/// before its fork), the forks it knows, and its state digest.
///
/// Ids, not only seqs: two nodes that hold different changes at one seq see it at once, and
/// fetch the evidence instead of refusing each other's changes forever.
public struct SyncState: Hashable, Sendable, Codable {
    public struct Head: Hashable, Sendable, Codable {
        public var seq: UInt64
        public var id: ChangeID

        public init(seq: UInt64, id: ChangeID) {
            self.seq = seq
            self.id = id
        }
    }

    /// A fork known to the node: the author, the seq, and the ids of the rival changes.
    public struct Fork: Hashable, Sendable, Codable {
        public var author: AuthorID
        public var seq: UInt64
        public var changes: [ChangeID]

        public init(author: AuthorID, seq: UInt64, changes: [ChangeID]) {
            self.author = author
            self.seq = seq
            self.changes = changes.sorted()
        }

        /// The forks of `offered` that name a rival change `listed` does not.
        public static func unknown(_ offered: [Fork], to listed: [Fork]) -> [Fork] {
            let known = Dictionary(listed.map { (ForkKey(author: $0.author, seq: $0.seq), Set($0.changes)) }) {
                $0.union($1)
            }
            return offered.filter { fork in
                !Set(fork.changes).isSubset(of: known[ForkKey(author: fork.author, seq: fork.seq)] ?? [])
            }
        }
    }

    public var heads: [AuthorID: Head]
    public var forks: [Fork]
    public var digest: String

    public init(heads: [AuthorID: Head], forks: [Fork], digest: String) {
        self.heads = heads
        self.forks = forks.sorted { ($0.author, $0.seq) < ($1.author, $1.seq) }
        self.digest = digest
    }

    /// The heads as a version vector (what to pull and push from).
    public var vector: VersionVector { VersionVector(heads.mapValues(\.seq)) }

    /// The quarantine the forks imply.
    public var quarantine: Quarantine {
        var quarantine = Quarantine()
        for fork in forks where fork.changes.count >= 2 { quarantine.record(author: fork.author, seq: fork.seq) }
        return quarantine
    }

    private struct ForkKey: Hashable {
        var author: AuthorID
        var seq: UInt64
    }

    enum CodingKeys: String, CodingKey {
        case heads, forks, digest
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let raw = try container.decode([String: Head].self, forKey: .heads)
        let heads: [AuthorID: Head]
        do {
            heads = try VersionVector.authorKeyed(raw, seq: \.seq)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .heads, in: container, debugDescription: error.description)
        }
        self.init(
            heads: heads, forks: try container.decode([Fork].self, forKey: .forks),
            digest: try container.decode(String.self, forKey: .digest))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(
            Dictionary(uniqueKeysWithValues: heads.map { ($0.key.rawValue, $0.value) }), forKey: .heads)
        try container.encode(forks, forKey: .forks)
        try container.encode(digest, forKey: .digest)
    }
}
