import ArgumentParser
import CatalogueStore
import Foundation
import SoproNode

/// `sopro-node verify`: checks a node's store end to end.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract:
            "Check the store: integrity, every signature and hash chain, heads, and the catalogue against a rebuild.",
        discussion: """
            Reads the store of the data directory without changing it. Exits 0 when all is \
            well and 1 with each problem on stderr otherwise. Run it while the node is \
            stopped, or any time: SQLite's WAL mode lets it read beside a running node.

            Example:
              sopro-node verify --data-dir /var/lib/sopro
            """
    )

    @OptionGroup var data: DataDirectoryOptions

    func run() async throws {
        let path = try data.existingStorePath()
        do {
            let store = try SQLiteChangeStore.open(path: path)
            let problems = try await store.verify()
            let changes = try await store.changeCount()
            if problems.isEmpty {
                say(
                    "ok: \(changes) changes verified; the catalogue matches a rebuild (digest \(try await store.digest().prefix(16))…)"
                )
            } else {
                for problem in problems { printError("problem: \(problem)") }
                printError("\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(changes) changes")
                throw ExitCode(1)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
