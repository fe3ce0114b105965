import ArgumentParser
import DirectoryModel
import Foundation

/// `sopro-node new-id`: entry ids for new entry files.
struct NewIDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-id",
        abstract: "Print new entry ids (UUID version 7, lower case) for new entry files.",
        discussion: """
            Every entry needs an id of its own; mint one here rather than inventing one. \
            Version 7 UUIDs begin with the time, so ids minted later sort later.

            Example:
              sopro-node new-id --count 3
            """
    )

    @Option(help: "How many ids to print (1–1000).")
    var count = 1

    func validate() throws {
        guard (1...1000).contains(count) else { throw ValidationError("--count must be between 1 and 1000") }
    }

    func run() throws {
        for _ in 0..<count { say(EntryID.make().rawValue) }
    }
}
