import ArgumentParser
import Workspace

/// `sopro-node editors add NAME EMAIL`.
struct EditorsAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an editor account; prints its password once.")

    @Argument(help: "The editor's name, as the workspace greets them.") var name: String
    @Argument(help: "Their e-mail address: what they sign in with.") var email: String
    @Option(help: "editor (keeps the region's entries) or operator (also answers inquiries).")
    var role: EditorRoleArgument = .editor
    @OptionGroup var data: DataDirectoryOptions

    func run() async throws {
        let accounts = try data.editorAccounts()
        let (account, password) = try await runAccountOperation {
            try await accounts.add(name: name, email: email, role: role.role, password: chosenPassword)
        }
        say("added \(account.name) <\(account.email)> as \(account.role.rawValue)")
        if chosenPassword == nil {
            say("Password (shown once; only its hash is stored; hand it over in person or by phone):")
            say("  \(password)")
        }
    }
}

enum EditorRoleArgument: String, ExpressibleByArgument, CaseIterable {
    case editor
    case `operator`

    var role: EditorRole { self == .editor ? .editor : .operator }
}
