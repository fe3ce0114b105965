/// A hybrid-logical-clock timestamp (Kulkarni et al. 2014): wall-clock milliseconds since
/// 1970 and a counter that orders events within the same millisecond.
public struct HLCTimestamp: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z (the largest physical time seen).
    public var time: Int64
    /// Orders events that share `time`.
    public var counter: Int64

    public init(time: Int64, counter: Int64 = 0) {
        self.time = time
        self.counter = counter
    }

    public static let zero = HLCTimestamp(time: 0, counter: 0)

    public static func < (lhs: HLCTimestamp, rhs: HLCTimestamp) -> Bool {
        (lhs.time, lhs.counter) < (rhs.time, rhs.counter)
    }

    public var description: String { "\(time).\(counter)" }
}
