import ArgumentParser
import CatalogueStore
import DirectoryModel
import Foundation
import NodeAPI
import NodeClient
import SyncProtocol

/// `sopro-node show`: one entry with where each value came from.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one entry: its fields, who set each, and any conflicts.",
        discussion: """
            Prints each field's value with the region, editor and time that set it. Values \
            written concurrently by two regions are kept: the one that lost is listed under \
            "conflicts", so an editor can publish the value that should stand.

            Examples:
              sopro-node show 0192f3a4-5b6c-7d8e-9f01-23456789abcd
              sopro-node show product/0192f3a4-5b6c-7d8e-9f01-23456789abcd --json
            """
    )

    @Argument(help: ArgumentHelp("The entry: ID or KIND/ID.", valueName: "id"), transform: EntryReference.init)
    var entry: EntryReference

    @Flag(help: "Print the node's JSON instead.")
    var json = false

    @OptionGroup var data: DataDirectoryOptions

    @OptionGroup var node: NodeOptions

    func run() async throws {
        let connection = NodeConnection(url: try node.url(data: data))
        let (kind, id) = try await entry.resolve(at: connection)
        if json {
            sayJSON(try await connection.get("/v1/entries/\(kind.rawValue)/\(id)"))
            return
        }
        guard let detail = try await connection.run({ try await $0.entry(kind: kind.rawValue, id: id) }) else {
            printError("error: the node has no entry \(id)")
            throw ExitCode(1)
        }
        say("\(kind.rawValue) \(id)\(detail.retracted ? "  (retracted)" : "")")
        var conflicts: [[String]] = []
        sayTable(
            ["FIELD", "VALUE", "SET BY"],
            detail.fields.keys.sorted().map { name in
                let field = detail.fields[name]
                for loser in field?.conflicts ?? [] {
                    conflicts.append([name, Self.text(loser.value), Self.origin(loser)])
                }
                return [name, field?.current.map { Self.text($0.value) } ?? "", field?.current.map(Self.origin) ?? ""]
            }, maximumWidth: 70)
        if !conflicts.isEmpty {
            say("")
            say("Conflicts (concurrent values that lost; publish the value that should stand):")
            sayTable(["FIELD", "LOSING VALUE", "SET BY"], conflicts, maximumWidth: 70)
        }
        if !detail.problems.isEmpty {
            say("")
            say("Problems of the merged entry:")
            for problem in detail.problems { say("  \(problem)") }
        }
    }

    /// A value as one line: text as it is, anything else as JSON.
    static func text(_ value: SyncValue) -> String {
        switch value {
        case .string(let text): text.replacingOccurrences(of: "\n", with: " ")
        case .null: ""
        default: CanonicalJSON.string(value)
        }
    }

    static func origin(_ provenance: EntryDetail.Provenance) -> String {
        let time = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(provenance.time) / 1000))
        return [provenance.region, provenance.editor, time].compactMap { $0 }.joined(separator: " · ")
    }
}
