import ArgumentParser
import CatalogueStore
import Foundation
import Logging
import SoproNode

/// `sopro-node serve`: runs the node (or mirror) of a data directory.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the node of a data directory until Ctrl-C.",
        discussion: """
            Serves the HTTP API (sync, catalogue, publishing) and replicates with the \
            configured peers. After every start a regional node signs nothing until each of \
            its regional peers has told it its own latest change (after ownHeadQuorumAfter \
            seconds a majority of them is enough), so a node restored from a backup never \
            reuses a seq; until then publishing answers 503 and `status` says which peers it \
            waits for. Stops cleanly on SIGINT or SIGTERM, finishing the request in flight.

            Example:
              sopro-node serve --data-dir /var/lib/sopro --log-level info
            """
    )

    @Flag(
        help: ArgumentHelp(
            "Sign without asking the peers for this node's own latest change.",
            discussion:
                "Only when the regional peers are gone for good and this store is known to hold the node's latest change: a store restored from a backup would reuse seqs, a fork."
        ))
    var confirmOwnHead = false

    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let logger = global.makeLogger("sopro.node")
        let runtime: NodeRuntime
        do {
            runtime = try await NodeRuntime.open(
                dataDirectory: data.url, confirmOwnHead: confirmOwnHead, logger: logger)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        if confirmOwnHead, case .regional = runtime.node.mode {
            logger.warning(
                "own head confirmed by the operator (--confirm-own-head): the node signs without asking its peers")
        }
        let configuration = runtime.configuration
        say(
            "\(configuration.name) (\(configuration.mode == .mirror ? "mirror" : configuration.region ?? "")) on http://\(configuration.listen.host):\(configuration.listen.port)"
        )
        for repair in runtime.repairs { say("start-up check repaired: \(repair)") }
        do {
            try await runtime.run()
        } catch {
            printError(
                "error: \(DemoCommand.explain(error, portHint: "change listen.port in the configuration or set SOPRO_PORT"))"
            )
            throw ExitCode(1)
        }
    }
}
