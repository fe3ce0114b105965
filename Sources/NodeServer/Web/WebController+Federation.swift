import CatalogueStore
import DirectoryModel
import Foundation
import Replication
import SyncProtocol

extension WebController {
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
        return Page(template: "federation", values: values)
    }
}
