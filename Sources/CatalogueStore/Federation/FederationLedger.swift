import Foundation
package import SyncProtocol

/// What a node does with roster versions and key events offered to it (by a peer in a sync round,
/// by `POST /v1/federation`, by its own CLI): a pure function of what it holds and what is
/// offered, run inside the store's write transaction.
///
/// - A version's signatures are checked one by one and only valid ones kept; copies of one
///   payload with different signatures are merged (a set union, so approvals gathered on
///   different nodes add up in any order).
/// - Kept: the accepted chain, and versions after the current one (proposals collecting
///   approvals, or versions a lagging node needs next). Refused: versions at or below the current
///   number that the chain does not hold (a rollback or replay), another federation's, malformed
///   ones. Without a genesis, version-1 candidates are kept so a genesis can collect signatures.
/// - Key events are kept when well-formed, of this federation and validly signed by the recovery
///   key they name; whether they take effect is `FederationState`'s fold.
package struct FederationLedger: Sendable {
    /// Documents kept at most (versions, events): far above a federation's life, far below harm.
    package static let maximumVersions = 256
    package static let maximumEvents = 512
    /// Documents one offer may carry.
    package static let maximumOffered = 128
    /// Proposals kept that no member of the version in force has signed yet.
    package static let maximumUnendorsed = 32

    /// The genesis the configuration names, if any.
    package var configuredGenesis: RosterID?
    /// Who the node trusts by configuration: a genesis of only these keys is adopted without
    /// being named (how an existing federation moves to a roster).
    package var configuredAuthors: AuthorRoster

    package init(configuredGenesis: RosterID?, configuredAuthors: AuthorRoster) {
        self.configuredGenesis = configuredGenesis
        self.configuredAuthors = configuredAuthors
    }

    /// What became of one offered document.
    package enum Outcome: Hashable, Sendable {
        /// Part of the chain now (or an event in effect).
        case accepted
        /// Held already, nothing new.
        case known
        /// Kept, not (yet) in effect: a proposal collecting approvals, an event waiting.
        case pending(String)
        /// Not kept.
        case refused(RosterError)

        package var name: String {
            switch self {
            case .accepted: "accepted"
            case .known: "known"
            case .pending: "pending"
            case .refused: "refused"
            }
        }
    }

    package struct Result: Sendable {
        package var state: FederationState
        package var versions: [(id: RosterID, outcome: Outcome)] = []
        package var events: [(id: KeyEventID, outcome: Outcome)] = []
        /// Whether anything held changed (a document or a signature added).
        package var changed = false
    }

    /// The state of what is held, nothing offered.
    package func state(of held: FederationDocuments) -> FederationState {
        FederationState(
            genesis: genesis(for: held.versions, adopted: held.adoptedGenesis), versions: held.versions,
            events: held.events)
    }

    private func genesis(for versions: [SignedRoster], adopted: RosterID?) -> RosterID? {
        configuredGenesis ?? adopted ?? FederationState.adoptableGenesis(versions, trusting: configuredAuthors)
    }

    /// Merges `versions` and `events` into `held`: what to write, and the outcome of each.
    package func offer(
        versions offered: [SignedRoster], events offeredEvents: [SignedKeyEvent], to held: FederationDocuments
    ) -> (FederationStoreChange, Result) {
        var byID: [RosterID: SignedRoster] = [:]
        for version in held.versions { byID[version.id] = version }
        let before = byID
        var versionOutcomes: [RosterID: Outcome] = [:]
        var order: [RosterID] = []
        // Keys whose signatures can count on a version: its own members' keys, and the keys of
        // the chain this node holds (every version's members, and keys their key events
        // introduced). Others are dropped unverified — not keys listed by some other offered
        // version — so a flood of valid signatures by throwaway keys costs no Ed25519 checks and
        // can never crowd out a member's approval.
        let heldState = state(of: held)
        var chainSigners: Set<AuthorID> = []
        for version in heldState.chain?.versions ?? [] {
            for member in (try? version.roster())?.members ?? [] { chainSigners.formUnion(member.keys) }
        }
        for keys in heldState.signingKeys.added.values { chainSigners.formUnion(keys) }
        for offered in offered.prefix(Self.maximumOffered) {
            let id = offered.id
            order.append(id)
            let roster: Roster
            do {
                roster = try offered.roster()
            } catch {
                versionOutcomes[id] = .refused(error)
                continue
            }
            let signers = chainSigners.union(roster.members.flatMap(\.keys))
            var merged = byID[id] ?? SignedRoster(payload: offered.payload)
            for signature in offered.signatures
            where signers.contains(signature.key) && !merged.signatures.contains(signature)
                && merged.signatures.count < Roster.maximumMembers * 2
            {
                guard signature.signature.count == 64, let key = try? signature.key.publicKey,
                    SignatureContext.roster.isValid(signature: signature.signature, of: offered.payload, by: key)
                else { continue }
                merged.signatures.removeAll { $0.key == signature.key }
                merged.signatures.append(signature)
            }
            merged.signatures.sort { $0.key < $1.key }
            if byID[id] == nil, byID.count >= Self.maximumVersions {
                versionOutcomes[id] = .refused(
                    RosterError(.malformed, "this node holds \(Self.maximumVersions) roster versions already"))
                continue
            }
            byID[id] = merged
        }
        var events = held.events
        var eventIDs = Set(events.map(\.id))
        var eventOutcomes: [KeyEventID: Outcome] = [:]
        var eventOrder: [KeyEventID] = []
        for offered in offeredEvents.prefix(Self.maximumOffered) {
            let id = offered.id
            eventOrder.append(id)
            if eventIDs.contains(id) { continue }
            do {
                _ = try offered.verified()
            } catch {
                eventOutcomes[id] = .refused(error)
                continue
            }
            guard events.count < Self.maximumEvents else {
                eventOutcomes[id] = .refused(
                    RosterError(.keyEventMalformed, "this node holds \(Self.maximumEvents) key events already"))
                continue
            }
            events.append(offered)
            eventIDs.insert(id)
        }
        let allVersions = byID.values.sorted { $0.id < $1.id }
        let genesis = genesis(for: allVersions, adopted: held.adoptedGenesis)
        let state = FederationState(genesis: genesis, versions: allVersions, events: events)
        // What to keep: the chain, later versions, genesis candidates while there is no chain.
        let chainIDs = Set(state.chain?.versions.map(\.id) ?? [])
        let currentNumber = state.current?.version ?? 0
        let federation = state.current?.federation
        var keep: [RosterID: SignedRoster] = [:]
        let proposalsByID = Dictionary(
            state.proposals.map { ($0.signed.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Proposals no member of the version in force signed yet (a join request carries only
        // the newcomer's signature) are few by nature; a cap keeps junk from filling the store.
        var unendorsed = 0
        // Held ones first (in id order), then new ones: a proposal kept stays kept, whatever
        // ids later ones have.
        let ordered = byID.sorted { first, second in
            let (a, b) = (before[first.key] != nil, before[second.key] != nil)
            return a != b ? a : first.key < second.key
        }
        for (id, version) in ordered {
            guard let roster = try? version.roster() else { continue }
            if chainIDs.contains(id) {
                keep[id] = version
            } else if let federation {
                guard roster.federation == federation, roster.version > currentNumber else { continue }
                let endorsed = !(proposalsByID[id]?.approvedBy.isEmpty ?? true)
                if endorsed {
                    keep[id] = version
                } else if roster.version == currentNumber + 1, unendorsed < Self.maximumUnendorsed,
                    !version.signingRegions(of: roster, version: roster.version).isEmpty
                {
                    unendorsed += 1
                    keep[id] = version
                }
            } else if roster.version == 1 {
                // Without a chain: the configured genesis, or (adopting) a genesis of only
                // configured authors that one of them signed.
                if let configuredGenesis {
                    if id == configuredGenesis { keep[id] = version }
                } else if roster.members.allSatisfy({ $0.keys.allSatisfy(configuredAuthors.contains) }),
                    !version.signingRegions(of: roster).isEmpty
                {
                    keep[id] = version
                }
            }
        }
        var change = FederationStoreChange()
        for (id, version) in keep where before[id] != version { change.versions.append(version) }
        change.versions.sort { $0.id < $1.id }
        change.removedVersions = before.keys.filter { keep[$0] == nil }.sorted()
        // Events kept: those in effect, and the rivals of a key fork (evidence, as for change
        // forks). Anything else is refused and not kept — an event whose predecessor has not
        // arrived is offered again by the peers that hold it (they re-offer what this node
        // lacks) — so events signed by keys no member committed to cannot fill the store.
        let inEffect = Set(state.appliedEvents.map(\.signed.id)).union(state.keyForks.flatMap(\.events))
        let keptEvents = events.filter { inEffect.contains($0.id) }
        change.removedEvents = held.events.map(\.id).filter { !inEffect.contains($0) }.sorted()
        change.events = keptEvents.filter { !held.events.contains($0) }
        if held.adoptedGenesis == nil, configuredGenesis == nil, let genesis, state.chain != nil {
            change.adoptGenesis = genesis
        }
        change.cutoffs = state.cutoffs
        var result = Result(state: state)
        result.changed =
            !change.versions.isEmpty || !change.removedVersions.isEmpty || !change.events.isEmpty
            || !change.removedEvents.isEmpty
        let proposals = Dictionary(state.proposals.map { ($0.signed.id, $0) }, uniquingKeysWith: { first, _ in first })
        for id in order {
            if let outcome = versionOutcomes[id] {
                result.versions.append((id, outcome))
            } else if chainIDs.contains(id) {
                let wasInChain = before[id].map { _ in true } ?? false
                result.versions.append((id, wasInChain && before[id] == keep[id] ? .known : .accepted))
            } else if keep[id] != nil {
                let proposal = proposals[id]
                let status =
                    proposal.map {
                        $0.problem
                            ?? "approved by \($0.approvedBy.count) of \($0.needed) needed (\($0.approvedBy.joined(separator: ", ")))"
                    } ?? "waiting for the versions before it"
                result.versions.append((id, before[id] == keep[id] ? .known : .pending(status)))
            } else if let roster = try? byID[id]?.roster() {
                if let federation, roster.federation != federation {
                    result.versions.append(
                        (
                            id,
                            .refused(
                                RosterError(.otherFederation, "of federation \(roster.federation), not \(federation)"))
                        )
                    )
                } else if federation == nil {
                    result.versions.append(
                        (
                            id,
                            .refused(
                                RosterError(
                                    .wrongGenesis,
                                    configuredGenesis.map {
                                        "this node follows genesis \($0.rawValue.prefix(12))… and does not hold it yet; version \(roster.version) of \(roster.federation) cannot be checked"
                                    }
                                        ?? "this node follows no roster: it keeps only a genesis of its configured authors that one of them signed"
                                ))
                        ))
                } else if roster.version <= currentNumber {
                    result.versions.append(
                        (
                            id,
                            .refused(
                                RosterError(
                                    .rollback,
                                    "version \(roster.version) is not the one this federation accepted (it is at version \(currentNumber))"
                                ))
                        ))
                } else {
                    result.versions.append(
                        (
                            id,
                            .refused(
                                RosterError(
                                    .notEnoughSignatures,
                                    "version \(roster.version) is signed by no member of version \(currentNumber) and is not the next one, or \(Self.maximumUnendorsed) such proposals are held already"
                                ))
                        ))
                }
            }
        }
        let applied = Set(state.appliedEvents.map(\.signed.id))
        let waiting = Dictionary(
            state.waitingEvents.map { ($0.signed.id, $0.reason) }, uniquingKeysWith: { first, _ in first })
        let keptEventIDs = Set(keptEvents.map(\.id))
        let heldEventIDs = Set(held.events.map(\.id))
        for id in eventOrder {
            if let outcome = eventOutcomes[id] {
                result.events.append((id, outcome))
            } else if !keptEventIDs.contains(id) {
                result.events.append(
                    (
                        id,
                        .refused(
                            RosterError(
                                .keyEventChain,
                                waiting[id]
                                    ?? "the event is not of a member of this node's federation, or does not continue its key events"
                            ))
                    ))
            } else if heldEventIDs.contains(id) {
                result.events.append((id, .known))
            } else if applied.contains(id) {
                result.events.append((id, .accepted))
            } else {
                result.events.append(
                    (id, .pending("a key fork: another valid event of its member has its seq; neither is applied")))
            }
        }
        return (change, result)
    }
}
