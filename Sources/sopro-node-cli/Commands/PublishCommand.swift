import ArgumentParser
import AsyncHTTPClient
import DirectoryModel
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
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

    @Option(help: ArgumentHelp("The node's URL (default: from the data directory's configuration).", valueName: "url"))
    var node: String?

    @Option(help: ArgumentHelp("The editor token (default: $SOPRO_EDITOR_TOKEN).", valueName: "token"))
    var token: String?

    func run() async throws {
        let set = EntryFileDecoder().decode(paths: paths)
        for failure in set.failures { printError("error: \(failure)") }
        for issue in set.issues { printError("error: \(issue)") }
        guard set.isValid else {
            printError("nothing was published: \(set.failures.count + set.issues.count) problem(s)")
            throw ExitCode(2)
        }
        guard let token = token ?? ProcessInfo.processInfo.environment["SOPRO_EDITOR_TOKEN"] else {
            printError("error: an editor token is needed: --token or SOPRO_EDITOR_TOKEN")
            throw ExitCode(2)
        }
        let url = try nodeURL()
        var request = HTTPClientRequest(url: url + "/v1/publish")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        struct Body: Encodable { var entries: [DocumentValueBox] }
        // Entries of a bundle take their kind from the list they are in; the node needs it
        // written out. Nothing else of the document changes, so fields the file leaves out
        // stay left out.
        let body = Body(
            entries: set.entries.map { sourced in
                guard case .object(var object) = sourced.document else {
                    return DocumentValueBox(value: sourced.document)
                }
                if object["kind"] == nil { object["kind"] = .string(sourced.entry.kind.rawValue) }
                return DocumentValueBox(value: .object(object))
            })
        request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(body)))
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
            let bytes = try await response.body.collect(upTo: 64 << 20)
            let json = try? JSONSerialization.jsonObject(with: Data(buffer: bytes)) as? [String: Any]
            guard response.status.code == 200, let entries = json?["entries"] as? [[String: Any]] else {
                if let issues = json?["issues"] as? [String] {
                    for issue in issues { printError("error: \(issue)") }
                }
                printError(
                    "error: the node answered \(response.status.code): \(json?["detail"] as? String ?? String(buffer: bytes))"
                )
                throw ExitCode(1)
            }
            for entry in entries {
                let outcome = entry["outcome"] as? String ?? "?"
                let fields = (entry["fields"] as? [String]).map { " (" + $0.joined(separator: ", ") + ")" } ?? ""
                say(
                    "\(outcome.padding(toLength: 9, withPad: " ", startingAt: 0)) \(entry["kind"] as? String ?? "") \(entry["id"] as? String ?? "")\(fields)"
                )
            }
            let changes = (json?["changes"] as? [Any])?.count ?? 0
            say(changes == 0 ? "nothing changed" : "signed \(changes) change\(changes == 1 ? "" : "s")")
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("error: cannot reach the node at \(url): \(error)")
            throw ExitCode(1)
        }
    }

    private func nodeURL() throws -> String {
        if let node { return node.hasSuffix("/") ? String(node.dropLast()) : node }
        do {
            let configuration = try NodeConfiguration.load(from: data.url)
            let host = configuration.listen.host == "0.0.0.0" ? "127.0.0.1" : configuration.listen.host
            return "http://\(host):\(configuration.listen.port)"
        } catch {
            printError("error: \(error) — or pass --node URL")
            throw ExitCode(2)
        }
    }
}

/// Encodes a document value as JSON.
struct DocumentValueBox: Encodable {
    var value: DocumentValue
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
