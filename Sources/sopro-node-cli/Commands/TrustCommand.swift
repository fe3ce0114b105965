import ArgumentParser
import DirectoryModel
import Foundation
import SoproNode
import SyncProtocol

/// `sopro-node trust`: the authors whose signed changes this node accepts.
struct TrustCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "List, add or remove the authors (regional nodes) whose changes this node accepts.",
        discussion: """
            Each regional node signs its changes with its own key; its author id is printed by \
            `sopro-node init`. A node accepts changes only from trusted authors, and relays \
            them to its peers. Edits sopro-node.yaml; restart the node to apply.

            Examples:
              sopro-node trust add 3f2a… --region AT13 --name Wien
              sopro-node trust list
              sopro-node trust remove 3f2a…
            """,
        subcommands: [Add.self, List.self, Remove.self],
        defaultSubcommand: List.self
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Trust an author.")

        @Argument(help: "The author id (64 hex digits).")
        var author: String

        @Option(help: ArgumentHelp("The NUTS region the author publishes for (e.g. AT13).", valueName: "code"))
        var region: String

        @Option(help: "A display name (e.g. Wien).")
        var name: String

        @OptionGroup var data: DataDirectoryOptions

        func validate() throws {
            guard (try? AuthorID(normalizing: author)) != nil else {
                throw ValidationError("\(author.prefix(80)) is not an author id (64 hex digits)")
            }
            guard (try? NUTSCode(parsing: region)) != nil else {
                throw ValidationError("--region: \(region) is not a NUTS code (e.g. AT13)")
            }
        }

        func run() async throws {
            let id = try AuthorID(normalizing: author).rawValue
            var previous: NodeConfiguration.AuthorEntry?
            try ConfigurationEditing.edit(data) { configuration in
                previous = configuration.trustedAuthors.first { $0.id == id }
                configuration.trustedAuthors.removeAll { $0.id == id }
                configuration.trustedAuthors.append(.init(id: id, region: region, name: name))
            }
            if let previous, previous.region == region, previous.name == name {
                say("\(name) (\(region)), author \(id), was already trusted; nothing changed")
            } else if let previous {
                say(
                    "author \(id) was already trusted as \(previous.name) (\(previous.region)); now \(name) (\(region)); restart the node to apply"
                )
            } else {
                say("trusting \(name) (\(region)), author \(id); restart the node to apply")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the trusted authors.")

        @OptionGroup var data: DataDirectoryOptions

        func run() async throws {
            let authors = try ConfigurationEditing.read(data).trustedAuthors
            guard !authors.isEmpty else {
                say("no trusted authors")
                return
            }
            sayTable(["AUTHOR", "REGION", "NAME"], authors.map { [$0.id, $0.region, $0.name] }, maximumWidth: 70)
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop trusting an author.")

        @Argument(help: "The author id.")
        var author: String

        @OptionGroup var data: DataDirectoryOptions

        func run() async throws {
            let id = (try? AuthorID(normalizing: author).rawValue) ?? author
            try ConfigurationEditing.edit(data) { configuration in
                guard configuration.trustedAuthors.contains(where: { $0.id == id }) else {
                    throw ConfigurationError("\(id) is not a trusted author")
                }
                configuration.trustedAuthors.removeAll { $0.id == id }
            }
            say("no longer trusting \(id); its changes already stored stay, new ones are refused after a restart")
        }
    }
}
