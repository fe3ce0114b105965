/// A hybrid logical clock: stays close to wall-clock time while never running backwards and
/// always ordering a change after every change its author had seen.
///
/// Value type: the owner (a node) keeps one and passes in the wall clock, so tests control time.
public struct HybridLogicalClock: Hashable, Sendable {
    /// The latest timestamp issued or received.
    public private(set) var latest: HLCTimestamp
    /// How far ahead of our wall clock a received timestamp may be (default 5 minutes).
    public var maximumSkewMilliseconds: Int64

    public init(latest: HLCTimestamp = .zero, maximumSkewMilliseconds: Int64 = 5 * 60 * 1000) {
        self.latest = latest
        self.maximumSkewMilliseconds = maximumSkewMilliseconds
    }

    /// The timestamp for a local event (a new change) at wall time `now` (ms since 1970).
    public mutating func tick(now: Int64) -> HLCTimestamp {
        if now > latest.time {
            latest = HLCTimestamp(time: now, counter: 0)
        } else {
            latest.counter += 1
        }
        return latest
    }

    /// Checks that `remote` is not too far ahead of `now`, without changing the clock.
    public func check(_ remote: HLCTimestamp, now: Int64) throws(SyncError) {
        let ahead = remote.time - now
        if ahead > maximumSkewMilliseconds {
            throw SyncError.clockAhead(by: ahead, limit: maximumSkewMilliseconds)
        }
    }

    /// Advances the clock past a received timestamp, so our next change orders after it.
    /// Throws (and changes nothing) when `remote` is more than the skew bound ahead of `now`.
    public mutating func receive(_ remote: HLCTimestamp, now: Int64) throws(SyncError) {
        try check(remote, now: now)
        let time = max(latest.time, remote.time, now)
        let counter: Int64
        if time == latest.time && time == remote.time {
            counter = max(latest.counter, remote.counter) + 1
        } else if time == latest.time {
            counter = latest.counter + 1
        } else if time == remote.time {
            counter = remote.counter + 1
        } else {
            counter = 0
        }
        latest = HLCTimestamp(time: time, counter: counter)
    }
}
