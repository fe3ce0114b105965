import ArgumentParser
import CatalogueStore
import DirectoryModel
import EntryDocuments
import Foundation
import NodeClient
import SoproNode

/// `sopro-node import`: entries from spreadsheets and from other maps.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import entries from a CSV spreadsheet or a GeoJSON map export.",
        discussion: """
            CSV: UTF-8, comma-separated, with the header names `export --format csv` writes: \
            \(CatalogueExport.csvColumns.joined(separator: ", ")). Lists are separated by ";".

            GeoJSON: a FeatureCollection of points tagged as solidarity-economy maps do (name, \
            addr:street, addr:housenumber, addr:postcode, addr:city, addr:country, \
            contact:website, description, description:de, description:hu, type_of_initiative, \
            opening_hours, image — a picture by address, fetched with --pictures). \
            Countries ("Österreich", "Austria", "AT") and "Vienna" are normalised; the NUTS \
            region comes from the postcode or else from the position. Each record is reported \
            with what was changed or left out.

            Every record is validated like a published entry file. The valid ones are \
            published (unless --dry-run); each invalid one is reported with its reasons, and \
            the command then exits 2. Ids come from the source, so importing the same file \
            again changes nothing.

            Examples:
              sopro-node import --dry-run susy-at-hu.geojson
              SOPRO_EDITOR_TOKEN=sopro_… sopro-node import enterprises.csv
            """
    )

    @Argument(help: ArgumentHelp("A .csv or .geojson (or GeoJSON .json) file.", valueName: "file"))
    var file: String

    @Flag(help: "Check and report only; publish nothing.")
    var dryRun = false

    @Flag(help: "Also list what the conversion changed or left out for each record.")
    var verbose = false

    @Flag(
        help: ArgumentHelp(
            "Fetch the pictures the map data names by address (https), and upload them with the entries.",
            discussion:
                "Without it they are left out and counted: fetching is slow, and the shared map data's addresses name wiki pages rather than pictures."
        ))
    var pictures = false

    @Flag(
        help: ArgumentHelp(
            "Publish records that are likely duplicates too (left out and listed by default).",
            discussion:
                "A likely duplicate has a name in common with another record of the file or an entry of the catalogue, and the same postcode and locality or a place within 1 km."
        ))
    var keepDuplicates = false

    @OptionGroup var data: DataDirectoryOptions

    @OptionGroup var node: NodeOptions

    @OptionGroup var editor: EditorTokenOptions

    func run() async throws {
        guard let contents = FileManager.default.contents(atPath: file) else {
            printError("error: \(file) cannot be read")
            throw ExitCode(2)
        }
        let records: [ImportedRecord]
        do {
            if file.lowercased().hasSuffix(".csv") {
                guard let text = String(data: contents, encoding: .utf8) else {
                    printError("error: \(file) is not UTF-8 text")
                    throw ExitCode(2)
                }
                records = try CSVImport.records(from: text, file: file)
            } else {
                records = try GeoJSONImport.records(from: contents, file: file)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        var valid: [DocumentValue] = []
        var validEntries: [(source: String, entry: Entry)] = []
        var rejected = 0
        var noted = 0
        for record in records {
            let result = record.validated
            if let entry = result.validEntry {
                valid.append(record.document)
                validEntries.append((record.source, entry))
            } else {
                rejected += 1
                for issue in result.issues { printError("\(file): \(record.source): \(issue)") }
            }
            if !record.notes.isEmpty { noted += 1 }
            if verbose { for note in record.notes { say("\(record.source): \(note)") } }
        }
        say(
            "\(records.count) records: \(valid.count) valid, \(rejected) rejected"
                + (noted > 0 ? ", \(noted) adjusted (--verbose lists how)" : ""))
        // Likely duplicates are shown before anything is published: within the file always,
        // against the catalogue when the node answers (a dry run without one compares the file).
        // A dry run asks a node only when one is named or configured (it works without).
        let named =
            node.node != nil
            || FileManager.default.fileExists(atPath: data.url.appendingPathComponent("sopro-node.yaml").path)
        let lookup = !dryRun || named ? try? NodeConnection(url: node.url(data: data)) : nil
        var reachable = lookup?.client
        if dryRun, let client = reachable, (try? await client.node()) == nil { reachable = nil }
        let duplicates: [ImportDuplicates.Finding]
        if let lookup, reachable != nil {
            duplicates = try await lookup.run { try await ImportDuplicates.find(validEntries, client: $0) }
        } else {
            duplicates = try await ImportDuplicates.find(validEntries, client: nil)
        }
        for finding in duplicates {
            say(
                "\(file): \(validEntries[finding.index].source): likely the same enterprise as \(finding.twin)"
                    + (keepDuplicates ? "" : "; left out (--keep-duplicates publishes it)"))
        }
        if !duplicates.isEmpty && !keepDuplicates {
            let leftOut = Set(duplicates.map(\.index))
            valid = valid.enumerated().filter { !leftOut.contains($0.offset) }.map(\.element)
            say("\(leftOut.count) likely duplicates left out")
        }
        if !dryRun && !valid.isEmpty {
            let token = try editor.token()
            let connection = NodeConnection(url: try node.url(data: data))
            // Pictures by address are fetched and uploaded first; one that cannot be (the
            // address answers with a web page, or not at all) is reported and left out, and the
            // record is published without it.
            var sources = PictureUpload.sources(connection: connection, token: token)
            var leftOut = 0
            for (index, document) in valid.enumerated() where PictureSources.named(in: document) {
                guard pictures else {
                    valid[index] = PictureSources.withoutSources(document)
                    leftOut += 1
                    continue
                }
                do {
                    valid[index] = try await sources.resolve(document, entryFile: nil)
                } catch let error as PictureSourceError {
                    say("\(file): picture left out: \(error)")
                    valid[index] = PictureSources.withoutSources(document)
                }
            }
            if leftOut > 0 { say("\(leftOut) pictures by address left out (--pictures fetches them)") }
            try await PublishOutput.publish(valid, at: connection, token: token)
        }
        if rejected > 0 { throw ExitCode(2) }
    }
}
