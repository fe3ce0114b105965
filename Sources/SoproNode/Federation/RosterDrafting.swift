package import NodeAPI
package import SyncProtocol

/// Writes the roster versions and key events the `federation` commands sign: a genesis from
/// members' cards, the version after the current one with members joining or leaving, a key
/// event continuing a region's chain. Works from the documents alone (the state is recomputed
/// here with `FederationState`, never taken from a node's reading).
package enum RosterDrafting {
    /// A genesis of `cards`, each of which needs a recovery commitment.
    /// `olderKeys` adds, per region, the keys it signed with before (a `rekey`): their changes
    /// are held everywhere and stay valid, so the genesis lists them after the current key.
    package static func genesis(
        federation: String, threshold: Int, cards: [MemberCard], olderKeys: [String: [AuthorID]] = [:], issued: Int64
    ) throws
        -> Roster
    {
        guard threshold * 2 > cards.count, threshold <= cards.count else {
            throw DraftError(
                "a threshold of \(threshold) for \(cards.count) members: it must be from \(cards.count / 2 + 1) (more than half) to \(cards.count)"
            )
        }
        var members: [RosterMember] = []
        for card in cards.sorted(by: { $0.region < $1.region }) {
            guard let recovery = card.recovery else {
                throw DraftError(
                    "\(card.region) (\(card.name)) has no recovery commitment: its operator runs `sopro-node federation recovery-key` first"
                )
            }
            var keys = [card.key]
            for key in olderKeys[card.region] ?? [] where !keys.contains(key) { keys.append(key) }
            guard keys.count <= Roster.maximumKeysPerMember else {
                throw DraftError(
                    "\(card.region) has \(keys.count) trusted keys; a member lists at most \(Roster.maximumKeysPerMember)"
                )
            }
            members.append(
                RosterMember(region: card.region, name: card.name, url: card.url, keys: keys, recovery: recovery))
        }
        let roster = Roster(
            federation: federation, version: 1, previous: nil, threshold: threshold, members: members, issued: issued)
        _ = try checked(roster)
        return roster
    }

    /// The version after the current one: members as they now sign (keys their key events
    /// introduced included, retired ones left out and named in `retired`), `adding` joined,
    /// `removing` (regions) left with each of their keys cut off at `lastSeqs` (the node's heads).
    package static func next(
        after state: FederationState, adding: [RosterMember] = [], removing: Set<String> = [], threshold: Int? = nil,
        lastSeqs: [AuthorID: UInt64], issued: Int64
    ) throws -> Roster {
        guard let chain = state.chain, let head = chain.versions.last else {
            throw DraftError("no roster is in force at this node yet (`sopro-node federation show` says why)")
        }
        let current = chain.current
        for region in removing where current.member(region: region) == nil {
            throw DraftError("\(region) is not a member of version \(current.version)")
        }
        var members: [RosterMember] = []
        var retired: [RetiredKey] = []
        var seen: Set<AuthorID> = []
        for member in current.members {
            let effective = state.members.first { $0.region == member.region }
            if removing.contains(member.region) {
                // Every key the member ever signed with, those key events cut off included (with
                // their cut-off), so the roster itself keeps each end should the region rejoin.
                for key in Set(member.keys).union(effective?.keys ?? []).union(
                    state.signingKeys.added[member.region] ?? []
                )
                .sorted() {
                    retired.append(RetiredKey(key: key, last: state.cutoffs[key] ?? lastSeqs[key] ?? 0))
                    seen.insert(key)
                }
                continue
            }
            var kept = member
            kept.keys = effective?.keys ?? member.keys
            if kept.keys.isEmpty { kept.keys = member.keys }
            guard kept.keys.count <= Roster.maximumKeysPerMember else {
                throw DraftError(
                    "\(member.region) signs with \(kept.keys.count) keys; a member lists at most \(Roster.maximumKeysPerMember): let it retire one first"
                )
            }
            members.append(kept)
        }
        // Keys the roster listed that key events retired: named with their cut-off.
        let listed = Set(members.flatMap(\.keys))
        for member in current.members {
            for key in member.keys where !listed.contains(key) && !seen.contains(key) {
                retired.append(RetiredKey(key: key, last: state.cutoffs[key] ?? lastSeqs[key] ?? 0))
                seen.insert(key)
            }
        }
        for member in adding {
            if let existing = members.first(where: { $0.region == member.region }) {
                throw DraftError("\(member.region) is a member already (\(existing.name))")
            }
            members.append(member)
        }
        members.sort { $0.region < $1.region }
        // More than half the members must sign each next version, so that two versions with one
        // number cannot both be approved by members who each sign only one.
        let majority = members.count / 2 + 1
        let chosen = threshold ?? max(current.threshold, majority)
        guard chosen >= majority, chosen <= members.count else {
            throw DraftError(
                "a threshold of \(chosen) for \(members.count) members: it must be from \(majority) (more than half) to \(members.count)"
            )
        }
        let roster = Roster(
            federation: current.federation, version: current.version + 1, previous: head.id,
            threshold: chosen, members: members, issued: issued,
            retired: retired.sorted { $0.key < $1.key })
        _ = try checked(roster)
        return roster
    }

    /// The next key event of `region`: `retiring` stops signing after `last`, `key` signs from now.
    package static func keyEvent(
        in state: FederationState, region: String, retiring: AuthorID, last: UInt64, key: AuthorID,
        recovery: AuthorID, nextRecovery: String, reason: KeyEvent.Reason, issued: Int64
    ) throws -> KeyEvent {
        guard let current = state.current else {
            throw DraftError("no roster is in force at this node yet (`sopro-node federation show` says why)")
        }
        guard let member = state.members.first(where: { $0.region == region }) else {
            throw DraftError("\(region) is not a member of the federation")
        }
        guard RosterMember.commitment(to: recovery) == member.recovery else {
            throw DraftError(
                "this recovery key is not the one \(region) committed to (its commitment is \(member.recovery.prefix(16))…, this key's \(RosterMember.commitment(to: recovery).prefix(16))…)"
            )
        }
        if state.keyForks.contains(where: { $0.region == region }) {
            throw DraftError(
                "\(region)'s key events are forked (two valid events with one seq): its recovery key can sign nothing more that takes effect; the members remove and re-admit the region"
            )
        }
        let previous = state.appliedEvents.filter { $0.event.region == region }
        return KeyEvent(
            federation: current.federation, region: region, seq: UInt64(previous.count + 1),
            previous: previous.last?.signed.id, rosterVersion: current.version, retiring: retiring, last: last,
            key: key, recoveryKey: recovery, nextRecovery: nextRecovery, reason: reason, issued: issued)
    }

    /// `roster`, read back from its own payload (the checks a receiving node makes).
    private static func checked(_ roster: Roster) throws -> Roster {
        do {
            return try Roster(parsing: roster.payload)
        } catch {
            throw DraftError(error.message)
        }
    }
}

/// Why a roster version or key event cannot be written.
package struct DraftError: Error, CustomStringConvertible, Sendable {
    package let description: String

    package init(_ description: String) { self.description = description }
}
