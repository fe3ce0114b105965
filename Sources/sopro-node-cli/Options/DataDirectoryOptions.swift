import ArgumentParser
import Foundation

/// The node's data directory: key, configuration and store.
struct DataDirectoryOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("The node's data directory (key, configuration, store).", valueName: "dir"))
    var dataDir: String = "./sopro-data"

    var url: URL { URL(fileURLWithPath: dataDir) }
}
