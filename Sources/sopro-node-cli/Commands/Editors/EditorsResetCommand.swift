import ArgumentParser
import Workspace

/// `sopro-node editors reset EMAIL`.
struct EditorsResetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Give an editor a new password; unlocks the account and ends its sessions.")

    @Argument(help: "The account's e-mail address.") var email: String
    @OptionGroup var data: DataDirectoryOptions

    func run() async throws {
        let accounts = try data.editorAccounts()
        let password = try await runAccountOperation {
            try await accounts.resetPassword(email: email, password: chosenPassword)
        }
        say("reset the password of \(email.lowercased()); its sessions have ended")
        if chosenPassword == nil {
            say("New password (shown once):")
            say("  \(password)")
        }
    }
}
