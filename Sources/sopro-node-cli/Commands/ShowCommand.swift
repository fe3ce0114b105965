import ArgumentParser
import DirectoryModel
import Foundation

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
        guard let data = try await connection.get("/v1/entries/\(kind.rawValue)/\(id)", allowMissing: true) else {
            printError("error: the node has no entry \(id)")
            throw ExitCode(1)
        }
        if json {
            sayJSON(data)
            return
        }
        let detail = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        say("\(kind.rawValue) \(id)\(detail["retracted"] as? Bool == true ? "  (retracted)" : "")")
        let fields = detail["fields"] as? [String: [String: Any]] ?? [:]
        var conflicts: [[String]] = []
        sayTable(
            ["FIELD", "VALUE", "SET BY"],
            fields.keys.sorted().map { name in
                let field = fields[name] ?? [:]
                let current = field["current"] as? [String: Any] ?? [:]
                for loser in field["conflicts"] as? [[String: Any]] ?? [] {
                    conflicts.append([name, Self.text(loser["value"]), Self.origin(loser)])
                }
                return [name, Self.text(current["value"]), Self.origin(current)]
            }, maximumWidth: 70)
        if !conflicts.isEmpty {
            say("")
            say("Conflicts (concurrent values that lost; publish the value that should stand):")
            sayTable(["FIELD", "LOSING VALUE", "SET BY"], conflicts, maximumWidth: 70)
        }
        let problems = detail["problems"] as? [String] ?? []
        if !problems.isEmpty {
            say("")
            say("Problems of the merged entry:")
            for problem in problems { say("  \(problem)") }
        }
    }

    static func text(_ value: Any?) -> String {
        switch value {
        case let text as String: return text.replacingOccurrences(of: "\n", with: " ")
        case nil, is NSNull: return ""
        case let value?:
            guard JSONSerialization.isValidJSONObject([value]),
                let data = try? JSONSerialization.data(
                    withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
            else { return "\(value)" }
            return String(decoding: data, as: UTF8.self)
        }
    }

    static func origin(_ provenance: [String: Any]) -> String {
        let time = (provenance["time"] as? Int64 ?? (provenance["time"] as? NSNumber)?.int64Value).map {
            ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double($0) / 1000))
        }
        return [provenance["region"] as? String, provenance["editor"] as? String, time].compactMap { $0 }.joined(
            separator: " · ")
    }
}
