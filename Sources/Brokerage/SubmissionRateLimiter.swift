import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// At most `maximum` accepted inquiries per client address within `window`: enough for a
/// person who corrects a typo and sends again, too few for a script filling the operators'
/// inbox. Also at most `prefixMaximum` from one network (an IPv4 /24 or IPv6 /64, which one
/// client usually holds whole), and `invalidMaximum` refused ones per address (a form that is
/// refused does not use up the asker's allowance, but a script sending rubbish is slowed too).
/// Kept in memory (a restart forgets it, which an attacker gains little from); at most
/// `capacity` addresses and networks are remembered, the least recently seen forgotten first.
///
/// Measured before: refused submissions counted against the asker, each address of a /64 had
/// its own allowance, and at 10,000 addresses everything was forgotten at once.
package final class SubmissionRateLimiter: Sendable {
    package let maximum: Int
    package let prefixMaximum: Int
    package let invalidMaximum: Int
    package let windowMilliseconds: Int64
    let capacity: Int
    private let state: Mutex<State>

    private struct State {
        /// Times by key (`a:` address, `n:` network, `i:` refused from an address), oldest first.
        var times: [String: [Int64]] = [:]
        /// When each key was last counted, for forgetting the least recent.
        var lastSeen: [String: Int64] = [:]
    }

    package init(
        maximum: Int = 5, windowMilliseconds: Int64 = 10 * 60 * 1000, prefixMaximum: Int? = nil,
        invalidMaximum: Int? = nil, capacity: Int = 10_000
    ) {
        self.maximum = maximum
        self.prefixMaximum = prefixMaximum ?? 4 * maximum
        self.invalidMaximum = invalidMaximum ?? 4 * maximum
        self.windowMilliseconds = windowMilliseconds
        self.capacity = capacity
        state = Mutex(State())
    }

    /// Counts a submission by `client` at `now` as accepted; returns `nil` when it is allowed,
    /// otherwise the seconds until the next one is (and does not count it). A submission that
    /// is then refused is moved to the refused count with ``countAsRefused(_:at:)``.
    package func admit(_ client: String, now: Int64) -> Int? {
        let keys = [
            ("a:" + client, maximum), ("n:" + Self.network(of: client), prefixMaximum),
            ("i:" + client, invalidMaximum),
        ]
        return state.withLock { state in
            var wait: Int64 = 0
            for (key, limit) in keys {
                let times = Self.current(key, in: &state, now: now, window: windowMilliseconds)
                // Trying again keeps a limited client remembered.
                if !times.isEmpty { state.lastSeen[key] = now }
                if times.count >= limit, let oldest = times.first {
                    wait = max(wait, oldest + windowMilliseconds - now)
                }
            }
            if wait > 0 { return Int((wait + 999) / 1000) }
            for (key, _) in keys.prefix(2) { Self.record(key, at: now, in: &state, capacity: capacity) }
            return nil
        }
    }

    /// A submission `admit` counted was refused (invalid): it counts as refused instead.
    package func countAsRefused(_ client: String, at time: Int64) {
        state.withLock { state in
            for key in ["a:" + client, "n:" + Self.network(of: client)] {
                if let index = state.times[key]?.lastIndex(of: time) { state.times[key]?.remove(at: index) }
            }
            Self.record("i:" + client, at: time, in: &state, capacity: capacity)
        }
    }

    private static func current(_ key: String, in state: inout State, now: Int64, window: Int64) -> [Int64] {
        guard let times = state.times[key] else { return [] }
        let recent = times.filter { $0 > now - window }
        state.times[key] = recent
        return recent
    }

    private static func record(_ key: String, at time: Int64, in state: inout State, capacity: Int) {
        if state.times[key] == nil, state.times.count >= capacity {
            // Forget the least recently seen tenth at once, so this stays rare.
            let forgotten = state.lastSeen.sorted { $0.value < $1.value }.prefix(max(1, capacity / 10))
            for (old, _) in forgotten {
                state.times[old] = nil
                state.lastSeen[old] = nil
            }
        }
        state.times[key, default: []].append(time)
        state.lastSeen[key] = time
    }

    /// The network an address belongs to: its IPv4 /24 or IPv6 /64; other text as it is.
    static func network(of address: String) -> String {
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 {
            let bytes = withUnsafeBytes(of: v4) { Array($0) }
            return bytes.prefix(3).map(String.init).joined(separator: ".") + ".0/24"
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, address, &v6) == 1 {
            let bytes = withUnsafeBytes(of: v6) { Array($0) }
            return stride(from: 0, to: 8, by: 2).map { String(Int(bytes[$0]) << 8 | Int(bytes[$0 + 1]), radix: 16) }
                .joined(separator: ":") + "::/64"
        }
        return address
    }
}
