import Foundation
import Testing

/// The `federation` commands as operators run them, against `sopro-node serve` processes: a
/// genesis written from two regions' cards, approved by the second, followed by a mirror that
/// was told only its id, and a planned key rotation that reaches the other region. In the
/// command-line suite, which runs its tests one at a time: two suites picking free ports at once
/// took the same one (measured: a publish reached another test's mirror).
extension CommandLineEndToEndTests {
    typealias CLI = CommandLineEndToEndTests

    static func startServing(_ data: String, in folder: URL) throws -> Process {
        let server = Process()
        server.executableURL = CLI.binary
        server.arguments = ["serve", "--data-dir", data]
        server.currentDirectoryURL = folder
        server.environment = ProcessInfo.processInfo.environment.merging(["SOPRO_SYNC_INTERVAL": "1"]) { $1 }
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        return server
    }

    static func waitUp(_ port: Int) async throws {
        for _ in 0..<100 {
            if await CLI.get("http://127.0.0.1:\(port)/healthz")?.0 == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("port \(port) did not come up")
    }

    /// Runs `arguments` until `predicate` holds for its output, for up to `seconds`.
    static func eventually(
        _ arguments: [String], in folder: URL, seconds: Int = 15, _ predicate: (CLI.Output) -> Bool
    ) async throws -> CLI.Output {
        var output = try await CLI.run(arguments, in: folder)
        for _ in 0..<(seconds * 4) where !predicate(output) {
            try await Task.sleep(for: .milliseconds(250))
            output = try await CLI.run(arguments, in: folder)
        }
        return output
    }

    @Test func aGenesisIsApprovedFollowedByAMirrorAndAKeyRotates() async throws {
        guard FileManager.default.fileExists(atPath: CLI.binary.path) else {
            Issue.record("the sopro-node binary is not built at \(CLI.binary.path)")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sopro-federation-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ports = ["at12": try CLI.freePort(), "hu22": try CLI.freePort(), "mirror": try CLI.freePort()]
        var authors: [String: String] = [:]
        for (data, region) in [("at12", "AT12"), ("hu22", "HU22")] {
            let made = try await CLI.run(
                ["init", "--name", data, "--region", region, "--port", "\(ports[data] ?? 0)", "--data-dir", data],
                in: folder)
            #expect(made.status == 0, "\(made.standardError)")
            authors[data] = CLI.line(made.standardOutput) { $0.count == 64 }
            #expect(made.standardOutput.contains("Its commitment, for the federation's roster:"))
        }
        for (data, other, region) in [("at12", "hu22", "HU22"), ("hu22", "at12", "AT12")] {
            let author = try #require(authors[other])
            _ = try await CLI.run(
                ["trust", "add", author, "--region", region, "--name", other, "--data-dir", data], in: folder)
            _ = try await CLI.run(
                [
                    "peers", "add", other, "http://127.0.0.1:\(ports[other] ?? 0)", "--author", author, "--data-dir",
                    data,
                ],
                in: folder)
        }
        var servers = [try Self.startServing("at12", in: folder), try Self.startServing("hu22", in: folder)]
        defer { for server in servers where server.isRunning { server.terminate() } }
        try await Self.waitUp(ports["at12"] ?? 0)
        try await Self.waitUp(ports["hu22"] ?? 0)

        let genesis = try await CLI.run(
            ["federation", "genesis", "--federation", "e2e", "--threshold", "2", "--data-dir", "at12"], in: folder)
        #expect(genesis.status == 0, "\(genesis.standardOutput)\(genesis.standardError)")
        let id = try #require(
            CLI.line(genesis.standardOutput) { $0.hasPrefix("genesis ") }?.split(separator: " ").dropFirst().first
                .map(String.init))
        #expect(genesis.standardOutput.contains("pending: approved by 1 of 2 needed (AT12)"))
        let waiting = try await Self.eventually(["federation", "show", "--data-dir", "hu22"], in: folder) {
            $0.standardOutput.contains("proposal \(id.prefix(12))")
        }
        #expect(waiting.standardOutput.contains("approved by 1 of 2 needed [AT12]"), "\(waiting.standardOutput)")
        let approved = try await CLI.run(
            ["federation", "approve", String(id.prefix(12)), "--data-dir", "hu22"], in: folder)
        #expect(approved.status == 0 && approved.standardOutput.contains("accepted"), "\(approved.standardOutput)")
        let nothingLeft = try await CLI.run(["federation", "approve", "--data-dir", "hu22"], in: folder)
        #expect(nothingLeft.status == 2 && nothingLeft.standardError.contains("no proposal"))
        let shown = try await Self.eventually(["federation", "show", "--data-dir", "at12"], in: folder) {
            $0.standardOutput.contains("roster version 1")
        }
        #expect(
            shown.standardOutput.contains("federation e2e, roster version 1, threshold 2"), "\(shown.standardOutput)")

        // A mirror told only the genesis id follows the roster.
        #expect(
            try await CLI.run(
                ["init", "--name", "Mirror", "--mirror", "--port", "\(ports["mirror"] ?? 0)", "--data-dir", "mirror"],
                in: folder
            ).status == 0)
        #expect(try await CLI.run(["federation", "follow", id, "--data-dir", "mirror"], in: folder).status == 0)
        _ = try await CLI.run(
            ["peers", "add", "at12", "http://127.0.0.1:\(ports["at12"] ?? 0)", "--data-dir", "mirror"], in: folder)
        servers.append(try Self.startServing("mirror", in: folder))
        try await Self.waitUp(ports["mirror"] ?? 0)
        let mirrorStatus = try await Self.eventually(["status", "--data-dir", "mirror"], in: folder) {
            $0.standardOutput.contains("roster:       version 1 of e2e")
        }
        #expect(mirrorStatus.standardOutput.contains("roster:       version 1 of e2e, threshold 2, 2 members"))

        // A planned rotation of AT12's key, signed by its recovery key alone.
        let rotated = try await CLI.run(
            ["federation", "rotate", "--recovery-key", "at12/recovery.key", "--data-dir", "at12"], in: folder)
        #expect(rotated.status == 0, "\(rotated.standardOutput)\(rotated.standardError)")
        #expect(rotated.standardOutput.contains("key event AT12 #1 (rotation)"))
        #expect(rotated.standardOutput.contains("Restart this node"))
        let configuration = try String(
            contentsOf: folder.appendingPathComponent("at12/sopro-node.yaml"), encoding: .utf8)
        #expect(configuration.contains("keyFile: node-"))
        let elsewhere = try await Self.eventually(["federation", "show", "--data-dir", "hu22"], in: folder) {
            $0.standardOutput.contains("key event AT12 #1 (rotation)")
        }
        #expect(elsewhere.standardOutput.contains("retired key"), "\(elsewhere.standardOutput)")
        let wrongKey = try await CLI.run(
            ["federation", "rotate", "--recovery-key", "hu22/recovery.key", "--data-dir", "at12"], in: folder)
        #expect(wrongKey.status == 1 && wrongKey.standardError.contains("not the one AT12 committed to"))
    }
}
