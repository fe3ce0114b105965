import ArgumentParser
import CatalogueStore
import EntryDocuments
import Foundation
import SoproNode

/// `sopro-node export`: the combined catalogue as a file.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the combined catalogue as JSON, CSV or JSON-LD (schema.org).",
        discussion: """
            Reads the data directory's store (beside a running node, or a mirror's) and writes \
            every visible entry of every region:
              json    the entry documents, as `publish` and POST /v1/publish take them
              csv     one row per entry; the first row names the columns
              jsonld  schema.org Organization, Product, Service and Project nodes

            Examples:
              sopro-node export --format csv --output catalogue.csv
              sopro-node export --format jsonld > catalogue.jsonld
            """
    )

    @Option(help: "json, csv or jsonld.")
    var format: CatalogueExport.Format = .json

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @OptionGroup var data: DataDirectoryOptions

    func run() async throws {
        let path = try data.existingStorePath()
        do {
            let store = try SQLiteChangeStore.open(path: path)
            // A catalogue left behind (an interrupted catch-up, or an upgrade that changed how
            // entries are kept) is brought up to the log first, as `serve` does on start.
            _ = try await store.refreshCatalogue()
            let items = try await CatalogueExport.items(of: store)
            let rendered = try CatalogueExport.render(items, as: format)
            if let output {
                try rendered.write(to: URL(fileURLWithPath: output), options: .atomic)
                let skipped = format == .json ? 0 : items.filter { $0.entry == nil }.count
                printError(
                    "wrote \(items.count - skipped) entries to \(output)"
                        + (skipped > 0 ? " (\(skipped) incomplete entries left out; see `sopro-node show`)" : ""))
            } else {
                writeOut(rendered)
                if format != .csv { writeOut(Data("\n".utf8)) }
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}

extension CatalogueExport.Format: ExpressibleByArgument {}
