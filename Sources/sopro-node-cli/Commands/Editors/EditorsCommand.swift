import ArgumentParser
import CatalogueStore
import Foundation
import SoproNode
import Workspace

/// `sopro-node editors`: the people who sign in to the workspace of this regional node.
struct EditorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "editors",
        abstract: "Editor accounts for the workspace (/workspace): add, reset a password, remove, list.",
        discussion: """
            Accounts belong to this node alone: they are never signed, synced or served, so an \
            editor of one region's node cannot sign in at another. Passwords are kept as scrypt \
            hashes; a new or reset password is generated and shown once (or read from \
            SOPRO_EDITOR_PASSWORD). Five wrong passwords in a row lock an account for 15 \
            minutes; a reset unlocks it and ends its sessions. The API's editor tokens \
            (sopro-node init) keep working for the command line.

            Examples:
              sopro-node editors add "Eva Berger" eva.berger@noe.example.at
              sopro-node editors add "Olga Kovács" olga@example.hu --role operator
              sopro-node editors reset eva.berger@noe.example.at
              sopro-node editors remove eva.berger@noe.example.at
              sopro-node editors list
            """,
        subcommands: [
            EditorsAddCommand.self, EditorsResetCommand.self, EditorsRemoveCommand.self, EditorsListCommand.self,
        ]
    )
}

extension DataDirectoryOptions {
    /// The accounts of this data directory's node (its store made if the node has not run
    /// yet, so accounts can be added right after `init`); a usage error (exit 2) for a mirror
    /// or a directory without a node's configuration.
    func editorAccounts() throws -> EditorAccounts {
        let configuration: NodeConfiguration
        do {
            configuration = try NodeConfiguration.read(from: url)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        if configuration.mode == .mirror {
            printError("error: \(dataDir) is a mirror's: a mirror has no editors")
            throw ExitCode(2)
        }
        let path = NodeRuntime.storePath(in: url)
        do {
            try NodeRuntime.protectStore(at: path)
            return try EditorAccounts(store: SQLiteAccountStore(sharing: SQLiteChangeStore.open(path: path)))
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}

/// Runs an account operation, with exit code 2 for what the operator asked wrongly.
func runAccountOperation<T>(_ operation: () async throws -> T) async throws -> T {
    do {
        return try await operation()
    } catch let error as AccountError {
        printError("error: \(error)")
        throw ExitCode(error.code == "corrupt-account" ? 1 : 2)
    } catch let exit as ExitCode {
        throw exit
    } catch {
        printError("error: \(error)")
        throw ExitCode(1)
    }
}

/// A password the operator chose (`SOPRO_EDITOR_PASSWORD`), or `nil` to generate one.
var chosenPassword: String? {
    ProcessInfo.processInfo.environment["SOPRO_EDITOR_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
}
