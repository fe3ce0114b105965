import ArgumentParser
import Foundation

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
        let answer = try await connection.get("/v1/node") ?? Data()
        if json {
            sayJSON(answer)
            return
        }
        let info = try JSONSerialization.jsonObject(with: answer) as? [String: Any] ?? [:]
        let mode = info["mode"] as? String ?? "?"
        say(
            "\(info["name"] as? String ?? "?") — \(mode == "mirror" ? "read-only mirror" : "regional node")"
                + ((info["region"] as? String).map { " for \($0)" } ?? ""))
        if let author = info["author"] as? String { say("author id:    \(author)") }
        say("state digest: \(info["digest"] as? String ?? "?")")
        say("software:     \(info["software"] as? String ?? "?"), protocol \(info["protocol"] as? Int ?? 0)")
        if let ownHead = info["ownHead"] as? [String: Any] {
            if let forkedAt = ownHead["forkedAt"] as? Int {
                say(
                    "signing:      no — this node's own log is forked at seq \(forkedAt) (see the README, \"A forked log\")"
                )
            } else if ownHead["confirmed"] as? Bool == true {
                say("signing:      yes (own latest change confirmed: \(ownHead["confirmedBy"] as? String ?? "peers"))")
            } else {
                let waiting = (ownHead["waitingFor"] as? [String] ?? []).joined(separator: ", ")
                say(
                    "signing:      not yet — waiting for its regional peers to confirm its own latest change"
                        + (waiting.isEmpty ? "" : " (no answer yet from: \(waiting))")
                        + "; publishing answers 503 until then")
            }
        }
        let heads = info["heads"] as? [String: [String: Any]] ?? [:]
        say("")
        say("Heads (\(heads.count) author\(heads.count == 1 ? "" : "s")):")
        sayTable(
            ["AUTHOR", "SEQ", "HEAD CHANGE"],
            heads.keys.sorted().map { author in
                let head = heads[author] ?? [:]
                return [author, "\(head["seq"] as? Int ?? 0)", head["id"] as? String ?? ""]
            }, maximumWidth: 70)
        let peers = info["peers"] as? [[String: Any]] ?? []
        say("")
        if peers.isEmpty {
            say("Peers: none configured.")
        } else {
            say("Peers:")
            sayTable(
                ["NAME", "URL", "BEHIND", "AHEAD", "LAST SUCCESS", "LAST ERROR"],
                peers.map { peer in
                    var error = (peer["lastError"] as? String).map {
                        "\($0) (\(ago((peer["lastErrorAt"] as? NSNumber)?.int64Value)))"
                    }
                    if peer["digestMismatch"] as? Bool == true {
                        error = "DIGEST MISMATCH with equal heads" + (error.map { "; \($0)" } ?? "")
                    }
                    return [
                        peer["name"] as? String ?? "", peer["url"] as? String ?? "",
                        "\(peer["changesBehind"] as? Int ?? 0)", "\(peer["changesAhead"] as? Int ?? 0)",
                        ago((peer["lastSuccess"] as? NSNumber)?.int64Value), error ?? "—",
                    ]
                }, maximumWidth: 60)
        }
        let forks = info["forks"] as? [[String: Any]] ?? []
        say("")
        if forks.isEmpty {
            say("Forks: none.")
        } else {
            say(
                "Forks (these authors signed two different changes with one seq; each one's log is applied only below its fork, on every node):"
            )
            for fork in forks { say("  \(fork["author"] as? String ?? "?") at seq \(fork["seq"] as? Int ?? 0)") }
            if let author = info["author"] as? String, forks.contains(where: { $0["author"] as? String == author }) {
                say("This node's own log is forked: it signs nothing more. See the README, \"A forked log\".")
            }
        }
    }
}
