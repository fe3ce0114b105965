import ArgumentParser
import CatalogueStore
import DirectoryModel
import EntryDocuments
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
            changes nothing. Large sets go to the node in requests of 100 entries, with a \
            progress bar when standard error is a terminal. Each request is stored whole or \
            not at all; if one fails, those before it stay published, and publishing the same \
            files again (once the problem is solved) publishes the rest.

            Pictures an entry names by file (`pictures: [{file: werkstatt.jpg, alt: {de: …}}]`, \
            relative to the entry file) or by an https address (`url:`) are read or fetched \
            here, their metadata (EXIF, a location, XMP) removed, and uploaded to the node \
            first; the entries then name them by their hash.

            The editor token comes from --token or the SOPRO_EDITOR_TOKEN environment variable.

            Example:
              export SOPRO_EDITOR_TOKEN=sopro_…
              sopro-node publish entries/ --node http://127.0.0.1:8080
            """
    )

    @Argument(help: ArgumentHelp("Entry files or directories.", valueName: "FILE|DIR"))
    var paths: [String]

    @OptionGroup var data: DataDirectoryOptions

    @OptionGroup var node: NodeOptions

    @OptionGroup var editor: EditorTokenOptions

    func run() async throws {
        var context = ValidationContext()
        context.acceptsPictureSources = true
        let set = EntryFileDecoder(context: context).decode(paths: paths)
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
        var documents = set.entries.map { sourced -> DocumentValue in
            guard case .object(var object) = sourced.document else { return sourced.document }
            if object["kind"] == nil { object["kind"] = .string(sourced.entry.kind.rawValue) }
            return .object(object)
        }
        // Pictures named by file or address are uploaded first and named by their hash.
        var pictures = PictureUpload.sources(connection: connection, token: token)
        for (index, sourced) in set.entries.enumerated() where PictureSources.named(in: documents[index]) {
            do {
                documents[index] = try await pictures.resolve(documents[index], entryFile: sourced.location.file)
            } catch let error as PictureSourceError {
                printError("error: \(sourced.location): \(error)")
                printError("nothing was published")
                throw ExitCode(1)
            }
        }
        try await PublishOutput.publish(documents, at: connection, token: token)
    }
}
