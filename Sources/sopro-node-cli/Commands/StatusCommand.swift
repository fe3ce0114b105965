import ArgumentParser
import CatalogueStore
import Foundation
import NodeAPI
import NodeClient
import SyncProtocol

/// `sopro-node status`: what a running node holds and how its sync goes.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show a node's heads, peers (lag, last success, last error), forks and state digest.",
        discussion: """
            Asks the running node (GET /v1/node). Two nodes that show the same state digest \
            hold the same catalogue. A peer's "behind" counts changes it had that this node \
            lacked at the last sync, "ahead" the other way round.

            Examples:
              sopro-node status
              sopro-node status --node https://sopro.example.org --json
            """
    )

    @Flag(help: "Print the node's JSON instead.")
    var json = false

    @OptionGroup var data: DataDirectoryOptions

    @OptionGroup var node: NodeOptions

    func run() async throws {
        let connection = NodeConnection(url: try node.url(data: data))
        if json {
            sayJSON(try await connection.get("/v1/node"))
            return
        }
        let info = try await connection.run { try await $0.node() }
        say(
            "\(info.name) — \(info.mode == "mirror" ? "read-only mirror" : "regional node")"
                + (info.region.map { " for \($0)" } ?? ""))
        if let author = info.author { say("author id:    \(author.rawValue)") }
        say("state digest: \(info.digest)")
        say("software:     \(info.software), protocol \(info.protocol)")
        // A node from before the roster answers 404: nothing to say then.
        if let roster = try? await connection.client.federation() {
            if let federation = roster.federation {
                var line =
                    "roster:       version \(roster.version) of \(federation), threshold \(roster.threshold ?? 0), \(roster.members.filter(\.current).count) members"
                if !roster.proposals.isEmpty { line += ", \(roster.proposals.count) proposal(s) waiting" }
                if !roster.keyEvents.isEmpty { line += ", \(roster.keyEvents.count) key event(s)" }
                if !roster.forks.isEmpty || !roster.keyForks.isEmpty { line += ", FORKED (see `federation show`)" }
                say(line)
            } else if let genesis = roster.genesis {
                say("roster:       following genesis \(genesis.rawValue.prefix(16))…, not held yet")
            } else {
                say("roster:       none (trusts the configured authors)")
            }
        }
        if let ownHead = info.ownHead {
            if let forkedAt = ownHead.forkedAt {
                say(
                    "signing:      no — this node's own log is forked at seq \(forkedAt) (see the README, \"A forked log\")"
                )
            } else if ownHead.confirmed {
                say("signing:      yes (own latest change confirmed: \(ownHead.confirmedBy ?? "peers"))")
            } else {
                let waiting = ownHead.waitingFor.joined(separator: ", ")
                say(
                    "signing:      not yet — waiting for its regional peers to confirm its own latest change"
                        + (waiting.isEmpty ? "" : " (no answer yet from: \(waiting))")
                        + "; publishing answers 503 until then")
            }
        }
        say("")
        say("Heads (\(info.heads.count) author\(info.heads.count == 1 ? "" : "s")):")
        sayTable(
            ["AUTHOR", "SEQ", "HEAD CHANGE"],
            info.heads.keys.sorted().map { author in
                let head = info.heads[author]
                return [author, "\(head?.seq ?? 0)", head?.id.rawValue ?? ""]
            }, maximumWidth: 70)
        say("")
        if info.peers.isEmpty {
            say("Peers: none configured.")
        } else {
            say("Peers:")
            sayTable(
                ["NAME", "URL", "FEED", "BEHIND", "AHEAD", "LAST SUCCESS", "LAST ERROR"],
                info.peers.map { peer in
                    var error = peer.lastError.map { "\($0) (\(ago(peer.lastErrorAt)))" }
                    if peer.digestMismatch == true {
                        error = "DIGEST MISMATCH with equal heads" + (error.map { "; \($0)" } ?? "")
                    }
                    return [
                        peer.name, peer.url, peer.liveFeed == true ? "live" : "polling", "\(peer.changesBehind)",
                        "\(peer.changesAhead)", ago(peer.lastSuccess),
                        error ?? "—",
                    ]
                }, maximumWidth: 60)
        }
        say("")
        if info.forks.isEmpty {
            say("Forks: none.")
        } else {
            say(
                "Forks (these authors signed two different changes with one seq; each one's log is applied only below its fork, on every node):"
            )
            for fork in info.forks { say("  \(fork.author.rawValue) at seq \(fork.seq)") }
            if let author = info.author, info.forks.contains(where: { $0.author == author }) {
                say("This node's own log is forked: it signs nothing more. See the README, \"A forked log\".")
            }
        }
    }
}
