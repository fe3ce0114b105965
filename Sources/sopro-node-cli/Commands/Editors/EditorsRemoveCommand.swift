import ArgumentParser
import Workspace

/// `sopro-node editors remove EMAIL`.
struct EditorsRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove an editor account and end its sessions (what they published stays, signed by the node).")

    @Argument(help: "The account's e-mail address.") var email: String
    @OptionGroup var data: DataDirectoryOptions

    func run() async throws {
        let accounts = try data.editorAccounts()
        try await runAccountOperation { try await accounts.remove(email: email) }
        say("removed \(email.lowercased())")
    }
}
