import Synchronization

/// A clock that moves only when the test says so, and records every sleep asked of it: the
/// replicator's loop (interval, backoff, jitter, shutdown) runs on it without waiting in real
/// time.
package final class ManualClock: Clock, Sendable {
    package struct Instant: InstantProtocol {
        package var offset: Duration
        package func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        package func duration(to other: Instant) -> Duration { other.offset - offset }
        package static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct Sleeper {
        var id: Int
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var sleepers: [Sleeper] = []
        var requested: [Duration] = []
        var nextID = 0
    }

    private let state = Mutex(State())

    package init() {}

    package var now: Instant { state.withLock { $0.now } }
    package var minimumResolution: Duration { .zero }

    /// Every sleep asked for so far, in order.
    package var requested: [Duration] { state.withLock { $0.requested } }

    package func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let due = state.withLock { state in
                    state.requested.append(state.now.duration(to: deadline))
                    if deadline <= state.now || Task.isCancelled { return true }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return false
                }
                if due { continuation.resume() }
            }
        } onCancel: {
            let cancelled = state.withLock { state in
                let found = state.sleepers.first { $0.id == id }
                state.sleepers.removeAll { $0.id == id }
                return found
            }
            cancelled?.continuation.resume(throwing: CancellationError())
        }
        try Task.checkCancellation()
    }

    /// Moves the time on, waking every sleeper whose deadline has come.
    package func advance(by duration: Duration) {
        let due = state.withLock { state in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }
            state.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    package struct Timeout: Error, CustomStringConvertible {
        package var description: String
    }

    /// Waits (in real time, at most ten seconds) until `count` sleeps have been asked for and
    /// one is waiting.
    package func waitForSleeps(_ count: Int) async throws {
        for _ in 0..<2_000 {
            if requested.count >= count, state.withLock({ !$0.sleepers.isEmpty }) { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw Timeout(description: "\(requested.count) sleeps were asked for in ten seconds, not \(count)")
    }
}
