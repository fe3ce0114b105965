import ArgumentParser
import CatalogueStore
import DirectoryModel
import Foundation
import NodeAPI
import NodeClient

/// `sopro-node retract`: withdraws entries from the catalogue.
struct RetractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retract",
        abstract: "Withdraw entries from the catalogue.",
        discussion: """
            Retracts each entry, given by its id or as KIND/ID. A retracted entry disappears \
            from every node's catalogue; its history stays in the signed logs, and publishing \
            the entry again brings it back. Retracting an entry that is already retracted \
            changes nothing.

            Example:
              export SOPRO_EDITOR_TOKEN=sopro_…
              sopro-node retract 0192f3a4-5b6c-7d8e-9f01-23456789abcd
            """
    )

    @Argument(
        help: ArgumentHelp("Entries to retract: ID or KIND/ID.", valueName: "id"), transform: EntryReference.init)
    var entries: [EntryReference]

    @OptionGroup var data: DataDirectoryOptions

    @OptionGroup var node: NodeOptions

    @OptionGroup var editor: EditorTokenOptions

    func run() async throws {
        let token = try editor.token()
        let connection = NodeConnection(url: try node.url(data: data))
        var targets: [RetractRequestBody.Target] = []
        for entry in entries {
            let (kind, id) = try await entry.resolve(at: connection)
            targets.append(.init(kind: kind.rawValue, id: id))
        }
        PublishOutput.print(try await connection.run { try await $0.retract(targets, token: token) })
    }

}
