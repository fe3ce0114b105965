package import AsyncHTTPClient
package import CatalogueStore
package import DirectoryModel
package import Foundation
package import NIOCore
import NIOFoundationCompat
import NIOHTTP1
package import NodeAPI
import NodeClient
package import SyncProtocol
import Synchronization

/// How the replicator talks to a peer: the seam between replication and the network.
package protocol PeerClient: Sendable {
    /// The peer's heads (with ids), forks and digest.
    func heads(of peer: Peer) async throws -> SyncState
    func pull(from peer: Peer, have: VersionVector, limit: Int) async throws -> PullResponse
    /// Pushes changes; `nil` when the peer does not take pushes (a mirror).
    func push(_ changes: [SignedChange], to peer: Peer) async throws -> [PushResult]?
    /// The peer's change of `author` at `seq`; `nil` when it holds none.
    func change(of author: AuthorID, seq: UInt64, from peer: Peer) async throws -> SignedChange?
    /// Every fork the peer knows, with its evidence.
    func forks(of peer: Peer) async throws -> [ForksMessage.Fork]
    /// Gives the peer fork evidence.
    func push(forks: [ForksMessage.Fork], to peer: Peer) async throws -> [ForksPushResponse.Result]
    /// The roster versions and key events the peer holds, unless they still have the tag
    /// `ifNoneMatch` (the `ETag` of the last answer).
    func federation(of peer: Peer, ifNoneMatch: String?) async throws -> FederationFetch
    /// Gives the peer roster versions and key events.
    func push(federation: FederationDocumentsMessage, to peer: Peer) async throws -> FederationOfferResponse
    /// The peer's live feed: its announcement numbers as they come (the first at once), until
    /// the peer ends it or it falls silent; `nil` when the peer serves none (the replicator then
    /// polls).
    func subscribe(to peer: Peer) async throws -> AsyncThrowingStream<UInt64, any Error>?

    /// The bytes the peer serves for the picture `sha256` (`GET /v1/pictures/{sha256}`),
    /// unchecked — `StoredPicture(checking:named:)` checks them; `nil` when it holds none.
    func picture(_ sha256: PictureHash, from peer: Peer) async throws -> Data?
}

extension PeerClient {
    /// No feed: test doubles and clients that only poll.
    package func subscribe(to peer: Peer) async throws -> AsyncThrowingStream<UInt64, any Error>? { nil }

    /// No pictures: test doubles that do not serve them.
    package func picture(_ sha256: PictureHash, from peer: Peer) async throws -> Data? { nil }
}

/// When a live feed last sent anything (an event or a heartbeat).
final class LastHeard: Sendable {
    private let value = Mutex(ContinuousClock.now)

    func now() { value.withLock { $0 = .now } }

    var instant: ContinuousClock.Instant { value.withLock { $0 } }
}

/// What a peer answered to a request for its roster documents.
package enum FederationFetch: Sendable {
    /// It serves none (a node of a version before the federation roster).
    case unsupported
    /// The same as the tag asked about.
    case unchanged
    /// Its documents, and their tag for the next request.
    case documents(FederationDocumentsMessage, tag: String?)
}

/// Why a peer could not be reached or answered wrongly.
package struct PeerError: Error, Hashable, Sendable, CustomStringConvertible {
    package let peer: String
    package let message: String

    package var description: String { "peer \(peer): \(message)" }

    /// For test doubles that do not take a kind of request.
    package static let unsupported = PeerError(peer: "test", message: "not supported by this peer")
}

/// Counts the bytes a client sends and receives (bodies and an estimate of request lines and
/// headers), for `sopro-node sync`'s summary.
package final class TrafficMeter: Sendable {
    private let counts = Mutex((sent: 0, received: 0))

    package init() {}

    package var sent: Int { counts.withLock { $0.sent } }
    package var received: Int { counts.withLock { $0.received } }

    func record(sent: Int, received: Int) {
        counts.withLock {
            $0.sent += sent
            $0.received += received
        }
    }
}

/// The peer client over HTTP (AsyncHTTPClient), with timeouts and bounded response sizes.
package struct HTTPPeerClient: PeerClient {
    let client: HTTPClient
    /// The deadline of one request; AsyncHTTPClient retries a refused connection until then.
    var timeout: TimeAmount
    var maximumResponseBytes = 16 * 1_048_576
    let meter: TrafficMeter?

    package init(client: HTTPClient = .sopro, timeout: TimeAmount = .seconds(30), meter: TrafficMeter? = nil) {
        self.client = client
        self.timeout = timeout
        self.meter = meter
    }

    package func heads(of peer: Peer) async throws -> SyncState {
        let (status, body) = try await exchange("/v1/sync/heads", body: nil, with: peer)
        return try decode(SyncState.self, from: body, status: status, path: "/v1/sync/heads", peer: peer)
    }

    package func picture(_ sha256: PictureHash, from peer: Peer) async throws -> Data? {
        let path = "/v1/pictures/\(sha256.rawValue)"
        let (status, body) = try await exchange(path, body: nil, with: peer)
        if status.code == 404 { return nil }
        guard status.code == 200 else {
            throw PeerError(peer: peer.name, message: "\(peer.url)\(path) answered \(status.code)")
        }
        return body
    }

    package func change(of author: AuthorID, seq: UInt64, from peer: Peer) async throws -> SignedChange? {
        let path = "/v1/sync/changes/\(author.rawValue)/\(seq)"
        let (status, body) = try await exchange(path, body: nil, with: peer)
        if status.code == 404 { return nil }
        return try decode(SignedChange.self, from: body, status: status, path: path, peer: peer)
    }

    package func forks(of peer: Peer) async throws -> [ForksMessage.Fork] {
        let (status, body) = try await exchange("/v1/sync/forks", body: nil, with: peer)
        return try decode(ForksMessage.self, from: body, status: status, path: "/v1/sync/forks", peer: peer).forks
    }

    package func push(forks: [ForksMessage.Fork], to peer: Peer) async throws -> [ForksPushResponse.Result] {
        let request = try JSONEncoder().encode(ForksMessage(forks: forks))
        let (status, body) = try await exchange("/v1/sync/forks", body: request, with: peer)
        return try decode(ForksPushResponse.self, from: body, status: status, path: "/v1/sync/forks", peer: peer)
            .results
    }

    package func federation(of peer: Peer, ifNoneMatch: String?) async throws -> FederationFetch {
        let (status, body, headers) = try await exchangeWithHeaders(
            "/v1/federation", body: nil, with: peer,
            headers: ifNoneMatch.map { ["If-None-Match": $0] } ?? [:])
        switch status.code {
        case 404: return .unsupported
        case 304: return .unchanged
        default:
            let message = try decode(
                FederationMessage.self, from: body, status: status, path: "/v1/federation", peer: peer)
            return .documents(message.documents, tag: headers.first(name: "ETag"))
        }
    }

    package func push(federation: FederationDocumentsMessage, to peer: Peer) async throws -> FederationOfferResponse {
        let request = try JSONEncoder().encode(federation)
        let (status, body) = try await exchange("/v1/federation", body: request, with: peer)
        return try decode(FederationOfferResponse.self, from: body, status: status, path: "/v1/federation", peer: peer)
    }

    /// How long a feed may stay silent (no event, no heartbeat) before it counts as lost: a
    /// proxy that buffers the stream, or a peer that vanished. Two heartbeats and a half.
    package static let feedSilence: Duration = .seconds(75)

    package func subscribe(to peer: Peer) async throws -> AsyncThrowingStream<UInt64, any Error>? {
        var request = HTTPClientRequest(url: peer.url + "/v1/sync/feed")
        request.headers.add(name: "Accept", value: "text/event-stream")
        let response = try await client.execute(request, timeout: .hours(24))
        if response.status.code == 404 { return nil }
        guard response.status.code == 200,
            response.headers.first(name: "Content-Type")?.hasPrefix("text/event-stream") == true
        else {
            throw PeerError(peer: peer.name, message: "\(peer.url)/v1/sync/feed answered \(response.status.code)")
        }
        let meter = meter
        let silence = Self.feedSilence
        let body = response.body
        return AsyncThrowingStream { continuation in
            let lastHeard = LastHeard()
            let reader = Task {
                var parser = EventStreamParser()
                do {
                    for try await chunk in body {
                        lastHeard.now()
                        meter?.record(sent: 0, received: chunk.readableBytes)
                        for number in try parser.feed(chunk.readableBytesView) { continuation.yield(number) }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            let watchdog = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(5))
                    if ContinuousClock.now - lastHeard.instant > silence {
                        reader.cancel()
                        continuation.finish(
                            throwing: PeerError(peer: peer.name, message: "the live feed was silent for \(silence)"))
                        return
                    }
                }
            }
            continuation.onTermination = { _ in
                reader.cancel()
                watchdog.cancel()
            }
        }
    }

    package func pull(from peer: Peer, have: VersionVector, limit: Int) async throws -> PullResponse {
        let request = try JSONEncoder().encode(PullRequest(have: have, limit: limit))
        let (status, body) = try await exchange("/v1/sync/pull", body: request, with: peer)
        return try decode(PullResponse.self, from: body, status: status, path: "/v1/sync/pull", peer: peer)
    }

    package func push(_ changes: [SignedChange], to peer: Peer) async throws -> [PushResult]? {
        let request = try JSONEncoder().encode(PushRequest(changes: changes))
        let (status, body) = try await exchange("/v1/sync/push", body: request, with: peer)
        switch status.code {
        case 200:
            return try decode(PushResponse.self, from: body, status: status, path: "/v1/sync/push", peer: peer)
                .results
        case 405:
            return nil
        default:
            // A push in which nothing was accepted comes back as a problem with the results.
            struct Problem: Decodable { var detail: String?; var results: [PushResult]? }
            let problem = try? JSONDecoder().decode(Problem.self, from: body)
            if let results = problem?.results { return results }
            throw PeerError(peer: peer.name, message: "push answered \(status.code): \(problem?.detail ?? "")")
        }
    }

    /// One request: a GET without a body, a JSON POST with one.
    private func exchange(_ path: String, body: Data?, with peer: Peer) async throws -> (HTTPResponseStatus, Data) {
        let (status, data, _) = try await exchangeWithHeaders(path, body: body, with: peer)
        return (status, data)
    }

    private func exchangeWithHeaders(
        _ path: String, body: Data?, with peer: Peer, headers: [String: String] = [:]
    ) async throws -> (HTTPResponseStatus, Data, HTTPHeaders) {
        var request = HTTPClientRequest(url: peer.url + path)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: body))
        }
        let response = try await client.execute(request, timeout: timeout)
        let answer = try await response.body.collect(upTo: maximumResponseBytes)
        // Request line and headers, and the status line and headers of the answer, as they go out.
        let sentHead = "\(request.method.rawValue) \(path) HTTP/1.1\r\n".utf8.count + 60 + (body == nil ? 0 : 60)
        let receivedHead = response.headers.reduce(17) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
        // A gzip answer arrives inflated; its Content-Length is what crossed the wire.
        let receivedBody =
            response.headers.contains(name: "Content-Encoding")
            ? response.headers.first(name: "Content-Length").flatMap(Int.init) ?? answer.readableBytes
            : answer.readableBytes
        meter?.record(sent: sentHead + (body?.count ?? 0), received: receivedHead + receivedBody)
        return (response.status, Data(buffer: answer), response.headers)
    }

    private func decode<Value: Decodable>(
        _ type: Value.Type, from body: Data, status: HTTPResponseStatus, path: String, peer: Peer
    ) throws -> Value {
        guard status.code == 200 else {
            throw PeerError(peer: peer.name, message: "\(peer.url)\(path) answered \(status.code)")
        }
        do {
            return try JSONDecoder().decode(type, from: body)
        } catch {
            throw PeerError(peer: peer.name, message: "\(peer.url)\(path) answered with an unreadable body: \(error)")
        }
    }
}
