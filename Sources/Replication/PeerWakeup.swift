import Synchronization

/// What the live feed tells one peer's sync loop: wake up now (the peer announced something),
/// and whether a feed is connected (then the loop polls only as a safety net). A wake-up that
/// comes while the loop is busy is kept (one), so nothing announced during a round is missed.
final class PeerWakeup: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
        var subscribed = false
    }

    private let state = Mutex(State())

    /// Wakes the loop now, or at its next wait.
    func signal() {
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { state in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.pending = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns at the next signal (at once if one is pending), or when the task is cancelled.
    func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow: Bool = state.withLock { state in
                    if state.pending || Task.isCancelled {
                        state.pending = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }

    var isSubscribed: Bool { state.withLock { $0.subscribed } }

    func setSubscribed(_ subscribed: Bool) { state.withLock { $0.subscribed = subscribed } }
}
