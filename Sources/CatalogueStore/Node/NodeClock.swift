import SyncProtocol
import Synchronization

/// The node's hybrid logical clock behind a lock, so the publishing transaction (which runs on
/// the store's writer, not on the node's actor) and received changes advance one clock.
final class NodeClock: Sendable {
    private let clock: Mutex<HybridLogicalClock>

    init(latest: HLCTimestamp, maximumSkewMilliseconds: Int64) {
        clock = Mutex(HybridLogicalClock(latest: latest, maximumSkewMilliseconds: maximumSkewMilliseconds))
    }

    /// The timestamp for the node's next change: after everything received, and after `head`
    /// (the node's own last change, which a restored node may have just fetched from a peer).
    func tick(now: Int64, after head: HLCTimestamp?) -> HLCTimestamp {
        clock.withLock { clock in
            if let head, head >= clock.latest { try? clock.receive(head, now: max(now, head.time)) }
            return clock.tick(now: now)
        }
    }

    func receive(_ remote: HLCTimestamp, now: Int64) {
        clock.withLock { clock in try? clock.receive(remote, now: now) }
    }
}
