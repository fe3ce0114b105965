/// Why the store could not do what was asked: it could not be opened, or what it holds is
/// inconsistent. (Refusals of single changes are `SyncError`s in the apply results.)
package struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Reason: Hashable, Sendable {
        case cannotOpen(path: String, detail: String)
        case corrupt(String)
    }

    private let reason: Reason

    private init(_ reason: Reason) { self.reason = reason }

    package static func cannotOpen(path: String, detail: String) -> StoreError {
        StoreError(.cannotOpen(path: path, detail: detail))
    }
    package static func corrupt(_ detail: String) -> StoreError { StoreError(.corrupt(detail)) }

    package var description: String {
        switch reason {
        case .cannotOpen(let path, let detail): "the store at \(path) cannot be opened: \(detail)"
        case .corrupt(let detail): "the store is inconsistent: \(detail)"
        }
    }
}
