import CatalogueStore
import DirectoryModel
import Foundation
import Replication
import SyncProtocol

extension WebController {
    /// The roster section: the version in force, members, proposals, forks and key events.
    static func roster(_ state: FederationState, context: PageContext) -> [String: Any] {
        var roster: [String: Any] = [:]
        guard let current = state.current else {
            if let genesis = state.genesisID {
                roster["summary"] = context.text(
                    "rosterWaiting",
                    ["id": String(genesis.rawValue.prefix(16)) + "…", "problem": state.genesisProblem ?? "—"])
            } else {
                roster["summary"] = context.text("noRoster")
            }
            return roster
        }
        roster["summary"] = context.text(
            "rosterInForce",
            ["v": String(current.version), "federation": current.federation, "t": String(current.threshold)])
        roster["members"] = state.members.map { member -> [String: Any] in
            [
                "name": member.name, "region": context.regionLabel(member.region),
                "key": member.keys.first.map { String($0.rawValue.prefix(16)) + "…" } ?? "",
                "status": member.isCurrent ? context.text("member") : context.text("formerPartner"),
                "keyEvents": String(member.keyEvents),
            ]
        }
        let currentRegions = Set(current.members.map(\.region))
        roster["proposals"] = state.proposals.map { proposal -> String in
            let regions = Set(proposal.roster.members.map(\.region))
            var changes: [String] = []
            let joining = regions.subtracting(currentRegions).sorted()
            let leaving = currentRegions.subtracting(regions).sorted()
            if !joining.isEmpty { changes.append("\(context.text("joining")) \(joining.joined(separator: ", "))") }
            if !leaving.isEmpty { changes.append("\(context.text("leaving")) \(leaving.joined(separator: ", "))") }
            return context.text(
                "proposalLine",
                [
                    "v": String(proposal.roster.version),
                    "changes": changes.isEmpty ? "" : " (\(changes.joined(separator: "; ")))",
                    "n": String(proposal.approvedBy.count), "needed": String(proposal.needed),
                    "by": proposal.approvedBy.isEmpty ? "—" : proposal.approvedBy.joined(separator: ", "),
                ])
        }
        roster["forks"] =
            (state.chain?.forks.keys.sorted() ?? []).map { context.text("rosterForkLine", ["v": String($0)]) }
            + state.keyForks.map { context.text("keyForkLine", ["region": $0.region, "seq": String($0.seq)]) }
        roster["events"] = state.appliedEvents.map { applied -> String in
            context.text(
                "keyEventLine",
                [
                    "region": context.regionLabel(applied.event.region), "seq": String(applied.event.seq),
                    "reason": context.text("reason.\(applied.event.reason.rawValue)"),
                    "old": String(applied.event.retiring.rawValue.prefix(12)) + "…", "last": String(applied.event.last),
                    "new": String(applied.event.key.rawValue.prefix(12)) + "…",
                ])
        }
        roster["has"] = ["members", "proposals", "forks", "events"].reduce(into: [String: Bool]()) { has, name in
            has[name] = !((roster[name] as? [Any])?.isEmpty ?? true)
        }
        return roster
    }

    /// The federation at a glance, for operators: this node, its peers and when each last
    /// synced, the changes held per region, entries per publishing region, and the digest that
    /// every node of an agreeing federation shows.
    func federation(_ context: PageContext) async throws -> Page {
        var values = context.base(title: context.text("federationTitle"))
        let roster = node.acceptance.roster
        let heads = try await node.store.versionVector()
        var region: String?
        if case .regional(_, let nodeRegion) = node.mode { region = nodeRegion }
        values["node"] = [
            "name": node.name,
            "mode": context.text("mode.\(node.mode.name)"),
            "region": region.map { context.regionLabel($0) } ?? "",
            "author": node.authorID?.rawValue ?? "",
            "digest": try await node.store.digest(),
        ]
        let overview = try await node.store.overview()
        values["authors"] = roster.all.map { author -> [String: Any] in
            [
                "name": author.name, "region": context.regionLabel(author.region),
                "id": String(author.id.rawValue.prefix(16)) + "…",
                "changes": heads[author.id], "entries": overview.byOrigin[author.id.rawValue] ?? 0,
            ]
        }
        let statuses = await peerStatus?.statuses.values.sorted { $0.peer.name < $1.peer.name } ?? []
        values["peers"] = statuses.map { status -> [String: Any] in
            var peer: [String: Any] = [
                "name": status.peer.name, "url": status.peer.url,
                "lastSync": status.lastSuccess.map(PageContext.dateTime) ?? context.text("never"),
                "state": status.changesBehind == 0
                    ? context.text("inStep") : context.text("changesBehind", ["n": String(status.changesBehind)]),
                "behind": status.changesBehind > 0,
            ]
            if let error = status.lastError {
                peer["lastError"] = error
                peer["lastErrorAt"] = status.lastErrorAt.map(PageContext.dateTime) ?? ""
            }
            if status.digestMismatch {
                peer["digestMismatch"] = context.text("digestMismatch")
                peer["behind"] = true
            }
            return peer
        }
        values["forks"] = try await node.store.forks().map { fork -> [String: Any] in
            [
                "name": roster.author(fork.author).map { "\($0.name) (\(context.regionLabel($0.region)))" }
                    ?? String(fork.author.rawValue.prefix(16)) + "…",
                "at": context.text("forkAt", ["n": String(fork.seq)]),
            ]
        }
        values["hasForks"] = !((values["forks"] as? [[String: Any]])?.isEmpty ?? true)
        if node.authorID != nil {
            let ownHead = await node.ownHead
            if !ownHead.confirmed {
                values["notSigning"] = context.text(
                    "notSigning",
                    ["peers": ownHead.waitingFor.isEmpty ? "—" : ownHead.waitingFor.joined(separator: ", ")])
            }
        }
        values["hasPeers"] = !statuses.isEmpty
        values["roster"] = Self.roster(node.federation, context: context)
        let formerRegions = Set(node.federation.members.filter { !$0.isCurrent }.map(\.region))
        if var authors = values["authors"] as? [[String: Any]] {
            for (index, author) in roster.all.enumerated() where formerRegions.contains(author.region) {
                authors[index]["former"] = context.text("formerPartner")
            }
            values["authors"] = authors
        }
        return Page(template: "federation", values: values)
    }
}
