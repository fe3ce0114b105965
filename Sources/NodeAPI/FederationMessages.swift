package import CatalogueStore
package import SyncProtocol

/// `POST /v1/federation` body, and the documents part of `GET /v1/federation`: roster versions
/// (with the signatures collected) and key events, each exactly as signed.
package struct FederationDocumentsMessage: Codable, Sendable {
    package var versions: [SignedRoster]
    package var keyEvents: [SignedKeyEvent]

    package init(versions: [SignedRoster] = [], keyEvents: [SignedKeyEvent] = []) {
        self.versions = versions
        self.keyEvents = keyEvents
    }

    /// The documents here that `other` lacks: versions it does not hold, or holds without some
    /// of the signatures here, and events it does not hold. What a round gives a peer, and what
    /// a node offers itself again of a peer's documents.
    package func missing(from other: FederationDocumentsMessage) -> FederationDocumentsMessage {
        let held = Dictionary(
            other.versions.map { ($0.id, Set($0.signatures.map(\.key))) }, uniquingKeysWith: { $0.union($1) })
        let heldEvents = Set(other.keyEvents.map(\.id))
        return FederationDocumentsMessage(
            versions: versions.filter { version in
                guard let keys = held[version.id] else { return true }
                return !Set(version.signatures.map(\.key)).isSubset(of: keys)
            },
            keyEvents: keyEvents.filter { !heldEvents.contains($0.id) })
    }
}

extension FederationDocumentsMessage {
    /// The documents a store holds, as they travel.
    package init(_ documents: FederationDocuments) {
        self.init(versions: documents.versions, keyEvents: documents.events)
    }
}

/// `GET /v1/federation`: every roster version and key event the node holds, and how it reads
/// them (the reading is for people and tools; a peer recomputes it from the documents).
package struct FederationMessage: Codable, Sendable {
    package struct Member: Codable, Sendable, Hashable {
        package var region: String
        package var name: String
        package var url: String?
        /// The keys that sign for the member now, newest first.
        package var keys: [AuthorID]
        package var recovery: String
        /// `false`: a former partner (its history stays, up to each key's cut-off).
        package var current: Bool
        package var keyEvents: Int
    }

    package struct Proposal: Codable, Sendable, Hashable {
        package var id: RosterID
        package var version: UInt64
        package var approvedBy: [String]
        package var needed: Int
        package var approvedByOwnMembers: [String]
        package var neededOfOwnMembers: Int
        package var problem: String?
        /// Regions joining and leaving, relative to the version in force.
        package var joining: [String]
        package var leaving: [String]
        package var threshold: Int
    }

    package struct RetiredKey: Codable, Sendable, Hashable {
        package var key: AuthorID
        package var last: UInt64
    }

    package struct KeyEventInfo: Codable, Sendable, Hashable {
        package var id: KeyEventID
        package var region: String
        package var seq: UInt64
        package var reason: String
        package var retiring: AuthorID
        package var last: UInt64
        package var key: AuthorID
        package var issued: Int64
    }

    package struct Fork: Codable, Sendable, Hashable {
        package var version: UInt64
        package var versions: [RosterID]
    }

    package struct KeyFork: Codable, Sendable, Hashable {
        package var region: String
        package var seq: UInt64
        package var events: [KeyEventID]
    }

    /// The genesis followed; `null`: none (trust by configuration).
    package var genesis: RosterID?
    package var federation: String?
    /// The version in force; 0: none.
    package var version: UInt64
    package var threshold: Int?
    package var members: [Member]
    package var proposals: [Proposal]
    package var forks: [Fork]
    package var keyEvents: [KeyEventInfo]
    package var keyForks: [KeyFork]
    package var retired: [RetiredKey]
    /// Why no roster is in force although a genesis is named, if so.
    package var problem: String?
    package var documents: FederationDocumentsMessage

    package init(_ state: FederationState, documents: FederationDocuments) {
        genesis = state.genesisID
        federation = state.current?.federation
        version = state.current?.version ?? 0
        threshold = state.current?.threshold
        members = state.members.map {
            Member(
                region: $0.region, name: $0.name, url: $0.url, keys: $0.keys, recovery: $0.recovery,
                current: $0.isCurrent, keyEvents: $0.keyEvents)
        }
        let currentRegions = Set(state.current?.members.map(\.region) ?? [])
        proposals = state.proposals.map { proposal in
            let regions = Set(proposal.roster.members.map(\.region))
            return Proposal(
                id: proposal.signed.id, version: proposal.roster.version, approvedBy: proposal.approvedBy,
                needed: proposal.needed, approvedByOwnMembers: proposal.approvedByOwnMembers,
                neededOfOwnMembers: proposal.neededOfOwnMembers, problem: proposal.problem,
                joining: regions.subtracting(currentRegions).sorted(),
                leaving: state.current == nil ? [] : currentRegions.subtracting(regions).sorted(),
                threshold: proposal.roster.threshold)
        }
        forks = (state.chain?.forks.values.sorted { $0.version < $1.version } ?? []).map {
            Fork(version: $0.version, versions: $0.versions.map(\.id).sorted())
        }
        keyEvents = state.appliedEvents.map {
            KeyEventInfo(
                id: $0.signed.id, region: $0.event.region, seq: $0.event.seq, reason: $0.event.reason.rawValue,
                retiring: $0.event.retiring, last: $0.event.last, key: $0.event.key, issued: $0.event.issued)
        }
        keyForks = state.keyForks.map { KeyFork(region: $0.region, seq: $0.seq, events: $0.events) }
        retired = state.cutoffs.sorted { $0.key < $1.key }.map { RetiredKey(key: $0.key, last: $0.value) }
        problem = state.genesisProblem
        self.documents = FederationDocumentsMessage(documents)
    }
}

/// `POST /v1/federation` response: what became of each document, and the version in force.
package struct FederationOfferResponse: Codable, Sendable {
    package struct Result: Codable, Sendable, Hashable {
        package var id: String
        /// `accepted`, `known`, `pending` or `refused`.
        package var status: String
        package var code: String?
        package var detail: String?

        package init(id: String, outcome: FederationLedger.Outcome) {
            self.id = id
            status = outcome.name
            switch outcome {
            case .accepted, .known: break
            case .pending(let detail): self.detail = detail
            case .refused(let error):
                code = error.code.rawValue
                detail = error.message
            }
        }
    }

    package var versions: [Result]
    package var keyEvents: [Result]
    package var version: UInt64

    package init(_ result: FederationLedger.Result) {
        versions = result.versions.map { Result(id: $0.id.rawValue, outcome: $0.outcome) }
        keyEvents = result.events.map { Result(id: $0.id.rawValue, outcome: $0.outcome) }
        version = result.state.current?.version ?? 0
    }
}

/// `GET /v1/federation/card`: what a regional node says about itself for a roster — region,
/// name, address, signing key and recovery commitment — so a genesis can be written from the
/// configured partners' cards. Each member checks its own entry before it signs.
package struct MemberCard: Codable, Sendable, Hashable {
    package var region: String
    package var name: String
    package var url: String?
    package var key: AuthorID
    /// `null` when the node's configuration names no recovery commitment.
    package var recovery: String?

    package init(region: String, name: String, url: String?, key: AuthorID, recovery: String?) {
        self.region = region
        self.name = name
        self.url = url
        self.key = key
        self.recovery = recovery
    }
}
