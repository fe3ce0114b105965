import Testing

extension Tag {
    /// Suites that start servers on 127.0.0.1 and replicate over real HTTP (seconds, not ms).
    @Tag static var live: Self
}
