import ArgumentParser
import CatalogueStore
import DirectoryModel
import Foundation
import NodeAPI
import NodeClient

/// The node's answer to publish and retract: one line per entry, then what was signed.
enum PublishOutput {
    /// Entries per request: a large import goes in several requests, so the node signs and
    /// answers as it goes and a terminal can show progress.
    static let entriesPerRequest = 100

    /// Publishes entry documents (`POST /v1/publish`, in requests of `entriesPerRequest`) and
    /// prints the node's report for all of them, with a progress bar on a terminal when there
    /// is more than one request.
    static func publish(_ documents: [DocumentValue], at connection: NodeConnection, token: String) async throws {
        var entries: [PublishAnswer.Entry] = []
        var changes = 0
        var progress = ProgressBar(total: documents.count, label: "publishing", unit: "entries")
        progress.isShown = documents.count > entriesPerRequest && ProgressBar.standardErrorIsTerminal
        for start in stride(from: 0, to: documents.count, by: entriesPerRequest) {
            let chunk = Array(documents[start..<min(documents.count, start + entriesPerRequest)])
            let answer: PublishAnswer
            do {
                answer = try await connection.run { try await $0.publish(chunk, token: token) }
            } catch {
                progress.finish()
                if start > 0 {
                    printError(
                        "\(start) of \(documents.count) entries were published before this request (each request is stored whole or not at all); once the problem above is solved, publishing the same files again publishes the rest and skips what is unchanged"
                    )
                }
                throw error
            }
            entries += answer.entries
            changes += answer.changes.count
            progress.advance(to: start + chunk.count)
        }
        progress.finish()
        printEntries(entries, changes: changes)
    }

    /// Prints one answer (retract).
    static func print(_ answer: PublishAnswer) {
        printEntries(answer.entries, changes: answer.changes.count)
    }

    private static func printEntries(_ entries: [PublishAnswer.Entry], changes: Int) {
        for entry in entries {
            let fields = entry.fields.map { " (" + $0.joined(separator: ", ") + ")" } ?? ""
            say("\(entry.outcome.padding(toLength: 9, withPad: " ", startingAt: 0)) \(entry.kind) \(entry.id)\(fields)")
        }
        say(changes == 0 ? "nothing changed" : "signed \(changes) change\(changes == 1 ? "" : "s")")
    }
}
