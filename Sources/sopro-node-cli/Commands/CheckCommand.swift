import ArgumentParser
import CatalogueStore
import DirectoryModel
import EntryDocuments
import Foundation
import NodeAPI
import SoproNode

/// `sopro-node check`: validates entry files without publishing anything.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate entry files (YAML or JSON) and report every problem.",
        discussion: """
            Reads each FILE, and every .yaml, .yml and .json file under each DIR, and reports \
            every problem with its file, line, column and field path. Nothing is published.

            Exit status: 0 when every entry is valid, 2 when any file or entry has a problem.

            Example:
              sopro-node check Examples/entries.yaml
              sopro-node check entries/
            """
    )

    @Argument(help: ArgumentHelp("Entry files or directories of entry files.", valueName: "FILE|DIR"))
    var paths: [String]

    @Flag(help: "Print the result as JSON, for scripts.")
    var json = false

    func run() async throws {
        let set = EntryFileDecoder().decode(paths: paths)
        if json {
            try printJSON(set)
        } else {
            printReport(set)
        }
        if !set.isValid { throw ExitCode(2) }
    }

    private func printReport(_ set: EntryFileSet) {
        for failure in set.failures {
            printError("error: \(failure)")
        }
        for issue in set.issues {
            printError("error: \(issue)")
        }
        let entries = set.entries.count
        let problems = set.failures.count + set.issues.count
        let summary =
            "\(set.files.count) file\(set.files.count == 1 ? "" : "s"), \(entries) entr\(entries == 1 ? "y" : "ies"), "
            + (problems == 0 ? "no problems" : "\(problems) problem\(problems == 1 ? "" : "s")")
        if problems == 0 { say(summary) } else { printError(summary) }
    }

    private func printJSON(_ set: EntryFileSet) throws {
        struct Problem: Encodable {
            var file: String?
            var line: Int?
            var column: Int?
            var path: String?
            var message: String
        }
        struct Report: Encodable {
            var valid: Bool
            var entries: [[String: String]]
            var problems: [Problem]
        }
        let problems =
            set.failures.map {
                Problem(
                    file: $0.location?.file, line: $0.location?.line, column: $0.location?.column, message: $0.message)
            }
            + set.issues.map {
                Problem(
                    file: $0.location?.file, line: $0.location?.line, column: $0.location?.column,
                    path: $0.path.description, message: $0.message)
            }
        let report = Report(
            valid: set.isValid,
            entries: set.entries.map {
                ["id": $0.entry.id.rawValue, "kind": $0.entry.kind.rawValue, "file": $0.location.file ?? ""]
            },
            problems: problems)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        say(String(decoding: try encoder.encode(report), as: UTF8.self))
    }
}
