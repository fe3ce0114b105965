import Foundation

/// Where a node reads the time, injected so tests can set it (clock-skew refusals, retention).
package struct WallClock: Sendable {
    private let read: @Sendable () -> Int64

    package init(_ read: @escaping @Sendable () -> Int64) {
        self.read = read
    }

    /// Milliseconds since 1970-01-01T00:00:00Z.
    package var milliseconds: Int64 { read() }

    /// The system clock.
    package static let system = WallClock { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
}
