import SyncProtocol

/// `POST /v1/sync/pull` body: what the caller holds.
public struct PullRequest: Codable, Sendable {
    public var have: VersionVector
    /// At most this many changes (default and maximum 1,000).
    public var limit: Int?
    /// About this many bytes of changes (default and maximum 4 MiB).
    public var maxBytes: Int?

    public init(have: VersionVector, limit: Int? = nil, maxBytes: Int? = nil) {
        self.have = have
        self.limit = limit
        self.maxBytes = maxBytes
    }
}

/// `POST /v1/sync/pull` response: the changes the caller lacks, and where to continue.
public struct PullResponse: Codable, Sendable {
    public var changes: [SignedChange]
    public var continuation: VersionVector
    public var complete: Bool
}

/// `POST /v1/sync/push` body.
public struct PushRequest: Codable, Sendable {
    public var changes: [SignedChange]

    public init(changes: [SignedChange]) { self.changes = changes }
}

/// The outcome for one pushed change.
public struct PushResult: Codable, Sendable, Hashable {
    public var id: String
    /// `accepted`, `duplicate` or `refused`.
    public var status: String
    /// The refusal code (docs/protocol.md, Errors), for refused changes.
    public var code: String?
    public var detail: String?
    public var expectedSeq: UInt64?

    init(id: ChangeID, result: Replica.ReceiveResult) {
        self.id = id.rawValue
        switch result {
        case .accepted: status = "accepted"
        case .duplicate: status = "duplicate"
        case .refused(let error):
            status = "refused"
            code = error.code.rawValue
            detail = error.description
            expectedSeq = error.expectedSeq
        }
    }
}

/// `POST /v1/sync/push` response.
public struct PushResponse: Codable, Sendable {
    public var results: [PushResult]
}

/// `GET /v1/node` response: who the node is and what it holds.
public struct NodeInfo: Codable, Sendable {
    public struct Head: Codable, Sendable {
        public var seq: UInt64
        public var id: ChangeID
    }

    public var author: AuthorID?
    public var region: String?
    public var name: String
    public var mode: String
    public var `protocol`: Int
    public var software: String
    public var heads: [String: Head]
    public var digest: String
    /// A regional node: whether it may sign, and if not, what it waits for.
    public var ownHeadConfirmed: Bool?
    public var ownHead: OwnHeadStatus?
    /// Forks known (each author's log is applied only below its lowest fork).
    public var forks: [ForkInfo] = []
    /// Each configured peer's sync, as this node's replicator last saw it.
    public var peers: [PeerInfo] = []

    public struct ForkInfo: Codable, Sendable {
        public var author: AuthorID
        public var seq: UInt64
        /// The ids of the rival changes.
        public var changes: [ChangeID]?
    }

    public struct PeerInfo: Codable, Sendable {
        public var name: String
        public var url: String
        /// Changes the peer had that this node lacked, and the other way round, at the last look.
        public var changesBehind: UInt64
        public var changesAhead: UInt64
        /// ms since 1970.
        public var lastSuccess: Int64?
        public var lastError: String?
        public var lastErrorAt: Int64?
        public var consecutiveFailures: Int
        public var readOnly: Bool
        /// Heads were equal at the last round but the state digests were not.
        public var digestMismatch: Bool?
        /// Changes refused at the last round (either way), which are not sent again until either
        /// side's log moves.
        public var refusedChanges: Int?
    }
}

/// `GET /v1/sync/forks` response and `POST /v1/sync/forks` body: fork evidence.
public struct ForksMessage: Codable, Sendable {
    public struct Fork: Codable, Sendable {
        public var author: AuthorID
        public var seq: UInt64
        /// Two or more different signed changes of `author` at `seq`, as received.
        public var changes: [SignedChange]

        public init(_ evidence: ForkEvidence) {
            author = evidence.author
            seq = evidence.seq
            changes = evidence.changes.map(\.signed)
        }
    }

    public var forks: [Fork]

    public init(forks: [Fork]) { self.forks = forks }
}

/// `POST /v1/sync/forks` response: per fork, `recorded` (new here), `known` or `refused`.
public struct ForksPushResponse: Codable, Sendable {
    public struct Result: Codable, Sendable {
        public var author: AuthorID
        public var seq: UInt64
        public var status: String
        public var detail: String?
    }

    public var results: [Result]
}
