import Synchronization

/// Tells subscribers that the node stored something new (a change accepted or signed, fork
/// evidence, a roster version or key event), for the live feed `GET /v1/sync/feed`: a peer that
/// hears of it pulls at once with the ordinary verified pull.
///
/// Each subscriber holds at most one pending announcement (the newest sequence number): a slow
/// or stuck subscriber misses intermediate numbers, never delays the node or the others, and
/// costs a bounded amount of memory. Subscribers are limited in total and per client address.
package final class ChangeFeed: Sendable {
    private struct State {
        var sequence: UInt64 = 0
        var subscribers: [Int: (client: String, continuation: AsyncStream<UInt64>.Continuation)] = [:]
        var nextID = 0
    }

    /// Subscribers at most, and per client address.
    package let maximumSubscribers: Int
    package let maximumPerClient: Int
    private let state = Mutex(State())

    package init(maximumSubscribers: Int = 64, maximumPerClient: Int = 4) {
        self.maximumSubscribers = maximumSubscribers
        self.maximumPerClient = maximumPerClient
    }

    /// A subscription: the announcements (sequence numbers, newest only when several came
    /// between two reads), starting with the current one, until `cancel()`.
    package struct Subscription: Sendable {
        package let announcements: AsyncStream<UInt64>
        package let cancel: @Sendable () -> Void
    }

    /// Why a subscription was refused.
    package enum Refusal: Error, Sendable {
        case full(Int)
        case tooManyFromClient(Int)
    }

    /// Why `client` could not subscribe now, if so (checked before a response starts; the
    /// subscription itself is made when its body is written, so a `HEAD` makes none).
    package func refusal(for client: String) -> Refusal? {
        state.withLock { state in
            if state.subscribers.count >= maximumSubscribers { return .full(maximumSubscribers) }
            if state.subscribers.values.filter({ $0.client == client }).count >= maximumPerClient {
                return .tooManyFromClient(maximumPerClient)
            }
            return nil
        }
    }

    package func subscribe(client: String) -> Result<Subscription, Refusal> {
        let (stream, continuation) = AsyncStream.makeStream(of: UInt64.self, bufferingPolicy: .bufferingNewest(1))
        let outcome: Result<Int, Refusal> = state.withLock { state in
            guard state.subscribers.count < maximumSubscribers else { return .failure(.full(maximumSubscribers)) }
            let fromClient = state.subscribers.values.filter { $0.client == client }.count
            guard fromClient < maximumPerClient else { return .failure(.tooManyFromClient(maximumPerClient)) }
            let id = state.nextID
            state.nextID += 1
            state.subscribers[id] = (client, continuation)
            continuation.yield(state.sequence)
            return .success(id)
        }
        switch outcome {
        case .failure(let refusal):
            continuation.finish()
            return .failure(refusal)
        case .success(let id):
            let cancel: @Sendable () -> Void = { [weak self] in
                let removed = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
                removed?.continuation.finish()
            }
            continuation.onTermination = { _ in cancel() }
            return .success(Subscription(announcements: stream, cancel: cancel))
        }
    }

    /// Something new is stored: every subscriber hears the next sequence number.
    package func announce() {
        state.withLock { state in
            state.sequence &+= 1
            for subscriber in state.subscribers.values { subscriber.continuation.yield(state.sequence) }
        }
    }

    /// Subscribers now.
    package var subscriberCount: Int { state.withLock { $0.subscribers.count } }
}
