package import CatalogueStore
import Foundation
package import SyncProtocol

/// What the node knows about each peer's sync, for `status`, metrics and the federation page.
package struct PeerStatus: Sendable, Hashable {
    package var peer: Peer
    /// Wall time (ms) of the last round that completed.
    package var lastSuccess: Int64?
    /// The last error, and when (ms).
    package var lastError: String?
    package var lastErrorAt: Int64?
    /// Changes the peer had that we lacked, at the last look.
    package var changesBehind: UInt64 = 0
    /// Changes we had that the peer lacked, at the last look.
    package var changesAhead: UInt64 = 0
    package var consecutiveFailures = 0
    /// Whether the peer refuses pushes (a mirror).
    package var isReadOnly = false
    /// Heads were equal at the last round but the state digests were not.
    package var digestMismatch = false
    /// Changes refused at the last round, either way.
    package var refusedChanges = 0
    /// Whether the peer's live feed is connected (then a round follows each announcement).
    package var liveFeed = false
    /// Authors whose changes were refused (pulled or pushed) at the heads noted: they are not
    /// exchanged with this peer again until either side's head of that author moves.
    package var stuck: [AuthorID: StuckAuthor] = [:]
}

/// An author whose changes a round could not exchange with a peer, and why.
package struct StuckAuthor: Sendable, Hashable {
    /// Our and their head of the author when it stuck.
    package var ours: SyncState.Head?
    package var theirs: SyncState.Head?
    package var reason: String
}

/// The status of every peer, shared between the replicator and readers.
package actor PeerStatusBoard {
    package private(set) var statuses: [String: PeerStatus] = [:]

    package init(peers: [Peer]) {
        for peer in peers { statuses[peer.name] = PeerStatus(peer: peer) }
    }

    func update(_ name: String, _ change: (inout PeerStatus) -> Void) {
        guard var status = statuses[name] else { return }
        change(&status)
        statuses[name] = status
    }

    package func status(of name: String) -> PeerStatus? { statuses[name] }
}
