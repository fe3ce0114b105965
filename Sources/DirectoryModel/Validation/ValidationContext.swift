import Foundation

/// What validation needs to know about the world, passed in so validation stays a pure function
/// (and tests can fix "now").
public struct ValidationContext: Hashable, Sendable {
    /// The current calendar year; a founding year after it is refused.
    public var currentYear: Int
    /// Whether pictures may name a file or an https address instead of an uploaded picture:
    /// true only where the CLI reads entry files before it uploads their pictures.
    public var acceptsPictureSources = false

    public init(currentYear: Int) {
        self.currentYear = currentYear
    }

    public init(now: Date = Date()) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        self.currentYear = calendar.component(.year, from: now)
    }
}
