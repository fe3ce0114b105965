/// Whether a regional node knows its own latest change, and if not, what it waits for.
///
/// A node restored from a backup, or one that lost its store, must not sign a seq its peers
/// already hold: that is a fork, and it quarantines the node's own log everywhere. So after
/// every start it signs nothing until its peers have told it its own head (see the replicator's
/// `OwnHeadConfirmation`).
package struct OwnHeadStatus: Sendable, Hashable, Codable {
    /// Whether the node may sign.
    package var confirmed: Bool
    /// How it was confirmed: `peers` (every regional peer answered), `quorum` (a majority of them
    /// answered after the wait limit), `no-regional-peers`, `operator` (`serve --confirm-own-head`),
    /// `not-needed` (tests, tools).
    package var confirmedBy: String?
    /// While not confirmed: the peers that have not answered yet, by name.
    package var waitingFor: [String]
    /// The node's own head (its log's last seq).
    package var seq: UInt64
    /// The seq of the earliest fork of the node's own log, when there is one: it signs nothing.
    package var forkedAt: UInt64?
    /// When the wait began, and when a majority of the regional peers suffices (ms since 1970).
    package var since: Int64?
    package var quorumAfter: Int64?

    package init(
        confirmed: Bool, confirmedBy: String? = nil, waitingFor: [String] = [], seq: UInt64 = 0, since: Int64? = nil,
        quorumAfter: Int64? = nil
    ) {
        self.confirmed = confirmed
        self.confirmedBy = confirmedBy
        self.waitingFor = waitingFor
        self.seq = seq
        self.since = since
        self.quorumAfter = quorumAfter
    }

    /// For messages: what the node waits for.
    package var explanation: String {
        if let forkedAt { return "its own log is forked at seq \(forkedAt)" }
        if confirmed { return "confirmed (\(confirmedBy ?? "peers"))" }
        if waitingFor.isEmpty { return "waiting for its regional peers to answer" }
        return "waiting for \(waitingFor.joined(separator: ", ")) to answer"
    }
}
