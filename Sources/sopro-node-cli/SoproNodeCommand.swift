import ArgumentParser
import Foundation

/// The `sopro-node` command: runs a region's node and lets its editors publish.
@main
struct SoproNodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sopro-node",
        abstract: "Run a sopro node and publish to the social-enterprise catalogue.",
        discussion: """
            sopro is a federated catalogue of social enterprises, their products and services, \
            and their cooperations with companies and public buyers. Each region runs a node; \
            nodes exchange signed changes and every node ends up with the same catalogue.

            Try a local five-region federation:
              sopro-node demo

            Check entry files before publishing them:
              sopro-node check Examples/entries.yaml

            Run a region's node:
              sopro-node init --name Wien --region AT13
              sopro-node trust add <author id> --region AT12 --name Niederösterreich
              sopro-node peers add at12 https://sopro.at12.example.org --author <author id>
              sopro-node serve
              sopro-node publish entries/
            """,
        subcommands: [
            DemoCommand.self, InitCommand.self, ServeCommand.self, PublishCommand.self, RetractCommand.self,
            CheckCommand.self, ListCommand.self, SearchCommand.self, ShowCommand.self, ExportCommand.self,
            ImportCommand.self, StatusCommand.self, SyncCommand.self, PeersCommand.self, TrustCommand.self,
            VerifyCommand.self, RekeyCommand.self, InquiriesCommand.self,
        ]
    )

    /// Runs the command, with the exit codes the README promises: 0 success, 1 operational
    /// failure, 2 usage or validation error (ArgumentParser's own is 64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
