import AsyncHTTPClient
import DirectoryModel
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NodeAPI
import SoproNode
import SyncProtocol
import Testing

/// Kills a node with SIGKILL while it applies large batches, at random moments, and checks
/// after every kill that the store is consistent: SQLite's integrity check, every signature
/// and hash chain, heads matching the logs, and the catalogue equal to a rebuild.
@Suite(.serialized, .tags(.slow)) struct CrashRecoveryTests {
    @Test func killedAtAnyMomentTheStoreStaysConsistent() async throws {
        let binary = CommandLineEndToEndTests.binary
        guard FileManager.default.fileExists(atPath: binary.path) else {
            Issue.record("the sopro-node binary is not built at \(binary.path)")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sopro-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let port = try CommandLineEndToEndTests.freePort()
        #expect(
            try await CommandLineEndToEndTests.run(
                ["init", "--name", "Crash", "--region", "AT12", "--port", "\(port)", "--data-dir", "node"], in: folder
            ).status == 0)

        // Another region's author, trusted by the node, whose changes are pushed in big batches.
        let pusher = NodeKey()
        let configuration = folder.appendingPathComponent("node/sopro-node.yaml")
        let text = try String(contentsOf: configuration, encoding: .utf8).replacingOccurrences(
            of: "trustedAuthors:\n",
            with: "trustedAuthors:\n  - id: \(pusher.authorID.rawValue)\n    region: HU22\n    name: \"HU\"\n")
        try text.write(to: configuration, atomically: true, encoding: .utf8)
        var changes: [SignedChange] = []
        var previous: ChangeID?
        for index in 0..<6_000 {
            let entry = EntryID.make().rawValue
            let change = try ChangeSigner.sign(
                operations: [
                    EntryOperation(
                        kind: "enterprise", entry: entry,
                        action: .set(field: "name.hu", value: .string("Műhely \(index)"), supersedes: [])),
                    EntryOperation(
                        kind: "enterprise", entry: entry, action: .set(field: "region", value: "HU22", supersedes: [])),
                    EntryOperation(kind: "enterprise", entry: entry, action: .add(field: "sectors", value: "16.23")),
                ], editor: "bela", seq: UInt64(index + 1), previous: previous,
                hlc: HLCTimestamp(time: 1_700_000_000_000 + Int64(index)), key: pusher)
            changes.append(change)
            previous = change.id
        }

        var generator = SystemRandomNumberGenerator()
        for round in 0..<20 {
            let server = Process()
            server.executableURL = binary
            server.arguments = ["serve", "--data-dir", "node"]
            server.currentDirectoryURL = folder
            server.standardOutput = FileHandle.nullDevice
            server.standardError = FileHandle.nullDevice
            try server.run()
            var held: UInt64?
            for _ in 0..<100 where held == nil {
                if let (status, body) = await CommandLineEndToEndTests.get("http://127.0.0.1:\(port)/v1/sync/heads"),
                    status == 200
                {
                    held = (try? JSONDecoder().decode(SyncState.self, from: body))?.vector[pusher.authorID] ?? 0
                } else {
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            let start = Int(try #require(held, "round \(round): the node came up"))
            let batch = Array(changes[min(start, changes.count)..<min(start + 300, changes.count)])
            let push = Task {
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/sync/push")
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(PushRequest(changes: batch))))
                _ = try? await HTTPClient.shared.execute(request, timeout: .seconds(10))
            }
            if round % 4 == 3 {
                // Every fourth kill comes just after a whole batch was acknowledged, so batches
                // are applied between the kills however slow the machine is (under CI's load a
                // 300-change batch once outlasted every random moment of the 20 rounds).
                _ = try? await push.value
            } else {
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...1_500, using: &generator)))
            }
            kill(server.processIdentifier, SIGKILL)
            await CommandLineEndToEndTests.exit(of: server)
            _ = try? await push.value
            let verify = try await CommandLineEndToEndTests.run(["verify", "--data-dir", "node"], in: folder)
            #expect(verify.status == 0, "round \(round): \(verify.standardError)")
        }
        let final = try await CommandLineEndToEndTests.run(["verify", "--data-dir", "node"], in: folder)
        #expect(final.standardOutput.hasPrefix("ok: "))
        let stored = Int(final.standardOutput.dropFirst("ok: ".count).prefix { $0.isNumber }) ?? 0
        #expect(stored > 300, "batches were applied between the kills: \(final.standardOutput)")
        #expect(stored % 300 == 0, "only whole batches were applied: \(stored)")
    }
}
