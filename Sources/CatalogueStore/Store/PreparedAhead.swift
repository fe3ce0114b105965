import Dispatch

/// Work started on other threads now and collected later: the next chunk of a bulk write is
/// prepared (on every core, `concurrentMap`) while the calling thread — the database's writer —
/// stores the chunk before it. Without it the writer waits for each chunk's preparation and the
/// other core waits for each chunk's writes.
final class PreparedAhead<Value: Sendable>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    /// Written once by the worker before it signals `finished`; read after waiting for it.
    private var value: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.value = work()
            self.finished.signal()
        }
    }

    /// The work's result, waiting for it if it is not done. Call once.
    func wait() -> Value {
        finished.wait()
        guard let value else { preconditionFailure("PreparedAhead signalled before its value was written") }
        return value
    }
}
