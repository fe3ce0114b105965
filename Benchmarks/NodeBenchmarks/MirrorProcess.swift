import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NodeClient

/// What both benchmarks read of a mirror running as its own `sopro-node serve` process.
enum MirrorProcess {
    /// Waits until the node at `base` reports `digest` at `/v1/node` (its catalogue caught up),
    /// asking every `interval`, for at most `timeout`; whether it did.
    static func waitForDigest(
        _ digest: String, at base: String, interval: Duration = .milliseconds(100), timeout: Duration
    ) async throws -> Bool {
        let clock = ContinuousClock()
        let started = clock.now
        while clock.now - started < timeout {
            try await Task.sleep(for: interval)
            if let response = try? await HTTPClient.sopro.execute(
                HTTPClientRequest(url: base + "/v1/node"), timeout: .seconds(5)),
                response.status == .ok, let body = try? await response.body.collect(upTo: 1 << 20),
                let info = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
                info["digest"] as? String == digest
            {
                return true
            }
        }
        return false
    }

    /// The process's peak resident set so far (`VmHWM`), in MB; 0 when it cannot be read.
    static func peakMegabytes(of pid: Int32) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let kilobytes =
            status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
            .flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        return kilobytes / 1024
    }
}
