import ArgumentParser
import CatalogueStore
import Foundation
import NIOCore
import Replication
import SoproNode
import SyncProtocol

/// `sopro-node sync`: one pull/push round with the peers, now.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Pull from and push to the peers once, now, and summarise what moved.",
        discussion: """
            Works on the data directory's store directly, so it runs with or without the node \
            being up (SQLite lets both write in turn). For each peer it prints the changes \
            pulled and pushed per author, the bytes on the wire and the time taken. Exits 1 if \
            a peer could not be synced.

            Examples:
              sopro-node sync
              sopro-node sync --peer wien --data-dir /var/lib/sopro
            """
    )

    @Option(help: ArgumentHelp("Sync only with this peer (by name).", valueName: "name"))
    var peer: String?

    @OptionGroup var data: DataDirectoryOptions

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let runtime: NodeRuntime
        do {
            runtime = try await NodeRuntime.open(dataDirectory: data.url, logger: global.makeLogger("sopro.sync"))
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        var peers = runtime.configuration.peerList
        if let peer {
            peers = peers.filter { $0.name == peer }
            guard !peers.isEmpty else {
                printError("error: there is no peer named \(peer) (see `sopro-node peers list`)")
                throw ExitCode(2)
            }
        }
        guard !peers.isEmpty else {
            printError("error: no peers configured (add one with `sopro-node peers add`)")
            throw ExitCode(2)
        }
        let roster = runtime.configuration.roster
        var failed = false
        for peer in peers {
            let meter = TrafficMeter()
            let client = HTTPPeerClient(timeout: .seconds(60), meter: meter)
            let replicator = Replicator(
                node: runtime.node, peers: [peer], client: client, clock: ContinuousClock(),
                logger: global.makeLogger("sopro.replicator"))
            let clock = ContinuousClock()
            let started = clock.now
            do {
                let oursBefore = try await runtime.node.store.versionVector()
                let theirsBefore = try await client.heads(of: peer).vector
                let summary = try await replicator.sync(with: peer)
                let oursAfter = try await runtime.node.store.versionVector()
                let theirsAfter = try await client.heads(of: peer).vector
                let elapsed = clock.now - started
                if summary.forksFound + summary.forksLearned > 0 {
                    say(
                        "\(peer.name): forks found \(summary.forksFound), learnt \(summary.forksLearned) (see `sopro-node status`)"
                    )
                }
                say(
                    "\(peer.name) (\(peer.url)): pulled \(summary.pulled), pushed \(summary.pushed)"
                        + (summary.refused > 0 ? ", refused \(summary.refused)" : "")
                        + "; \(Self.bytes(meter.received)) in, \(Self.bytes(meter.sent)) out; "
                        + String(
                            format: "%.2f s",
                            Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)))
                for (direction, before, after) in [("in ", oursBefore, oursAfter), ("out", theirsBefore, theirsAfter)] {
                    for (author, count) in Self.perAuthor(before, after) {
                        let who = roster.author(author).map { "\($0.name) (\($0.region))" } ?? "untrusted"
                        say("  \(direction) \(count) from \(author.short)… \(who)")
                    }
                }
            } catch {
                failed = true
                printError("error: \(peer.name) (\(peer.url)): \(error)")
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// Changes per author that `after` has beyond `before`.
    static func perAuthor(_ before: VersionVector, _ after: VersionVector) -> [(AuthorID, UInt64)] {
        after.authors.compactMap { author in
            after[author] > before[author] ? (author, after[author] - before[author]) : nil
        }
    }

    static func bytes(_ count: Int) -> String {
        count < 10_000 ? "\(count) B" : String(format: "%.1f KB", Double(count) / 1000)
    }
}
