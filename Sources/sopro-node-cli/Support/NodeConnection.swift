import ArgumentParser
import Foundation
import NodeAPI
import NodeClient

/// The commands' way to a node: the typed `NodeClient`, with its failures said in plain words.
/// A problem answer (RFC 9457) is printed as its detail and any listed issues, and ends the
/// command with exit code 1; so does a node that cannot be reached. While a regional node that
/// has just started answers 503 (it is confirming its own log with its peers), the command says
/// so on stderr and asks again, for up to a minute.
struct NodeConnection {
    let client: NodeClient

    init(url: String) {
        var client = NodeClient(url: url)
        client.onWait = { detail, pause in
            printError("the node is not ready (\(detail)); asking again in \(pause.components.seconds) s")
        }
        self.client = client
    }

    var url: String { client.url }

    /// The result of `request`; a failure is printed and ends the command with exit code 1.
    func run<Value>(_ request: (NodeClient) async throws -> Value) async throws -> Value {
        do {
            return try await request(client)
        } catch let error as NodeClientError {
            Self.report(error)
            throw ExitCode(1)
        }
    }

    /// GET `path`: the node's answer as it came (for `--json`).
    func get(_ path: String, token: String? = nil) async throws -> Data {
        try await run { try await $0.get(path, token: token) }
    }

    /// Prints a failure in plain words.
    static func report(_ error: NodeClientError) {
        for issue in error.problem?.issues ?? [] { printError("error: \(issue)") }
        printError("error: \(error)")
    }
}

/// A query string from name–value pairs, leaving out absent values (`?a=1&b=2`, or `""`).
func queryString(_ items: [(String, String?)]) -> String {
    NodeClient.queryString(items)
}
