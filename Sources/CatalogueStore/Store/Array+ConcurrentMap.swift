import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` on every core, keeping the order. Arrays shorter than `minimumPerWorker` times two
    /// stay on the calling thread, where starting workers would cost more than it saves.
    func concurrentMap<T: Sendable>(minimumPerWorker: Int = 16, _ transform: @Sendable (Element) -> T) -> [T] {
        let workers = Swift.min(ProcessInfo.processInfo.activeProcessorCount, count / Swift.max(1, minimumPerWorker))
        guard workers > 1 else { return map(transform) }
        let results = ResultSlots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: count, by: workers) {
                results.store(transform(self[index]), at: index)
            }
        }
        return results.values
    }
}

/// Result slots that workers fill at distinct indexes; read once every worker has finished.
/// Safe without a lock: each index is written by exactly one worker, into memory allocated once
/// (no array whose exclusive access the workers would share).
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ value: T, at index: Int) { slots[index] = value }

    var values: [T] { slots.compactMap { $0 } }
}
