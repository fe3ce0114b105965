import ArgumentParser
import SoproNode

/// Reads, changes and writes back a data directory's configuration: the change is checked
/// before anything is written, and the file is replaced in one step. A running node reads the
/// file when it starts; restart it to apply the change.
enum ConfigurationEditing {
    static func edit(_ data: DataDirectoryOptions, _ change: (inout NodeConfiguration) throws -> Void) throws {
        do {
            var configuration = try NodeConfiguration.read(from: data.url)
            try change(&configuration)
            try configuration.write(to: data.url)
        } catch let error as ConfigurationError {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }

    static func read(_ data: DataDirectoryOptions) throws -> NodeConfiguration {
        do {
            return try NodeConfiguration.read(from: data.url)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }
}
