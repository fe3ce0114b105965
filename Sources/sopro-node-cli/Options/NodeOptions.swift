import ArgumentParser
import Foundation
import SoproNode

/// Which node a command talks to over HTTP: `--node`, or the one the data directory configures.
struct NodeOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The node's URL (default: the address in the data directory's configuration).", valueName: "url"))
    var node: String?

    /// The node's base URL without a trailing slash; a usage error (exit 2) when neither
    /// `--node` nor a readable configuration says where the node is.
    func url(data: DataDirectoryOptions) throws -> String {
        if let node {
            guard let parsed = URL(string: node), ["http", "https"].contains(parsed.scheme ?? "") else {
                printError("error: --node \(node) is not an http(s) URL")
                throw ExitCode(2)
            }
            return node.hasSuffix("/") ? String(node.dropLast()) : node
        }
        do {
            let configuration = try NodeConfiguration.load(from: data.url)
            let host = configuration.listen.host == "0.0.0.0" ? "127.0.0.1" : configuration.listen.host
            return "http://\(host):\(configuration.listen.port)"
        } catch {
            printError("error: \(error) — or pass --node URL")
            throw ExitCode(2)
        }
    }
}
