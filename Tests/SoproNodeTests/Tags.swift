import Testing

extension Tag {
    /// Suites that start servers on 127.0.0.1 and replicate over real HTTP (seconds, not ms).
    @Tag static var live: Self
    /// Suites that run the `sopro-node` binary as separate processes and kill them (tens of
    /// seconds each); left out of the everyday loop, always run by `swift test` and CI:
    /// `swift test --skip "CrashRecoveryTests|CommandLineEndToEndTests"`.
    @Tag static var slow: Self
}
