import NIOCore
import Synchronization

/// The server's open connections and what each is doing, so that near the connection limit a
/// new connection can close one that is only waiting: the one idle longest (no request since it
/// opened or since its last answer), else the oldest still sending a request head. A connection
/// reading a body or being answered is never closed for another.
///
/// Why: measured after the limit and timeouts came in, 512 idle sockets (the default limit)
/// still kept every other client out until the 60 s idle timeout, and an attacker that
/// reconnects as sockets close keeps it out for good. nginx does the same for its keep-alive
/// connections when it runs out of connections.
final class IdleConnections: Sendable {
    enum Phase: Comparable, Sendable {
        case idle, readingHead, busy
    }

    private struct Entry {
        var channel: any Channel
        var phase: Phase
        var since: NIODeadline
    }

    /// From this many open connections on, each new one closes a waiting one.
    let evictFrom: Int
    private let entries = Mutex<[ObjectIdentifier: Entry]>([:])

    init(maximumConnections: Int) {
        evictFrom = max(1, maximumConnections - max(1, maximumConnections / 10))
    }

    func opened(_ channel: any Channel) {
        let victim: (any Channel)? = entries.withLock { entries in
            entries[ObjectIdentifier(channel)] = Entry(channel: channel, phase: .idle, since: .now())
            guard entries.count > evictFrom else { return nil }
            let candidates = entries.filter { $0.key != ObjectIdentifier(channel) && $0.value.phase != .busy }
            guard
                let oldest = candidates.min(by: { ($0.value.phase, $0.value.since) < ($1.value.phase, $1.value.since) })
            else { return nil }
            entries[oldest.key] = nil
            return oldest.value.channel
        }
        victim?.close(promise: nil)
    }

    func update(_ channel: any Channel, _ phase: Phase) {
        entries.withLock { entries in
            entries[ObjectIdentifier(channel)]?.phase = phase
            entries[ObjectIdentifier(channel)]?.since = .now()
        }
    }

    func closed(_ channel: any Channel) {
        _ = entries.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) }
    }
}
