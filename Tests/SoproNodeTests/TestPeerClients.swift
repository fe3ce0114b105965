import CatalogueStore
import DirectoryModel
import Foundation
import NIOCore
import NodeAPI
import Replication
import SoproNode
import SyncProtocol
import Synchronization

/// A peer client over another client that can cut the node off from peers (a partition):
/// requests to a blocked peer fail as if it did not answer.
final class PartitionedPeerClient: PeerClient {
    let base: any PeerClient
    private let blocked: Mutex<Set<String>>

    init(_ base: any PeerClient, blocking: Set<String> = []) {
        self.base = base
        self.blocked = Mutex(blocking)
    }

    func block(_ names: Set<String>) { blocked.withLock { $0 = names } }

    private func reach(_ peer: Peer) throws {
        if blocked.withLock({ $0.contains(peer.name) }) {
            throw PartitionError(peer: peer.name)
        }
    }

    struct PartitionError: Error, CustomStringConvertible {
        var peer: String
        var description: String { "peer \(peer) is cut off (test partition)" }
    }

    func heads(of peer: Peer) async throws -> SyncState {
        try reach(peer)
        return try await base.heads(of: peer)
    }

    func pull(from peer: Peer, have: VersionVector, limit: Int) async throws -> PullResponse {
        try reach(peer)
        return try await base.pull(from: peer, have: have, limit: limit)
    }

    func push(_ changes: [SignedChange], to peer: Peer) async throws -> [PushResult]? {
        try reach(peer)
        return try await base.push(changes, to: peer)
    }

    func change(of author: AuthorID, seq: UInt64, from peer: Peer) async throws -> SignedChange? {
        try reach(peer)
        return try await base.change(of: author, seq: seq, from: peer)
    }

    func forks(of peer: Peer) async throws -> [ForksMessage.Fork] {
        try reach(peer)
        return try await base.forks(of: peer)
    }

    func push(forks: [ForksMessage.Fork], to peer: Peer) async throws -> [ForksPushResponse.Result] {
        try reach(peer)
        return try await base.push(forks: forks, to: peer)
    }

    func federation(of peer: Peer, ifNoneMatch: String?) async throws -> FederationFetch {
        try reach(peer)
        return try await base.federation(of: peer, ifNoneMatch: ifNoneMatch)
    }

    func push(federation: FederationDocumentsMessage, to peer: Peer) async throws -> FederationOfferResponse {
        try reach(peer)
        return try await base.push(federation: federation, to: peer)
    }
}

/// A peer client that counts the changes it pushes.
final class CountingPeerClient: PeerClient {
    let base: any PeerClient
    private let pushed = Mutex(0)

    init(_ base: any PeerClient) { self.base = base }

    var pushedChanges: Int { pushed.withLock { $0 } }

    func heads(of peer: Peer) async throws -> SyncState { try await base.heads(of: peer) }

    func pull(from peer: Peer, have: VersionVector, limit: Int) async throws -> PullResponse {
        try await base.pull(from: peer, have: have, limit: limit)
    }

    func push(_ changes: [SignedChange], to peer: Peer) async throws -> [PushResult]? {
        pushed.withLock { $0 += changes.count }
        return try await base.push(changes, to: peer)
    }

    func change(of author: AuthorID, seq: UInt64, from peer: Peer) async throws -> SignedChange? {
        try await base.change(of: author, seq: seq, from: peer)
    }

    func forks(of peer: Peer) async throws -> [ForksMessage.Fork] { try await base.forks(of: peer) }

    func push(forks: [ForksMessage.Fork], to peer: Peer) async throws -> [ForksPushResponse.Result] {
        try await base.push(forks: forks, to: peer)
    }

    func federation(of peer: Peer, ifNoneMatch: String?) async throws -> FederationFetch {
        try await base.federation(of: peer, ifNoneMatch: ifNoneMatch)
    }

    func push(federation: FederationDocumentsMessage, to peer: Peer) async throws -> FederationOfferResponse {
        try await base.push(federation: federation, to: peer)
    }
}

/// A peer client that hands every request to `base`; test clients override what they change.
/// `@unchecked Sendable`: its only state is the immutable `base`; subclasses keep theirs in a
/// `Mutex`.
class ForwardingPeerClient: PeerClient, @unchecked Sendable {
    let base: any PeerClient

    init(_ base: any PeerClient) { self.base = base }

    func heads(of peer: Peer) async throws -> SyncState { try await base.heads(of: peer) }

    func pull(from peer: Peer, have: VersionVector, limit: Int) async throws -> PullResponse {
        try await base.pull(from: peer, have: have, limit: limit)
    }

    func push(_ changes: [SignedChange], to peer: Peer) async throws -> [PushResult]? {
        try await base.push(changes, to: peer)
    }

    func change(of author: AuthorID, seq: UInt64, from peer: Peer) async throws -> SignedChange? {
        try await base.change(of: author, seq: seq, from: peer)
    }

    func forks(of peer: Peer) async throws -> [ForksMessage.Fork] { try await base.forks(of: peer) }

    func push(forks: [ForksMessage.Fork], to peer: Peer) async throws -> [ForksPushResponse.Result] {
        try await base.push(forks: forks, to: peer)
    }

    func federation(of peer: Peer, ifNoneMatch: String?) async throws -> FederationFetch {
        try await base.federation(of: peer, ifNoneMatch: ifNoneMatch)
    }

    func push(federation: FederationDocumentsMessage, to peer: Peer) async throws -> FederationOfferResponse {
        try await base.push(federation: federation, to: peer)
    }

    func subscribe(to peer: Peer) async throws -> AsyncThrowingStream<UInt64, any Error>? {
        try await base.subscribe(to: peer)
    }

    func picture(_ sha256: PictureHash, from peer: Peer) async throws -> Data? {
        try await base.picture(sha256, from: peer)
    }
}

/// A peer client that records what each request for roster documents brought.
final class FederationRecordingPeerClient: ForwardingPeerClient, @unchecked Sendable {
    private let fetches = Mutex<[String]>([])

    /// `unsupported`, `unchanged` or `documents`, in order.
    var recorded: [String] { fetches.withLock { $0 } }

    override func federation(of peer: Peer, ifNoneMatch: String?) async throws -> FederationFetch {
        let fetch = try await base.federation(of: peer, ifNoneMatch: ifNoneMatch)
        let name =
            switch fetch {
            case .unsupported: "unsupported"
            case .unchanged: "unchanged"
            case .documents: "documents"
            }
        fetches.withLock { $0.append(name) }
        return fetch
    }
}

extension HTTPPeerClient {
    /// A peer client for the live tests: they run beside the whole suite on two cores, where a
    /// loopback request waited more than 5 s for its turn; no test here is about the timeout.
    static var underTestLoad: HTTPPeerClient { HTTPPeerClient(timeout: .seconds(30)) }
}
