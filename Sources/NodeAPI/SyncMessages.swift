package import CatalogueStore
package import SyncProtocol

/// `POST /v1/sync/pull` body: what the caller holds.
package struct PullRequest: Codable, Sendable {
    package var have: VersionVector
    /// At most this many changes (default and maximum 1,000).
    package var limit: Int?
    /// About this many bytes of changes (default and maximum 4 MiB).
    package var maxBytes: Int?

    package init(have: VersionVector, limit: Int? = nil, maxBytes: Int? = nil) {
        self.have = have
        self.limit = limit
        self.maxBytes = maxBytes
    }
}

/// `POST /v1/sync/pull` response: the changes the caller lacks, and where to continue.
package struct PullResponse: Codable, Sendable {
    package var changes: [SignedChange]
    package var continuation: VersionVector
    package var complete: Bool

    package init(changes: [SignedChange], continuation: VersionVector, complete: Bool) {
        self.changes = changes
        self.continuation = continuation
        self.complete = complete
    }
}

/// `POST /v1/sync/push` body.
package struct PushRequest: Codable, Sendable {
    package var changes: [SignedChange]

    package init(changes: [SignedChange]) { self.changes = changes }
}

/// The outcome for one pushed change.
package struct PushResult: Codable, Sendable, Hashable {
    package var id: String
    /// `accepted`, `duplicate` or `refused`.
    package var status: String
    /// The refusal code (docs/protocol.md, Errors), for refused changes.
    package var code: String?
    package var detail: String?
    package var expectedSeq: UInt64?

    package init(id: ChangeID, result: Replica.ReceiveResult) {
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
package struct PushResponse: Codable, Sendable {
    package var results: [PushResult]

    package init(results: [PushResult]) {
        self.results = results
    }
}

/// `GET /v1/node` response: who the node is and what it holds.
package struct NodeInfo: Codable, Sendable {
    package struct Head: Codable, Sendable {
        package var seq: UInt64
        package var id: ChangeID

        package init(seq: UInt64, id: ChangeID) {
            self.seq = seq
            self.id = id
        }
    }

    package var author: AuthorID?
    package var region: String?
    package var name: String
    package var mode: String
    package var `protocol`: Int
    package var software: String
    package var heads: [String: Head]
    package var digest: String
    /// A regional node: whether it may sign, and if not, what it waits for.
    package var ownHeadConfirmed: Bool?
    package var ownHead: OwnHeadStatus?
    /// Forks known (each author's log is applied only below its lowest fork).
    package var forks: [ForkInfo] = []
    /// Each configured peer's sync, as this node's replicator last saw it.
    package var peers: [PeerInfo] = []

    package struct ForkInfo: Codable, Sendable {
        package var author: AuthorID
        package var seq: UInt64
        /// The ids of the rival changes.
        package var changes: [ChangeID]?

        package init(author: AuthorID, seq: UInt64, changes: [ChangeID]? = nil) {
            self.author = author
            self.seq = seq
            self.changes = changes
        }
    }

    package struct PeerInfo: Codable, Sendable {
        package var name: String
        package var url: String
        /// Changes the peer had that this node lacked, and the other way round, at the last look.
        package var changesBehind: UInt64
        package var changesAhead: UInt64
        /// ms since 1970.
        package var lastSuccess: Int64?
        package var lastError: String?
        package var lastErrorAt: Int64?
        package var consecutiveFailures: Int
        package var readOnly: Bool
        /// Heads were equal at the last round but the state digests were not.
        package var digestMismatch: Bool?
        /// Changes refused at the last round (either way), which are not sent again until either
        /// side's log moves.
        package var refusedChanges: Int?
        /// Whether this node is subscribed to the peer's live feed now (`false`: it polls).
        package var liveFeed: Bool?

        package init(
            name: String,
            url: String,
            changesBehind: UInt64,
            changesAhead: UInt64,
            lastSuccess: Int64? = nil,
            lastError: String? = nil,
            lastErrorAt: Int64? = nil,
            consecutiveFailures: Int,
            readOnly: Bool,
            digestMismatch: Bool? = nil,
            refusedChanges: Int? = nil,
            liveFeed: Bool? = nil
        ) {
            self.name = name
            self.url = url
            self.changesBehind = changesBehind
            self.changesAhead = changesAhead
            self.lastSuccess = lastSuccess
            self.lastError = lastError
            self.lastErrorAt = lastErrorAt
            self.consecutiveFailures = consecutiveFailures
            self.readOnly = readOnly
            self.digestMismatch = digestMismatch
            self.refusedChanges = refusedChanges
            self.liveFeed = liveFeed
        }
    }

    package init(
        author: AuthorID? = nil,
        region: String? = nil,
        name: String,
        mode: String,
        protocol: Int,
        software: String,
        heads: [String: Head],
        digest: String,
        ownHeadConfirmed: Bool? = nil,
        ownHead: OwnHeadStatus? = nil,
        forks: [ForkInfo] = [],
        peers: [PeerInfo] = []
    ) {
        self.author = author
        self.region = region
        self.name = name
        self.mode = mode
        self.`protocol` = `protocol`
        self.software = software
        self.heads = heads
        self.digest = digest
        self.ownHeadConfirmed = ownHeadConfirmed
        self.ownHead = ownHead
        self.forks = forks
        self.peers = peers
    }
}

/// `GET /v1/sync/forks` response and `POST /v1/sync/forks` body: fork evidence.
package struct ForksMessage: Codable, Sendable {
    package struct Fork: Codable, Sendable {
        package var author: AuthorID
        package var seq: UInt64
        /// Two or more different signed changes of `author` at `seq`, as received.
        package var changes: [SignedChange]

        package init(_ evidence: ForkEvidence) {
            author = evidence.author
            seq = evidence.seq
            changes = evidence.changes.map(\.signed)
        }
    }

    package var forks: [Fork]

    package init(forks: [Fork]) { self.forks = forks }
}

/// `POST /v1/sync/forks` response: per fork, `recorded` (new here), `known` or `refused`.
package struct ForksPushResponse: Codable, Sendable {
    package struct Result: Codable, Sendable {
        package var author: AuthorID
        package var seq: UInt64
        package var status: String
        package var detail: String?

        package init(author: AuthorID, seq: UInt64, status: String, detail: String? = nil) {
            self.author = author
            self.seq = seq
            self.status = status
            self.detail = detail
        }
    }

    package var results: [Result]

    package init(results: [Result]) {
        self.results = results
    }
}
