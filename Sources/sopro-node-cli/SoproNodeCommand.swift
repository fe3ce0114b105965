import ArgumentParser
import CatalogueStore
import Foundation
import SoproNode

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
              sopro-node peers add at12 https://sopro.at12.example.org --author <id>
              sopro-node serve
              sopro-node publish entries/
            """,
        version: SoftwareVersion.description,
        subcommands: [
            DemoCommand.self, InitCommand.self, ServeCommand.self, PublishCommand.self, RetractCommand.self,
            CheckCommand.self, ListCommand.self, SearchCommand.self, ShowCommand.self, ExportCommand.self,
            ImportCommand.self, StatusCommand.self, SyncCommand.self, PeersCommand.self, TrustCommand.self,
            VerifyCommand.self, RekeyCommand.self, NewIDCommand.self, InquiriesCommand.self, FederationCommand.self,
            EditorsCommand.self,
        ]
    )

    /// Runs the command, with the exit codes the README promises: 0 success, 1 operational
    /// failure, 2 usage or validation error (ArgumentParser's own is 64).
    static func main() async {
        MallocArenas.limit()
        if let unknown = unknownSubcommand(in: CommandLine.arguments.dropFirst()) {
            printError(
                "error: there is no command \"\(unknown.given)\""
                    + (unknown.suggestion.map { "; did you mean \"\($0)\"?" } ?? ""))
            printError("see `sopro-node help` for the commands")
            Foundation.exit(2)
        }
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

    /// A first argument that names no command (a typo: `sopro-node serv`), with the closest
    /// command name when one is close (ArgumentParser only says "unexpected argument").
    static func unknownSubcommand(in arguments: ArraySlice<String>) -> (given: String, suggestion: String?)? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let names = (configuration.subcommands.map { $0.configuration.commandName ?? "" }) + ["help"]
        guard !names.contains(first) else { return nil }
        let closest = names.map { ($0, editDistance(first.lowercased(), $0)) }.min { $0.1 < $1.1 }
        guard let closest, closest.1 <= max(2, first.count / 3) else { return (first, nil) }
        return (first, closest.0)
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}
