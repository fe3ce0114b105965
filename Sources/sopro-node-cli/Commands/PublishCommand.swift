import ArgumentParser
import DirectoryModel
import Foundation
import SoproNode

/// `sopro-node publish`: validates entry files and publishes them at a node.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Validate entry files and publish them at your region's node.",
        discussion: """
            Reads each FILE and every .yaml, .yml and .json under each DIR, and validates them \
            all first: if any has a problem, each is reported with file, line and field path and \
            nothing is published. Then publishes at the node and prints, per entry, whether it \
            was created, updated (which fields) or unchanged. Publishing the same files twice \
            changes nothing.

            The editor token comes from --token or the SOPRO_EDITOR_TOKEN environment variable.

            Example:
              SOPRO_EDITOR_TOKEN=sopro_… sopro-node publish entries/ --node http://127.0.0.1:8080
            """
    )

    @Argument(help: ArgumentHelp("Entry files or directories.", valueName: "FILE|DIR"))
    var paths: [String]

    @OptionGroup var data: DataDirectoryOptions

    @OptionGroup var node: NodeOptions

    @OptionGroup var editor: EditorTokenOptions

    func run() async throws {
        let set = EntryFileDecoder().decode(paths: paths)
        for failure in set.failures { printError("error: \(failure)") }
        for issue in set.issues { printError("error: \(issue)") }
        guard set.isValid else {
            printError("nothing was published: \(set.failures.count + set.issues.count) problem(s)")
            throw ExitCode(2)
        }
        let token = try editor.token()
        let connection = NodeConnection(url: try node.url(data: data))
        // Entries of a bundle take their kind from the list they are in; the node needs it
        // written out. Nothing else of the document changes, so fields the file leaves out
        // stay left out.
        let documents = set.entries.map { sourced -> DocumentValue in
            guard case .object(var object) = sourced.document else { return sourced.document }
            if object["kind"] == nil { object["kind"] = .string(sourced.entry.kind.rawValue) }
            return .object(object)
        }
        try await PublishReport.publish(documents, at: connection, token: token)
    }
}

/// The node's answer to publish and retract: one line per entry, then what was signed.
enum PublishReport {
    /// Publishes entry documents (`POST /v1/publish`) and prints the node's report.
    static func publish(_ documents: [DocumentValue], at connection: NodeConnection, token: String) async throws {
        struct Body: Encodable { var entries: [DocumentValue] }
        let body = try JSONEncoder().encode(Body(entries: documents))
        try print(try await connection.post("/v1/publish", json: body, token: token))
    }

    static func print(_ answer: Data) throws {
        guard let json = try? JSONSerialization.jsonObject(with: answer) as? [String: Any],
            let entries = json["entries"] as? [[String: Any]]
        else {
            printError(
                "error: the node's answer is not a report: \(String(decoding: answer.prefix(300), as: UTF8.self))")
            throw ExitCode(1)
        }
        for entry in entries {
            let outcome = entry["outcome"] as? String ?? "?"
            let fields = (entry["fields"] as? [String]).map { " (" + $0.joined(separator: ", ") + ")" } ?? ""
            say(
                "\(outcome.padding(toLength: 9, withPad: " ", startingAt: 0)) \(entry["kind"] as? String ?? "") \(entry["id"] as? String ?? "")\(fields)"
            )
        }
        let changes = (json["changes"] as? [Any])?.count ?? 0
        say(changes == 0 ? "nothing changed" : "signed \(changes) change\(changes == 1 ? "" : "s")")
    }
}
