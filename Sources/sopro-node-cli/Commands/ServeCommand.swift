import ArgumentParser
import Foundation
import SoproNode

/// `sopro-node serve`: runs the node (or mirror) of a data directory.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the node of a data directory until Ctrl-C.",
        discussion: """
            Serves the HTTP API (sync, catalogue, publishing) and replicates with the \
            configured peers. A regional node first confirms its own latest change with a peer \
            before it signs anything. Stops cleanly on SIGINT or SIGTERM, finishing the \
            request in flight.

            Example:
              sopro-node serve --data-dir /var/lib/sopro --log-level info
            """
    )

    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let logger = global.makeLogger("sopro.node")
        let runtime: NodeRuntime
        do {
            runtime = try await NodeRuntime.open(dataDirectory: data.url, logger: logger)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
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
