/// The federation's membership as a node holds it: the chain of signed roster versions from the
/// genesis, each checked against the one before. No node and no single operator can rewrite it:
///
/// - The genesis (version 1) is fixed by configuration (its id) and must be signed by its own
///   threshold of members.
/// - Version N+1 names version N's id as `previous` and is valid only when signed by at least
///   version N's threshold of version N's members *and* its own threshold of its own members
///   (as TUF's root metadata: the old keys authorise the change, the new keys show they exist).
/// - A version at or below the current number is a replay: the same bytes are known, anything
///   else is refused (no rollback). A version that skips numbers waits for those between.
/// - Two different versions with one number, each validly signed, are a fork: it is recorded
///   with both, the chain goes back to the version before and accepts neither (every node that
///   learns of both ends on the same version, whichever it saw first).
///
/// Pure and deterministic: nodes offered the same versions — in any order, as often as they
/// like, a version that came too early offered again later — hold the same chain.
public struct RosterChain: Sendable {
    /// Two validly signed versions with one number.
    public struct Fork: Hashable, Sendable {
        public var version: UInt64
        public var versions: [SignedRoster]
    }

    /// What `offer` did with a version.
    public enum Outcome: Hashable, Sendable {
        /// It is the new current version.
        case accepted
        /// The chain holds it already.
        case known
    }

    /// The accepted versions, genesis first; the last is the current one.
    public private(set) var versions: [SignedRoster]
    /// The current version, read.
    public private(set) var current: Roster
    /// Forks found, by version number.
    public private(set) var forks: [UInt64: Fork] = [:]

    /// Starts from `genesis`; `expecting`, when given, is the genesis id the node was configured
    /// with (a mirror's whole trust).
    public init(genesis: SignedRoster, expecting: RosterID? = nil) throws(RosterError) {
        if let expecting, genesis.id != expecting {
            throw RosterError(
                .wrongGenesis, "the genesis has id \(genesis.id.rawValue), not the configured \(expecting.rawValue)")
        }
        let roster = try genesis.roster()
        guard roster.version == 1 else {
            throw RosterError(.wrongGenesis, "a genesis is version 1; this is version \(roster.version)")
        }
        let signed = genesis.signingRegions(of: roster).count
        guard signed >= roster.threshold else {
            throw RosterError(
                .notEnoughSignatures,
                "the genesis is signed by \(signed) of its members; its threshold is \(roster.threshold)")
        }
        versions = [genesis]
        current = roster
    }

    /// The federation's name.
    public var federation: String { current.federation }

    /// The accepted version with `number`, if any.
    public func version(_ number: UInt64) -> SignedRoster? {
        guard number >= 1, number <= UInt64(versions.count) else { return nil }
        return versions[Int(number - 1)]
    }

    /// Checks `next` against the chain and accepts it as the new current version when it is the
    /// one after. Throws why not; a fork is recorded before `.fork` is thrown.
    @discardableResult
    public mutating func offer(_ next: SignedRoster, keys: SigningKeys = .listed) throws(RosterError) -> Outcome {
        let roster = try next.roster()
        guard roster.federation == federation else {
            throw RosterError(
                .otherFederation, "the version is of federation \(roster.federation), not \(federation)")
        }
        if let fork = forks[roster.version] {
            if !fork.versions.contains(next),
                (try? Self.check(next, roster, after: version(roster.version - 1), keys: keys)) != nil
            {
                forks[roster.version]?.versions.append(next)
            }
            throw RosterError(.fork, "version \(roster.version) is forked; neither version is accepted")
        }
        let currentNumber = current.version
        if roster.version <= currentNumber {
            if version(roster.version) == next || version(roster.version)?.id == next.id { return .known }
            // A different version at an accepted number: a fork if it is validly signed on the
            // version before (which the chain holds), a replay of something invalid otherwise.
            guard roster.version >= 2, let before = version(roster.version - 1) else {
                throw RosterError(.rollback, "version \(roster.version) is not the one this federation accepted")
            }
            do {
                try Self.check(next, roster, after: before, keys: keys)
            } catch {
                throw RosterError(
                    .rollback, "version \(roster.version) is not the one this federation accepted: \(error.message)")
            }
            guard let accepted = version(roster.version) else {
                throw RosterError(.rollback, "version \(roster.version) is not the one this federation accepted")
            }
            forks[roster.version] = Fork(version: roster.version, versions: [accepted, next])
            versions.removeSubrange(Int(roster.version - 1)...)
            if let last = versions.last, let read = try? last.roster() { current = read }
            throw RosterError(
                .fork,
                "two different versions \(roster.version) are validly signed (\(accepted.id.rawValue.prefix(12))… and \(next.id.rawValue.prefix(12))…); the federation stays at version \(current.version)"
            )
        }
        guard roster.version == currentNumber + 1 else {
            throw RosterError(
                .gap,
                "version \(roster.version) follows version \(roster.version - 1); this node holds \(currentNumber)")
        }
        try Self.check(next, roster, after: versions[versions.count - 1], keys: keys)
        versions.append(next)
        current = roster
        return .accepted
    }

    /// Whether `next` (read as `roster`) may follow `before`: it names it, it names every key it
    /// drops as retired, it keeps each continuing member's recovery commitment, and both
    /// thresholds signed (counting `keys`: the members' keys as key events changed them).
    public static func check(
        _ next: SignedRoster, _ roster: Roster, after before: SignedRoster?, keys: SigningKeys = .listed
    ) throws(RosterError) {
        guard let before else { throw RosterError(.gap, "version \(roster.version - 1) is not held") }
        let previous = try before.roster()
        guard roster.previous == before.id else {
            throw RosterError(
                .wrongPrevious,
                "version \(roster.version) names \(roster.previous?.rawValue ?? "nothing") as previous, not version \(previous.version) (\(before.id.rawValue))"
            )
        }
        for member in previous.members {
            if let staying = roster.member(region: member.region), staying.recovery != member.recovery {
                throw RosterError(
                    .recoveryChanged,
                    "version \(roster.version) changes the recovery commitment of \(member.region); a member's recovery key changes only by its own key events (or by leaving and joining again)"
                )
            }
            for key in member.keys where roster.member(holding: key) == nil {
                guard roster.retired.contains(where: { $0.key == key }) else {
                    throw RosterError(
                        .malformed,
                        "version \(roster.version) drops key \(key.rawValue.prefix(12))… of \(member.region) without naming it in retired (with the last seq that stays valid)"
                    )
                }
            }
        }
        let byPrevious = next.signingRegions(of: previous, version: roster.version, keys: keys).count
        guard byPrevious >= previous.threshold else {
            throw RosterError(
                .notEnoughSignatures,
                "version \(roster.version) is signed by \(byPrevious) members of version \(previous.version); its threshold is \(previous.threshold)"
            )
        }
        let byItself = next.signingRegions(of: roster, version: roster.version, keys: keys).count
        guard byItself >= roster.threshold else {
            throw RosterError(
                .notEnoughSignatures,
                "version \(roster.version) is signed by \(byItself) of its own members; its threshold is \(roster.threshold)"
            )
        }
    }
}
