import ArgumentParser
import CatalogueStore
import DirectoryModel
import Foundation

/// The node's answer to publish and retract: one line per entry, then what was signed.
enum PublishReport {
    /// Entries per request: a large import goes in several requests, so the node signs and
    /// answers as it goes and a terminal can show progress.
    static let entriesPerRequest = 100

    /// Publishes entry documents (`POST /v1/publish`, in requests of `entriesPerRequest`) and
    /// prints the node's report for all of them, with a progress bar on a terminal when there
    /// is more than one request.
    static func publish(_ documents: [DocumentValue], at connection: NodeConnection, token: String) async throws {
        struct Body: Encodable { var entries: [DocumentValue] }
        var entries: [[String: Any]] = []
        var changes = 0
        var progress = ProgressBar(total: documents.count, label: "publishing", unit: "entries")
        progress.isShown = documents.count > entriesPerRequest && ProgressBar.standardErrorIsTerminal
        for start in stride(from: 0, to: documents.count, by: entriesPerRequest) {
            let chunk = Array(documents[start..<min(documents.count, start + entriesPerRequest)])
            let answer: Data
            do {
                answer = try await connection.post(
                    "/v1/publish", json: try JSONEncoder().encode(Body(entries: chunk)), token: token)
            } catch {
                progress.finish()
                if start > 0 {
                    printError(
                        "\(start) of \(documents.count) entries were published before this request (each request is stored whole or not at all); once the problem above is solved, publishing the same files again publishes the rest and skips what is unchanged"
                    )
                }
                throw error
            }
            let report = try read(answer)
            entries += report.entries
            changes += report.changes
            progress.advance(to: start + chunk.count)
        }
        progress.finish()
        printEntries(entries, changes: changes)
    }

    /// Prints one answer (retract).
    static func print(_ answer: Data) throws {
        let report = try read(answer)
        printEntries(report.entries, changes: report.changes)
    }

    private static func read(_ answer: Data) throws -> (entries: [[String: Any]], changes: Int) {
        guard let json = try? JSONSerialization.jsonObject(with: answer) as? [String: Any],
            let entries = json["entries"] as? [[String: Any]]
        else {
            printError(
                "error: the node's answer is not a report: \(String(decoding: answer.prefix(300), as: UTF8.self))")
            throw ExitCode(1)
        }
        return (entries, (json["changes"] as? [Any])?.count ?? 0)
    }

    private static func printEntries(_ entries: [[String: Any]], changes: Int) {
        for entry in entries {
            let outcome = entry["outcome"] as? String ?? "?"
            let fields = (entry["fields"] as? [String]).map { " (" + $0.joined(separator: ", ") + ")" } ?? ""
            say(
                "\(outcome.padding(toLength: 9, withPad: " ", startingAt: 0)) \(entry["kind"] as? String ?? "") \(entry["id"] as? String ?? "")\(fields)"
            )
        }
        say(changes == 0 ? "nothing changed" : "signed \(changes) change\(changes == 1 ? "" : "s")")
    }
}
