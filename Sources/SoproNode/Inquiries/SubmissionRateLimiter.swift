import Synchronization

/// At most `maximum` inquiries per client address within `window`: enough for a person who
/// corrects a typo and sends again, too few for a script filling the operators' inbox. Kept in
/// memory (a restart forgets it, which an attacker gains little from); at most `capacity`
/// addresses are remembered.
public final class SubmissionRateLimiter: Sendable {
    public let maximum: Int
    public let windowMilliseconds: Int64
    let capacity: Int
    private let recent = Mutex([String: [Int64]]())

    public init(maximum: Int = 5, windowMilliseconds: Int64 = 10 * 60 * 1000, capacity: Int = 10_000) {
        self.maximum = maximum
        self.windowMilliseconds = windowMilliseconds
        self.capacity = capacity
    }

    /// Counts a submission by `client` at `now`; returns `nil` when it is allowed, otherwise the
    /// seconds until the next one is (and does not count it).
    public func admit(_ client: String, now: Int64) -> Int? {
        recent.withLock { recent in
            let since = now - windowMilliseconds
            var times = (recent[client] ?? []).filter { $0 > since }
            if times.count >= maximum, let oldest = times.first {
                recent[client] = times
                return Int((oldest + windowMilliseconds - now + 999) / 1000)
            }
            if recent.count >= capacity {
                recent = recent.filter { $0.value.contains { $0 > since } }
                if recent.count >= capacity { recent.removeAll() }
            }
            times.append(now)
            recent[client] = times
            return nil
        }
    }
}
