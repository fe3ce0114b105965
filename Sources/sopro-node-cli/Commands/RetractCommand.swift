import ArgumentParser
import DirectoryModel
import Foundation

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
              SOPRO_EDITOR_TOKEN=sopro_… sopro-node retract 0192f3a4-5b6c-7d8e-9f01-23456789abcd
            """
    )

    @Argument(help: ArgumentHelp("Entries to retract: ID or KIND/ID.", valueName: "id"))
    var entries: [String]

    @OptionGroup var data: DataDirectoryOptions

    @OptionGroup var node: NodeOptions

    @OptionGroup var editor: EditorTokenOptions

    func validate() throws {
        for entry in entries {
            let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
            if parts.count == 2, EntryKind(rawValue: parts[0]) == nil {
                throw ValidationError("\(entry): \(parts[0]) is not a kind (enterprise, product, cooperation)")
            }
            if (try? EntryID(parsing: parts.last ?? "")) == nil {
                throw ValidationError("\(entry) is not an entry id (a UUID)")
            }
        }
    }

    func run() async throws {
        let token = try editor.token()
        let connection = NodeConnection(url: try node.url(data: data))
        var targets: [[String: String]] = []
        for entry in entries {
            let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
            let id = try EntryID(parsing: parts[parts.count - 1]).rawValue
            if parts.count == 2 {
                targets.append(["kind": parts[0], "id": id])
            } else if let kind = try await Self.kind(of: id, at: connection) {
                targets.append(["kind": kind.rawValue, "id": id])
            } else {
                printError("error: the node has no entry \(id)")
                throw ExitCode(1)
            }
        }
        let answer = try await connection.post(
            "/v1/retract", json: try JSONSerialization.data(withJSONObject: ["entries": targets]), token: token)
        try PublishReport.print(answer)
    }

    /// The kind of the entry with `id`, asking the node for each kind in turn.
    static func kind(of id: String, at connection: NodeConnection) async throws -> EntryKind? {
        for kind in EntryKind.allCases
        where try await connection.get("/v1/entries/\(kind.rawValue)/\(id)", allowMissing: true) != nil {
            return kind
        }
        return nil
    }
}
