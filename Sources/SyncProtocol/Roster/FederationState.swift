import Foundation

/// What a node makes of every roster version and key event it holds: the accepted chain from the
/// genesis, the proposals still collecting approvals, each region's key events, and from them who
/// may publish (`authorRoster`) and where retired keys' logs end (`cutoffs`).
///
/// A pure function of the sets of documents, whatever order they arrived in: nodes holding the
/// same versions and events compute the same state. The fold:
///
/// 1. The genesis is the version whose id the node follows.
/// 2. Each region's key events are applied in their chain (`seq` 1, 2, …, each naming the one
///    before), the first checked against the recovery commitment the roster gave the region when
///    it (last) joined, each next one against the commitment the one before named. Two valid
///    events with one seq are a key fork: neither is applied, nor anything after.
/// 3. Version N+1 is the one held with that number that `RosterChain.check` accepts after version
///    N, counting the members' keys as their key events left them. Two such versions are a
///    roster fork: neither is accepted and the chain stays at N. Steps 2 and 3 repeat until no
///    version is added.
/// 4. Cut-offs: each key a roster version retired ends at the `last` that version names, each
///    key a key event retired at the event's `last` (the lowest when several name one key).
public struct FederationState: Sendable {
    /// A roster version held that is not (or not yet) part of the chain.
    public struct Proposal: Hashable, Sendable {
        public var signed: SignedRoster
        public var roster: Roster
        /// Regions of the version it follows (for a genesis: of its own members) that signed it.
        public var approvedBy: [String]
        /// How many of them must (the previous version's threshold; a genesis's own).
        public var needed: Int
        /// Regions of its own members that signed it, and how many must.
        public var approvedByOwnMembers: [String]
        public var neededOfOwnMembers: Int
        /// Why it cannot follow the current version whatever more signs it, if so.
        public var problem: String?
    }

    /// A partner, as the chain and its key events describe it now.
    public struct Member: Hashable, Sendable {
        public var region: String
        public var name: String
        public var url: String?
        /// The keys that sign for it now, the newest first.
        public var keys: [AuthorID]
        /// The commitment to the recovery key that signs its next key event.
        public var recovery: String
        /// Whether the current version lists it (a former partner's history stays).
        public var isCurrent: Bool
        /// Key events applied, in order.
        public var keyEvents: Int
    }

    /// A key event that took effect.
    public struct AppliedKeyEvent: Hashable, Sendable {
        public var signed: SignedKeyEvent
        public var event: KeyEvent
    }

    /// Two valid key events of one region with one seq.
    public struct KeyFork: Hashable, Sendable {
        public var region: String
        public var seq: UInt64
        public var events: [KeyEventID]
    }

    /// The id of the genesis the node follows; `nil`: it follows none (trust by configuration).
    public let genesisID: RosterID?
    /// The accepted chain; `nil` until the genesis is held and valid.
    public private(set) var chain: RosterChain?
    public private(set) var proposals: [Proposal] = []
    public private(set) var appliedEvents: [AppliedKeyEvent] = []
    /// Key events held that did not take effect, with why.
    public private(set) var waitingEvents: [(signed: SignedKeyEvent, reason: String)] = []
    public private(set) var keyForks: [KeyFork] = []
    public private(set) var members: [Member] = []
    public private(set) var cutoffs: [AuthorID: UInt64] = [:]
    public private(set) var signingKeys = SigningKeys()
    /// Why the genesis is not in force, if it is not.
    public private(set) var genesisProblem: String?

    /// The current version, if a chain is held.
    public var current: Roster? { chain?.current }

    /// Every key of every member of every accepted version and every key a key event introduced,
    /// with its region: whose changes the node accepts (a retired key's up to its cut-off).
    public var authorRoster: AuthorRoster {
        var authors: [TrustedAuthor] = []
        for member in allMembersEver {
            for key in member.keys { authors.append(TrustedAuthor(id: key, region: member.region, name: member.name)) }
        }
        return AuthorRoster(authors)
    }

    private var allMembersEver: [(region: String, name: String, keys: Set<AuthorID>)] = []

    public init(genesis: RosterID?, versions: [SignedRoster], events: [SignedKeyEvent]) {
        genesisID = genesis
        // Copies of one payload count with every signature any of them carries.
        var merged: [RosterID: SignedRoster] = [:]
        for signed in versions {
            guard var held = merged[signed.id] else {
                merged[signed.id] = signed
                continue
            }
            for signature in signed.signatures where !held.signatures.contains(signature) {
                held.signatures.append(signature)
            }
            merged[signed.id] = held
        }
        // Each signature verified once, here; the fold then counts without verifying again.
        var read: [(signed: SignedRoster, roster: Roster)] = []
        for signed in merged.values.sorted(by: { $0.id < $1.id }) {
            if let roster = try? signed.roster() { read.append((signed.keepingValidSignatures(), roster)) }
        }
        var readEvents: [(signed: SignedKeyEvent, event: KeyEvent)] = []
        var seenEvents: Set<KeyEventID> = []
        for signed in events.sorted(by: { $0.id < $1.id }) where seenEvents.insert(signed.id).inserted {
            if let event = try? signed.verified() { readEvents.append((signed, event)) }
        }
        guard let genesis else {
            proposals = read.filter { $0.roster.version == 1 }.map { Self.genesisProposal($0.signed, $0.roster) }
            return
        }
        guard let first = read.first(where: { $0.signed.id == genesis }) else {
            genesisProblem = "the genesis \(genesis.rawValue.prefix(12))… is not held yet"
            return
        }
        var chain: RosterChain
        do {
            chain = try RosterChain(genesis: first.signed, expecting: genesis)
        } catch {
            genesisProblem = error.message
            proposals = [Self.genesisProposal(first.signed, first.roster)]
            return
        }
        let federation = chain.federation
        let candidates = read.filter { $0.roster.federation == federation && $0.roster.version >= 2 }
        let ownEvents = readEvents.filter { $0.event.federation == federation }
        while true {
            applyKeyEvents(ownEvents, chain: chain)
            let number = chain.current.version + 1
            guard chain.forks[number] == nil, let before = chain.versions.last else { break }
            let valid = candidates.filter { candidate in
                candidate.roster.version == number
                    && (try? RosterChain.check(candidate.signed, candidate.roster, after: before, keys: signingKeys))
                        != nil
            }
            guard !valid.isEmpty else { break }
            for candidate in valid { _ = try? chain.offer(candidate.signed, keys: signingKeys) }
            if valid.count > 1 { break }
        }
        applyKeyEvents(ownEvents, chain: chain)
        self.chain = chain
        let accepted = Set(chain.versions.map(\.id))
        let current = chain.current
        for candidate in candidates
        where !accepted.contains(candidate.signed.id) && candidate.roster.version > current.version {
            var problem: String?
            if candidate.roster.version == current.version + 1, let before = chain.versions.last {
                do {
                    try RosterChain.check(candidate.signed, candidate.roster, after: before, keys: signingKeys)
                } catch  where error.code != .notEnoughSignatures {
                    problem = error.message
                } catch {}
                if chain.forks[candidate.roster.version] != nil {
                    problem = "version \(candidate.roster.version) is forked: two versions are validly signed"
                }
            } else {
                problem = "follows version \(candidate.roster.version - 1), which this node does not hold"
            }
            proposals.append(
                Proposal(
                    signed: candidate.signed, roster: candidate.roster,
                    approvedBy: candidate.signed.signingRegions(
                        of: current, version: candidate.roster.version, keys: signingKeys
                    ).sorted(),
                    needed: current.threshold,
                    approvedByOwnMembers: candidate.signed.signingRegions(
                        of: candidate.roster, version: candidate.roster.version, keys: signingKeys
                    ).sorted(),
                    neededOfOwnMembers: candidate.roster.threshold, problem: problem))
        }
        proposals.sort { ($0.roster.version, $0.signed.id) < ($1.roster.version, $1.signed.id) }
    }

    /// The genesis among `versions` that a node trusting `trusted` (its configured authors) may
    /// follow without being told its id: a version 1 whose member keys are exactly the trusted
    /// authors, whose threshold is more than half its members (so no one member, nor any
    /// minority, can write a rival), and that its threshold signed. `nil` when none, or more than
    /// one, qualifies.
    public static func adoptableGenesis(_ versions: [SignedRoster], trusting trusted: AuthorRoster) -> RosterID? {
        let trustedKeys = Set(trusted.all.map(\.id))
        var found: Set<RosterID> = []
        for signed in versions {
            guard let roster = try? signed.roster(), roster.version == 1,
                Set(roster.members.flatMap(\.keys)) == trustedKeys, roster.threshold * 2 > roster.members.count,
                signed.signingRegions(of: roster).count >= roster.threshold
            else { continue }
            found.insert(signed.id)
        }
        return found.count == 1 ? found.first : nil
    }

    private static func genesisProposal(_ signed: SignedRoster, _ roster: Roster) -> Proposal {
        let own = signed.signingRegions(of: roster).sorted()
        return Proposal(
            signed: signed, roster: roster, approvedBy: own, needed: roster.threshold, approvedByOwnMembers: own,
            neededOfOwnMembers: roster.threshold, problem: roster.version == 1 ? nil : "not a genesis")
    }

    /// Recomputes key events, signing keys, cut-offs and members from `chain`'s versions.
    private mutating func applyKeyEvents(_ events: [(signed: SignedKeyEvent, event: KeyEvent)], chain: RosterChain) {
        appliedEvents = []
        waitingEvents = []
        keyForks = []
        var added: [String: Set<AuthorID>] = [:]
        var countsUpTo: [AuthorID: UInt64] = [:]
        var cutoffs: [AuthorID: UInt64] = [:]
        func cut(_ key: AuthorID, at last: UInt64) { cutoffs[key] = min(cutoffs[key] ?? last, last) }
        // Regions in the order they first appear; for each, what its latest listing says and the
        // commitment it had when it last joined.
        var order: [String] = []
        var latest: [String: RosterMember] = [:]
        var joinCommitment: [String: String] = [:]
        var everListed: [String: Set<AuthorID>] = [:]
        var previousRegions: Set<String> = []
        var listedByRoster: [String: Set<AuthorID>] = [:]
        for signed in chain.versions {
            guard let roster = try? signed.roster() else { continue }
            for member in roster.members {
                if latest[member.region] == nil { order.append(member.region) }
                if !previousRegions.contains(member.region) { joinCommitment[member.region] = member.recovery }
                latest[member.region] = member
                everListed[member.region, default: []].formUnion(member.keys)
                listedByRoster[member.region, default: []].formUnion(member.keys)
            }
            for retired in roster.retired {
                cut(retired.key, at: retired.last)
                countsUpTo[retired.key] = min(countsUpTo[retired.key] ?? roster.version, roster.version)
            }
            previousRegions = Set(roster.members.map(\.region))
        }
        // A key belongs to one region: the one whose listing or event first named it.
        var claimed: [AuthorID: String] = [:]
        for region in order {
            for key in (everListed[region] ?? []) where claimed[key] == nil { claimed[key] = region }
        }
        var used: Set<KeyEventID> = []
        var newestKey: [String: AuthorID] = [:]
        var inForce: [String: String] = [:]
        var eventCounts: [String: Int] = [:]
        for region in order {
            guard var commitment = joinCommitment[region] else { continue }
            var held = everListed[region] ?? []
            var previous: KeyEventID?
            var seq: UInt64 = 1
            let mine = events.filter { $0.event.region == region }
            while true {
                let fitting = mine.filter { candidate in
                    candidate.event.seq == seq && candidate.event.previous == previous
                        && RosterMember.commitment(to: candidate.event.recoveryKey) == commitment
                        && held.contains(candidate.event.retiring)
                        && (claimed[candidate.event.key] ?? region) == region
                }
                if fitting.count > 1 {
                    keyForks.append(KeyFork(region: region, seq: seq, events: fitting.map(\.signed.id).sorted()))
                    break
                }
                guard let next = fitting.first else { break }
                let event = next.event
                used.insert(next.signed.id)
                appliedEvents.append(AppliedKeyEvent(signed: next.signed, event: event))
                added[region, default: []].insert(event.key)
                claimed[event.key] = region
                held.insert(event.key)
                cut(event.retiring, at: event.last)
                countsUpTo[event.retiring] = min(countsUpTo[event.retiring] ?? event.rosterVersion, event.rosterVersion)
                newestKey[region] = event.key
                commitment = event.nextRecovery
                previous = next.signed.id
                seq += 1
                eventCounts[region, default: 0] += 1
            }
            inForce[region] = commitment
            everListed[region] = held
        }
        for candidate in events where !used.contains(candidate.signed.id) {
            let reason: String
            if latest[candidate.event.region] == nil {
                reason = "\(candidate.event.region) is not a member of the federation"
            } else if keyForks.contains(where: { $0.region == candidate.event.region && $0.seq == candidate.event.seq })
            {
                reason = "another event \(candidate.event.seq) of \(candidate.event.region) is valid too (a key fork)"
            } else {
                reason =
                    "it does not continue \(candidate.event.region)'s key events (event \(candidate.event.seq), a key the region holds, signed by the recovery key it committed to)"
            }
            waitingEvents.append((candidate.signed, reason))
        }
        signingKeys = SigningKeys(added: added, countsUpTo: countsUpTo, signaturesVerified: true)
        self.cutoffs = cutoffs
        let currentRegions = Set(chain.current.members.map(\.region))
        members = order.compactMap { region in
            guard let member = latest[region] else { return nil }
            var keys = member.keys
            keys.append(contentsOf: (added[region] ?? []).sorted().filter { !keys.contains($0) })
            keys.removeAll { cutoffs[$0] != nil }
            if let newest = newestKey[region], let index = keys.firstIndex(of: newest) {
                keys.remove(at: index)
                keys.insert(newest, at: 0)
            }
            return Member(
                region: region, name: member.name, url: member.url, keys: keys,
                recovery: inForce[region] ?? member.recovery, isCurrent: currentRegions.contains(region),
                keyEvents: eventCounts[region] ?? 0)
        }
        // A former partner's keys stay trusted for its history (up to their cut-offs); keys its
        // key events introduced after it left are not: only a current member's events add keys.
        allMembersEver = order.compactMap { region in
            guard let member = latest[region] else { return nil }
            let keys = currentRegions.contains(region) ? (everListed[region] ?? []) : listedByRoster[region] ?? []
            return (region, member.name, keys)
        }
    }
}
