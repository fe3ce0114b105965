import CatalogueStore

/// When a restarted regional node may sign again.
///
/// A node restored from a backup, or one that lost its store, only learns of its own later
/// changes from the peers that hold them; if it signed before, it would reuse a seq — a fork that
/// quarantines its log everywhere. So it waits until **every configured regional peer** has
/// answered a sync round in which the node fetched whatever of its own log the peer held and found
/// the peer's copy to agree with its own. A mirror proves nothing (it may lag behind every region)
/// and neither does a peer with an empty store, so neither counts toward a quorum; but every
/// configured peer, mirrors included, has had its first round (answered or failed) before the node
/// signs, so a reachable mirror that holds more of the node's log is pulled from first.
///
/// When some regional peers stay silent, `quorumAfter` after the start a strict majority of the
/// regional peers with non-empty stores is enough (the rest are presumed down, and a change only
/// one silent peer holds is the risk an operator accepts by leaving the default on). A node with
/// no regional peers signs at once; an operator whose peers are gone for good starts the node with
/// `serve --confirm-own-head`.
///
/// Rejected: "the first peer that answers" (the old rule — a lagging peer confirmed a restored
/// node, which then signed a seq its other peers held); "a majority at once" (a majority of
/// lagging peers is as easy to meet as one).
actor OwnHeadConfirmation {
    let regionalPeers: [String]
    let startedAt: Int64
    let quorumAfterMilliseconds: Int64
    let allPeers: Set<String>
    /// Regional peers that answered, and whether their store held anything.
    private var answered: [String: Bool] = [:]
    /// Peers whose first round since the start has ended, answered or not.
    private var attempted: Set<String> = []

    init(regionalPeers: [String], allPeers: [String], startedAt: Int64, quorumAfterMilliseconds: Int64) {
        self.regionalPeers = regionalPeers
        self.allPeers = Set(allPeers)
        self.startedAt = startedAt
        self.quorumAfterMilliseconds = quorumAfterMilliseconds
    }

    /// Records a round with a regional peer whose copy of the node's own log the node now holds
    /// and agrees with.
    func answered(_ peer: String, storeHeldChanges: Bool) {
        guard regionalPeers.contains(peer) else { return }
        answered[peer] = storeHeldChanges || (answered[peer] ?? false)
    }

    /// The regional peers that have not answered.
    func silentRegionalPeers() -> [String] {
        regionalPeers.filter { answered[$0] == nil }
    }

    /// Records that a round with `peer` ended, whatever its outcome.
    func attempted(_ peer: String) {
        attempted.insert(peer)
    }

    /// The decision at `now`, for the node's status.
    func status(now: Int64, seq: UInt64) -> OwnHeadStatus {
        let waiting = regionalPeers.filter { answered[$0] == nil }
        let quorumAt = startedAt + quorumAfterMilliseconds
        let untried = allPeers.subtracting(attempted).sorted()
        if !untried.isEmpty {
            return OwnHeadStatus(
                confirmed: false, waitingFor: Array(Set(waiting + untried)).sorted(), seq: seq, since: startedAt,
                quorumAfter: quorumAt)
        }
        if regionalPeers.isEmpty {
            return OwnHeadStatus(confirmed: true, confirmedBy: "no-regional-peers", seq: seq, since: startedAt)
        }
        if waiting.isEmpty {
            return OwnHeadStatus(confirmed: true, confirmedBy: "peers", seq: seq, since: startedAt)
        }
        let witnesses = answered.values.filter { $0 }.count
        if now >= quorumAt, witnesses * 2 > regionalPeers.count {
            return OwnHeadStatus(
                confirmed: true, confirmedBy: "quorum", seq: seq, since: startedAt, quorumAfter: quorumAt)
        }
        return OwnHeadStatus(
            confirmed: false, waitingFor: waiting, seq: seq, since: startedAt, quorumAfter: quorumAt)
    }
}
