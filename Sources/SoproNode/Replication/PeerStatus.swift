import Foundation
import SyncProtocol

/// What the node knows about each peer's sync, for `status`, metrics and the federation page.
public struct PeerStatus: Sendable, Hashable {
    public var peer: Peer
    /// Wall time (ms) of the last round that completed.
    public var lastSuccess: Int64?
    /// The last error, and when (ms).
    public var lastError: String?
    public var lastErrorAt: Int64?
    /// Changes the peer had that we lacked, at the last look.
    public var changesBehind: UInt64 = 0
    /// Changes we had that the peer lacked, at the last look.
    public var changesAhead: UInt64 = 0
    public var consecutiveFailures = 0
    /// Whether the peer refuses pushes (a mirror).
    public var isReadOnly = false
    /// Heads were equal at the last round but the state digests were not.
    public var digestMismatch = false
    /// Changes refused at the last round, either way.
    public var refusedChanges = 0
    /// Authors whose changes were refused (pulled or pushed) at the heads noted: they are not
    /// exchanged with this peer again until either side's head of that author moves.
    public var stuck: [AuthorID: StuckAuthor] = [:]
}

/// An author whose changes a round could not exchange with a peer, and why.
public struct StuckAuthor: Sendable, Hashable {
    /// Our and their head of the author when it stuck.
    public var ours: SyncState.Head?
    public var theirs: SyncState.Head?
    public var reason: String
}

/// The status of every peer, shared between the replicator and readers.
public actor PeerStatusBoard {
    public private(set) var statuses: [String: PeerStatus] = [:]

    public init(peers: [Peer]) {
        for peer in peers { statuses[peer.name] = PeerStatus(peer: peer) }
    }

    func update(_ name: String, _ change: (inout PeerStatus) -> Void) {
        guard var status = statuses[name] else { return }
        change(&status)
        statuses[name] = status
    }

    public func status(of name: String) -> PeerStatus? { statuses[name] }
}
