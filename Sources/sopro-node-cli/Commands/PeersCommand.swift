import ArgumentParser
import Foundation
import SoproNode
import SyncProtocol

/// `sopro-node peers`: the nodes this node syncs with.
struct PeersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peers",
        abstract: "List, add or remove the nodes this node syncs with.",
        discussion: """
            Edits the peers in the data directory's sopro-node.yaml; the change is checked \
            before it is written. Restart the node to apply it. A peer's changes are only \
            accepted if its author is trusted (see `sopro-node trust`).

            Examples:
              sopro-node peers add wien https://sopro.wien.example.org --author 3f2a…
              sopro-node peers list
              sopro-node peers remove wien
            """,
        subcommands: [Add.self, List.self, Remove.self],
        defaultSubcommand: List.self
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a peer.")

        @Argument(help: "A short name for the peer (e.g. wien).")
        var name: String

        @Argument(help: "The peer's base URL (e.g. https://sopro.wien.example.org).")
        var url: String

        @Option(help: ArgumentHelp("The peer's author id, when it is a regional node.", valueName: "id"))
        var author: String?

        @OptionGroup var data: DataDirectoryOptions

        func validate() throws {
            if let author, (try? AuthorID(normalizing: author)) == nil {
                throw ValidationError("--author: not an author id (64 hex digits)")
            }
        }

        func run() async throws {
            try ConfigurationEditing.edit(data) { configuration in
                guard !configuration.peers.contains(where: { $0.name == name }) else {
                    throw ConfigurationError("there is a peer named \(name) already; remove it first")
                }
                let trimmed = url.hasSuffix("/") ? String(url.dropLast()) : url
                configuration.peers.append(
                    .init(name: name, url: trimmed, author: author.flatMap { try? AuthorID(normalizing: $0).rawValue }))
            }
            say("added peer \(name) (\(url)); restart the node to sync with it")
            if let author, !(try ConfigurationEditing.read(data)).trustedAuthors.contains(where: { $0.id == author }) {
                say("note: its author is not trusted yet: sopro-node trust add \(author) --region … --name …")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the peers.")

        @OptionGroup var data: DataDirectoryOptions

        func run() async throws {
            let peers = try ConfigurationEditing.read(data).peers
            guard !peers.isEmpty else {
                say("no peers")
                return
            }
            sayTable(
                ["NAME", "URL", "AUTHOR"], peers.map { [$0.name, $0.url, $0.author ?? "(mirror)"] }, maximumWidth: 70)
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a peer.")

        @Argument(help: "The peer's name.")
        var name: String

        @OptionGroup var data: DataDirectoryOptions

        func run() async throws {
            try ConfigurationEditing.edit(data) { configuration in
                guard configuration.peers.contains(where: { $0.name == name }) else {
                    throw ConfigurationError("there is no peer named \(name)")
                }
                configuration.peers.removeAll { $0.name == name }
            }
            say("removed peer \(name); restart the node to stop syncing with it")
        }
    }
}
