import ArgumentParser
import Foundation
import Workspace

/// `sopro-node editors list`.
struct EditorsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the editor accounts: name, e-mail, role, and whether locked.")

    @OptionGroup var data: DataDirectoryOptions

    func run() async throws {
        let accounts = try data.editorAccounts()
        let all = try await runAccountOperation { try await accounts.store.accounts() }
        if all.isEmpty { say("no editor accounts (sopro-node editors add NAME EMAIL)") }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        for account in all {
            let locked = account.lockedUntil.map { $0 > now ? "  locked" : "" } ?? ""
            say("\(account.name)\t\(account.email)\t\(account.role.rawValue)\(locked)")
        }
    }
}
