import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import SyncProtocol

/// How the replicator talks to a peer: the seam between replication and the network.
public protocol PeerClient: Sendable {
    func heads(of peer: Peer) async throws -> VersionVector
    func pull(from peer: Peer, have: VersionVector, limit: Int) async throws -> PullResponse
    /// Pushes changes; `nil` when the peer does not take pushes (a mirror).
    func push(_ changes: [SignedChange], to peer: Peer) async throws -> [PushResult]?
}

/// Why a peer could not be reached or answered wrongly.
public struct PeerError: Error, Hashable, Sendable, CustomStringConvertible {
    public let peer: String
    public let message: String

    public var description: String { "peer \(peer): \(message)" }
}

/// The peer client over HTTP (AsyncHTTPClient), with timeouts and bounded response sizes.
public struct HTTPPeerClient: PeerClient {
    let client: HTTPClient
    /// The deadline of one request; AsyncHTTPClient retries a refused connection until then.
    var timeout: TimeAmount
    var maximumResponseBytes = 16 * 1_048_576

    public init(client: HTTPClient = .shared, timeout: TimeAmount = .seconds(30)) {
        self.client = client
        self.timeout = timeout
    }

    public func heads(of peer: Peer) async throws -> VersionVector {
        try await send(HTTPClientRequest(url: peer.url + "/v1/sync/heads"), to: peer, as: VersionVector.self)
    }

    public func pull(from peer: Peer, have: VersionVector, limit: Int) async throws -> PullResponse {
        var request = HTTPClientRequest(url: peer.url + "/v1/sync/pull")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(PullRequest(have: have, limit: limit))))
        return try await send(request, to: peer, as: PullResponse.self)
    }

    public func push(_ changes: [SignedChange], to peer: Peer) async throws -> [PushResult]? {
        var request = HTTPClientRequest(url: peer.url + "/v1/sync/push")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(PushRequest(changes: changes))))
        let response = try await client.execute(request, timeout: timeout)
        let body = try await response.body.collect(upTo: maximumResponseBytes)
        switch response.status.code {
        case 200:
            return try JSONDecoder().decode(PushResponse.self, from: Data(buffer: body)).results
        case 405:
            return nil
        default:
            // A push in which nothing was accepted comes back as a problem with the results.
            struct Problem: Decodable { var detail: String?; var results: [PushResult]? }
            let problem = try? JSONDecoder().decode(Problem.self, from: Data(buffer: body))
            if let results = problem?.results { return results }
            throw PeerError(peer: peer.name, message: "push answered \(response.status.code): \(problem?.detail ?? "")")
        }
    }

    private func send<Value: Decodable>(
        _ request: HTTPClientRequest, to peer: Peer, as type: Value.Type
    ) async throws
        -> Value
    {
        let response = try await client.execute(request, timeout: timeout)
        let body = try await response.body.collect(upTo: maximumResponseBytes)
        guard response.status.code == 200 else {
            throw PeerError(peer: peer.name, message: "\(request.url) answered \(response.status.code)")
        }
        do {
            return try JSONDecoder().decode(type, from: Data(buffer: body))
        } catch {
            throw PeerError(peer: peer.name, message: "\(request.url) answered with an unreadable body: \(error)")
        }
    }
}
