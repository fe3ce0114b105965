import ArgumentParser
import Foundation

/// The editor token for commands that publish: `--token` or `SOPRO_EDITOR_TOKEN` (which keeps
/// the token out of shell history and process lists).
struct EditorTokenOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The editor token (default: $SOPRO_EDITOR_TOKEN).", valueName: "token"))
    var token: String?

    func token(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        guard let token = token ?? environment["SOPRO_EDITOR_TOKEN"], !token.isEmpty else {
            printError("error: an editor token is needed: --token or SOPRO_EDITOR_TOKEN")
            throw ExitCode(2)
        }
        return token
    }
}
