import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NodeServer
import Replication
import SoproNode

/// Requests to a node's HTTP API for the commands that read or publish. A problem answer
/// (RFC 9457) is printed in plain words — its detail and any listed issues — and ends the command
/// with exit code 1; so does a node that cannot be reached. A node that answers 503 with
/// `Retry-After` (a regional node that has just started and is still confirming its own log with
/// its peers) is asked again, saying so on stderr, for up to `patience`.
struct NodeConnection {
    let url: String
    var timeout: TimeAmount = .seconds(120)
    var patience: Duration = .seconds(60)

    /// GET `path`; `nil` for 404 when `allowMissing`, the body otherwise.
    func get(_ path: String, allowMissing: Bool = false) async throws -> Data? {
        try await send(HTTPClientRequest(url: url + path), allowMissing: allowMissing)
    }

    /// GET `path` with an editor token.
    func get(_ path: String, token: String) async throws -> Data {
        var request = HTTPClientRequest(url: url + path)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        return try await send(request, allowMissing: false) ?? Data()
    }

    /// POST a JSON body to `path` with an editor token.
    func post(_ path: String, json: Data, token: String) async throws -> Data {
        var request = HTTPClientRequest(url: url + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.body = .bytes(ByteBuffer(data: json))
        return try await send(request, allowMissing: false) ?? Data()
    }

    private func send(_ request: HTTPClientRequest, allowMissing: Bool) async throws -> Data? {
        var waited = Duration.zero
        while true {
            let response: HTTPClientResponse
            let body: ByteBuffer
            do {
                response = try await HTTPClient.sopro.execute(request, timeout: timeout)
                body = try await response.body.collect(upTo: 256 << 20)
            } catch {
                printError("error: cannot reach the node at \(url): \(ConnectionFailure.plainWords("\(error)"))")
                throw ExitCode(1)
            }
            let data = Data(buffer: body)
            if response.status == .ok { return data }
            if response.status == .notFound && allowMissing { return nil }
            if response.status == .serviceUnavailable,
                let seconds = response.headers.first(name: "Retry-After").flatMap(Int.init), seconds > 0,
                waited < patience
            {
                let pause = min(Duration.seconds(seconds), patience - waited)
                printError(
                    "the node is not ready (\(Self.detail(of: data))); asking again in \(pause.components.seconds) s")
                try await Task.sleep(for: pause)
                waited += pause
                continue
            }
            throw Self.report(response.status, data)
        }
    }

    private static func detail(of data: Data) -> String {
        let problem = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        return problem?["detail"] as? String ?? String(decoding: data.prefix(500), as: UTF8.self)
    }

    /// Prints a problem answer in plain words; the command then ends with exit code 1.
    private static func report(_ status: HTTPResponseStatus, _ data: Data) -> ExitCode {
        let problem = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        for issue in problem?["issues"] as? [String] ?? [] { printError("error: \(issue)") }
        printError("error: the node answered \(status.code): \(detail(of: data))")
        return ExitCode(1)
    }
}

/// A query string from name–value pairs, leaving out absent values (`?a=1&b=2`, or `""`).
func queryString(_ items: [(String, String?)]) -> String {
    let query = URLQuery.encode(items)
    return query.isEmpty ? "" : "?" + query
}
