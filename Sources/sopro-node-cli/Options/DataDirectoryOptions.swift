import ArgumentParser
import Foundation
import SoproNode

/// The node's data directory: key, configuration and store.
struct DataDirectoryOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("The node's data directory (key, configuration, store).", valueName: "dir"))
    var dataDir: String = "./sopro-data"

    var url: URL { URL(fileURLWithPath: dataDir) }

    /// The store file of the data directory; a usage error (exit 2) when there is none, so a
    /// mistyped --data-dir is not taken for an empty catalogue.
    func existingStorePath() throws -> String {
        let path = NodeRuntime.storePath(in: url)
        guard FileManager.default.fileExists(atPath: path) else {
            printError("error: there is no store at \(path)")
            throw ExitCode(2)
        }
        return path
    }
}
