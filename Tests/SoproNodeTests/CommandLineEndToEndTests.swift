import AsyncHTTPClient
import DirectoryModel
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import SoproNode
import SoproTestSupport
import SyncProtocol
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the built `sopro-node` binary as an operator would: processes, loopback ports,
/// temporary folders.
@Suite(.serialized, .tags(.slow)) struct CommandLineEndToEndTests {
    /// The binary beside the test bundle in the build folder.
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("sopro-node")
    }

    struct Output {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// Runs the binary to its end. The child is waited for on a Dispatch thread, never on the
    /// cooperative pool: with two cores that pool has two threads, and two suites blocking them
    /// on child processes stalled every other live test in the run for seconds (a feed test
    /// missed its deadline in CI that way).
    static func run(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:]
    ) async throws
        -> Output
    {
        try await offThePool {
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            process.currentDirectoryURL = directory
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            // Standard error on its own thread, so a child that fills one pipe never waits.
            let error = Mutex(Data())
            let reader = DispatchGroup()
            reader.enter()
            Thread {
                let read = err.fileHandleForReading.readDataToEndOfFile()
                error.withLock { $0 = read }
                reader.leave()
            }.start()
            let output = out.fileHandleForReading.readDataToEndOfFile()
            reader.wait()
            process.waitUntilExit()
            return Output(
                status: process.terminationStatus, standardOutput: String(decoding: output, as: UTF8.self),
                standardError: String(decoding: error.withLock { $0 }, as: UTF8.self))
        }
    }

    /// Waits for `process` to end without holding a cooperative thread.
    static func exit(of process: Process) async {
        _ = try? await offThePool { process.waitUntilExit() }
    }

    /// Runs blocking work on a thread of its own and awaits its result. Not on Dispatch's
    /// global queue: on Linux that has as many threads as cores and cannot tell a blocked one,
    /// so a child process waited for there (a `serve` for half a minute) held up every other
    /// suite's Dispatch work — the workspace's password hashing timed out behind it.
    static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    /// A port nobody listens on right now.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { throw CocoaError(.fileWriteUnknown) }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func get(_ url: String) async -> (Int, Data)? {
        do {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
            let body = try await response.body.collect(upTo: 16 << 20)
            return (Int(response.status.code), Data(buffer: body))
        } catch {
            return nil
        }
    }

    /// Starts `sopro-node serve` for each data directory and waits until every port answers
    /// `/healthz` (up to 10 s each).
    static func serve(_ dataDirectories: [String], in folder: URL, ports: [Int]) async throws -> [Process] {
        var servers: [Process] = []
        for data in dataDirectories {
            let server = Process()
            server.executableURL = binary
            server.arguments = ["serve", "--data-dir", data]
            server.currentDirectoryURL = folder
            server.standardOutput = FileHandle.nullDevice
            server.standardError = FileHandle.nullDevice
            try server.run()
            servers.append(server)
        }
        for port in ports {
            var up = false
            for _ in 0..<100 where !up {
                up = await get("http://127.0.0.1:\(port)/healthz")?.0 == 200
                if !up { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(up, "port \(port) came up")
        }
        return servers
    }

    /// The first line of `output` that satisfies `predicate`, trimmed.
    static func line(_ output: String, where predicate: (String) -> Bool) -> String? {
        output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first(where: predicate)
    }

    /// What a new user found following the README: the version, typos of commands, minting
    /// ids, an unknown region, trusting twice, readable help and a plain "cannot reach".
    @Test func theCommandHelpsANewUser() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sopro-cli-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try await Self.run(["--version"], in: folder).standardOutput.hasPrefix("sopro-node 0."))
        let typo = try await Self.run(["statsu"], in: folder)
        #expect(typo.status == 2)
        #expect(typo.standardError.contains("did you mean \"status\"?"))
        let ids = try await Self.run(["new-id", "--count", "3"], in: folder).standardOutput.split(separator: "\n")
        #expect(ids.count == 3)
        for id in ids {
            #expect(id.count == 36 && id == id.lowercased() && id.dropFirst(14).first == "7", "a version 7 UUID: \(id)")
        }
        let unknownRegion = try await Self.run(
            ["init", "--name", "X", "--region", "AT99", "--data-dir", "x"], in: folder)
        #expect(unknownRegion.status == 2)
        #expect(unknownRegion.standardError.contains("AT99 is not a NUTS region of AT"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x").path))
        _ = try await Self.run(["init", "--name", "Wien", "--region", "AT13", "--data-dir", "node"], in: folder)
        let other = NodeKey().authorID.rawValue
        let first = try await Self.run(
            ["trust", "add", other, "--region", "AT12", "--name", "NÖ", "--data-dir", "node"], in: folder)
        #expect(first.standardOutput.contains("trusting NÖ"))
        let again = try await Self.run(
            ["trust", "add", other, "--region", "AT12", "--name", "NÖ", "--data-dir", "node"], in: folder)
        #expect(again.standardOutput.contains("was already trusted; nothing changed"))
        let unreachable = try await Self.run(["status", "--node", "http://127.0.0.1:9"], in: folder)
        #expect(unreachable.status == 1)
        #expect(unreachable.standardError.contains("connection refused — nothing listens at that address"))
        // Help fits 80 columns: example lines are never wrapped in the middle.
        for command in [
            "demo", "init", "serve", "publish", "retract", "check", "list", "search", "show", "export", "import",
            "status", "sync", "peers", "trust", "verify", "rekey", "new-id", "inquiries", "federation",
        ] {
            let help = try await Self.run([command, "--help"], in: folder, environment: ["COLUMNS": "80"])
                .standardOutput
            for line in help.split(separator: "\n") where line.hasPrefix("  sopro-node") {
                #expect(line.count < 80, "\(command) --help: \(line)")
            }
        }
    }

    /// `rekey` after a fork: a new key beside the old, the configuration pointing at it, the new
    /// author trusted, the old key file kept.
    @Test func rekeyKeepsTheOldKeyAndTrustsTheNewAuthor() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sopro-rekey-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let made = try await Self.run(["init", "--name", "Wien", "--region", "AT13", "--data-dir", "node"], in: folder)
        #expect(made.status == 0, "\(made.standardError)")
        // A recovery key beside the signing key, owner-only, shown once in a form to write down,
        // with the commitment the federation's roster will name.
        let recoveryFile = folder.appendingPathComponent("node/recovery.key")
        let recovery = try KeyFile.load(from: recoveryFile)
        let attributes = try FileManager.default.attributesOfItem(atPath: recoveryFile.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(recovery.authorID != (try KeyFile.load(from: folder.appendingPathComponent("node/node.key"))).authorID)
        let seed = Hex.encode(recovery.seed)
        let written = stride(from: 0, to: 64, by: 8).map { String(seed.dropFirst($0).prefix(8)) }
        #expect(made.standardOutput.contains(written.prefix(4).joined(separator: " ")))
        #expect(made.standardOutput.contains(written.suffix(4).joined(separator: " ")))
        #expect(made.standardOutput.contains(RosterMember.commitment(to: recovery.authorID)))
        let before = try NodeConfiguration.read(from: folder.appendingPathComponent("node"))
        let rekeyed = try await Self.run(["rekey", "--data-dir", "node"], in: folder)
        #expect(rekeyed.status == 0, "\(rekeyed.standardError)")
        let after = try NodeConfiguration.read(from: folder.appendingPathComponent("node"))
        #expect(after.keyFile != before.keyFile)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("node/\(before.keyFile)").path))
        let newID = try #require(Self.line(rekeyed.standardOutput) { $0.hasPrefix("new author id:") })
            .dropFirst("new author id:".count).trimmingCharacters(in: .whitespaces)
        #expect(after.trustedAuthors.contains { $0.id == newID && $0.region == "AT13" })
        let key = try KeyFile.load(from: folder.appendingPathComponent("node/\(after.keyFile)"))
        #expect(key.authorID.rawValue == newID)
    }

    /// Two regions and a mirror set up, linked and used only through the command.
    @Test func twoRegionsAndAMirrorThroughTheCommand() async throws {
        guard FileManager.default.fileExists(atPath: Self.binary.path) else {
            Issue.record("the sopro-node binary is not built at \(Self.binary.path)")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sopro-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ports = ["at12": try Self.freePort(), "hu22": try Self.freePort()]
        var tokens: [String: String] = [:]
        var authors: [String: String] = [:]
        for (data, region, name) in [("at12", "AT12", "Niederösterreich"), ("hu22", "HU22", "Nyugat-Dunántúl")] {
            let made = try await Self.run(
                ["init", "--name", name, "--region", region, "--port", "\(ports[data] ?? 0)", "--data-dir", data],
                in: folder)
            #expect(made.status == 0, "\(made.standardError)")
            tokens[data] = Self.line(made.standardOutput) { $0.hasPrefix("sopro_") }
            authors[data] = Self.line(made.standardOutput) { $0.count == 64 }
        }
        let mirrorPort = try Self.freePort()
        #expect(
            try await Self.run(
                ["init", "--name", "Mirror", "--mirror", "--port", "\(mirrorPort)", "--data-dir", "mirror"], in: folder
            )
            .status == 0)
        // Trust and peers, edited by the command.
        let (at12, hu22) = (try #require(authors["at12"]), try #require(authors["hu22"]))
        for (data, other, author, region) in [("at12", "hu22", hu22, "HU22"), ("hu22", "at12", at12, "AT12")] {
            #expect(
                try await Self.run(
                    ["trust", "add", author, "--region", region, "--name", other, "--data-dir", data], in: folder
                ).status == 0)
            let peer = try await Self.run(
                [
                    "peers", "add", other, "http://127.0.0.1:\(ports[other] ?? 0)", "--author", author, "--data-dir",
                    data,
                ],
                in: folder)
            #expect(peer.status == 0, "\(peer.standardError)")
        }
        for (author, region) in [(at12, "AT12"), (hu22, "HU22")] {
            #expect(
                try await Self.run(
                    ["trust", "add", author, "--region", region, "--name", region, "--data-dir", "mirror"], in: folder
                ).status == 0)
        }
        #expect(
            try await Self.run(
                ["peers", "add", "at12", "http://127.0.0.1:\(ports["at12"] ?? 0)", "--data-dir", "mirror"], in: folder
            ).status == 0)
        let badTrust = try await Self.run(
            ["trust", "add", "not-an-id", "--region", "AT13", "--name", "x", "--data-dir", "mirror"], in: folder)
        #expect(badTrust.status == 2)
        let trusted = try await Self.run(["trust", "list", "--data-dir", "mirror"], in: folder)
        #expect(trusted.standardOutput.contains(at12) && trusted.standardOutput.contains(hu22))

        // Publish from files while the nodes are down: publishing needs the node, so it fails (1).
        let offline = try await Self.run(
            ["publish", examplesDirectory.appendingPathComponent("regions/AT12.yaml").path, "--data-dir", "at12"],
            in: folder, environment: ["SOPRO_EDITOR_TOKEN": tokens["at12"] ?? ""])
        #expect(offline.status == 1)

        let servers = try await Self.serve(["at12", "hu22"], in: folder, ports: Array(ports.values))
        defer { for server in servers where server.isRunning { server.terminate() } }
        for (data, file) in [("at12", "AT12.yaml"), ("hu22", "HU22.yaml")] {
            let published = try await Self.run(
                ["publish", examplesDirectory.appendingPathComponent("regions/\(file)").path, "--data-dir", data],
                in: folder, environment: ["SOPRO_EDITOR_TOKEN": tokens[data] ?? ""])
            #expect(published.status == 0, "\(published.standardError)")
        }
        // The mirror is not served: `sync` brings it everything, relayed by AT12 from HU22.
        var mirrored = ""
        for _ in 0..<50 {
            let sync = try await Self.run(["sync", "--data-dir", "mirror"], in: folder)
            #expect(sync.status == 0, "\(sync.standardError)")
            mirrored += sync.standardOutput
            let status = [try await Self.run(["status", "--data-dir", "at12", "--json"], in: folder)].first?
                .standardOutput
            if let status, status.contains(hu22) { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(mirrored.contains("pulled"))
        let finalSync = try await Self.run(["sync", "--data-dir", "mirror"], in: folder)
        #expect(finalSync.status == 0)
        let mirrorExport = try await Self.run(["export", "--format", "json", "--data-dir", "mirror"], in: folder)
        let exported = try JSONSerialization.jsonObject(with: Data(mirrorExport.standardOutput.utf8)) as? [String: Any]
        let entries = exported?["entries"] as? [[String: Any]] ?? []
        let regions = Set(entries.compactMap { $0["region"] as? String })
        #expect(regions.isSuperset(of: ["AT12", "HU22"]), "the mirror holds both regions: \(regions)")
        let csv = try await Self.run(["export", "--format", "csv", "--data-dir", "mirror"], in: folder)
        #expect(csv.standardOutput.hasPrefix("kind,id,name_de"))
        #expect(csv.standardOutput.split(separator: "\r\n").count == entries.count + 1)
        let jsonLD = try await Self.run(["export", "--format", "jsonld", "--data-dir", "mirror"], in: folder)
        #expect(jsonLD.standardOutput.contains("\"Organization\""))

        // Search and list through the regional node; the Hungarian text is found without accents.
        let search = try await Self.run(["search", "muhely", "--data-dir", "hu22"], in: folder)
        #expect(search.status == 0)
        #expect(!search.standardOutput.contains("0 matches"), "\(search.standardOutput)")
        let listed = try await Self.run(
            ["list", "--kind", "enterprise", "--region", "HU22", "--json", "--data-dir", "at12"], in: folder)
        let listJSON = try JSONSerialization.jsonObject(with: Data(listed.standardOutput.utf8)) as? [String: Any]
        let hungarian = listJSON?["items"] as? [[String: Any]] ?? []
        #expect(hungarian.count >= 8, "AT12 serves HU22's enterprises")

        // Retract one of AT12's enterprises; it leaves the catalogue and retracting again changes nothing.
        let target = try #require(
            entries.first { $0["kind"] as? String == "enterprise" && $0["region"] as? String == "AT12" }?["id"]
                as? String)
        let retracted = try await Self.run(
            ["retract", target, "--data-dir", "at12"], in: folder,
            environment: ["SOPRO_EDITOR_TOKEN": tokens["at12"] ?? ""])
        #expect(retracted.status == 0, "\(retracted.standardError)")
        #expect(retracted.standardOutput.contains("retracted"))
        let again = try await Self.run(
            ["retract", "enterprise/\(target)", "--data-dir", "at12"], in: folder,
            environment: ["SOPRO_EDITOR_TOKEN": tokens["at12"] ?? ""])
        #expect(again.standardOutput.contains("nothing changed"))
        let shown = try await Self.run(["show", target, "--data-dir", "at12"], in: folder)
        #expect(shown.standardOutput.contains("(retracted)"))
        let afterRetract = try await Self.run(
            ["list", "--kind", "enterprise", "--region", "AT12", "--data-dir", "at12"], in: folder)
        #expect(!afterRetract.standardOutput.contains(target))

        // Import from a map export; the second import changes nothing. An unnamed place is reported (exit 2).
        try ImportTests.messy.write(to: folder.appendingPathComponent("map.geojson"), atomically: true, encoding: .utf8)
        let imported = try await Self.run(
            ["import", "map.geojson", "--data-dir", "at12"], in: folder,
            environment: ["SOPRO_EDITOR_TOKEN": tokens["at12"] ?? ""])
        #expect(imported.status == 2)
        #expect(imported.standardOutput.contains("4 records: 3 valid, 1 rejected"))
        #expect(imported.standardOutput.contains("created"))
        #expect(imported.standardError.contains("feature 4"))
        let reimported = try await Self.run(
            ["import", "map.geojson", "--data-dir", "at12"], in: folder,
            environment: ["SOPRO_EDITOR_TOKEN": tokens["at12"] ?? ""])
        #expect(reimported.standardOutput.contains("nothing changed"))

        // The shared map of 322 real initiatives goes in several requests (100 entries each);
        // the report covers every one of them, but for the six records that repeat an earlier
        // one (the same name at the same place), which are listed and left out.
        if FileManager.default.fileExists(atPath: sharedDataset.path) {
            let large = try await Self.run(
                ["import", sharedDataset.path, "--data-dir", "at12"], in: folder,
                environment: ["SOPRO_EDITOR_TOKEN": tokens["at12"] ?? ""])
            #expect(large.status == 0, "\(large.standardError)")
            let created = large.standardOutput.split(separator: "\n").filter { $0.hasPrefix("created") }
            #expect(created.count == 316)
            #expect(large.standardOutput.contains("6 likely duplicates left out"))
            #expect(
                large.standardOutput.contains(
                    "feature 198 (Solidarwerkstatt Österreich): likely the same enterprise as record feature 47"))
            #expect(!large.standardError.contains("["), "no progress bar when stderr is not a terminal")
        }

        // An inquiry through AT12's API, worked on and referred to HU22 with the command.
        var submit = HTTPClientRequest(url: "http://127.0.0.1:\(ports["at12"] ?? 0)/v1/inquiries")
        submit.method = .POST
        submit.headers.add(name: "Content-Type", value: "application/json")
        submit.body = .bytes(ByteBuffer(string: InquiryTests.validJSON))
        let submitted = try await HTTPClient.shared.execute(submit, timeout: .seconds(10))
        #expect(submitted.status.code == 202)
        let at12Token = ["SOPRO_EDITOR_TOKEN": tokens["at12"] ?? ""]
        let inquiryList = try await Self.run(
            ["inquiries", "list", "--data-dir", "at12"], in: folder, environment: at12Token)
        #expect(inquiryList.status == 0, "\(inquiryList.standardError)")
        #expect(inquiryList.standardOutput.contains("Stadt Wien"))
        let inquiryID = try #require(
            inquiryList.standardOutput.split(separator: "\n").dropFirst().first.map { String($0.prefix(8)) })
        let shownInquiry = try await Self.run(
            ["inquiries", "show", inquiryID, "--data-dir", "at12"], in: folder, environment: at12Token)
        #expect(shownInquiry.standardOutput.contains("matching enterprises:"), "\(shownInquiry.standardError)")
        #expect(shownInquiry.standardOutput.contains("mentions holzspielzeug"))
        let moved = try await Self.run(
            ["inquiries", "status", inquiryID, "in-contact", "--note", "called", "--data-dir", "at12"], in: folder,
            environment: at12Token)
        #expect(moved.standardOutput.contains(": in-contact"), "\(moved.standardError)")
        let referred = try await Self.run(
            ["inquiries", "refer", inquiryID, "HU22", "--note", "Győr?", "--data-dir", "at12"], in: folder,
            environment: at12Token)
        #expect(referred.status == 0, "\(referred.standardError)")
        #expect(referred.standardOutput.contains("referred to"))
        let atHU22 = try await Self.run(
            ["inquiries", "list", "--data-dir", "hu22"], in: folder,
            environment: ["SOPRO_EDITOR_TOKEN": tokens["hu22"] ?? ""])
        #expect(atHU22.standardOutput.contains("referred by Niederösterreich"), "\(atHU22.standardOutput)")
        let withoutToken = try await Self.run(["inquiries", "list", "--data-dir", "at12"], in: folder)
        #expect(withoutToken.status == 2, "no token: a usage error")
        let exportedInquiries = try await Self.run(
            ["inquiries", "export", "anna.berger@example.org", "--data-dir", "at12"], in: folder,
            environment: at12Token)
        #expect(
            exportedInquiries.standardOutput.contains("\"contactName\" : \"Anna Berger\""),
            "\(exportedInquiries.standardOutput)")
        let erasedInquiries = try await Self.run(
            ["inquiries", "erase", "anna.berger@example.org", "--data-dir", "at12"], in: folder,
            environment: at12Token)
        #expect(erasedInquiries.standardOutput.contains("erased 1 inquiry"))

        // Every store verifies.
        #expect(try await Self.run(["sync", "--data-dir", "mirror"], in: folder).status == 0)
        for data in ["at12", "hu22", "mirror"] {
            let verified = try await Self.run(["verify", "--data-dir", data], in: folder)
            #expect(verified.status == 0, "\(data): \(verified.standardError)")
        }
        for server in servers { server.terminate() }
        for server in servers { await Self.exit(of: server) }
    }

    @Test func initServePublishAndMirror() async throws {
        guard FileManager.default.fileExists(atPath: Self.binary.path) else {
            Issue.record("the sopro-node binary is not built at \(Self.binary.path)")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sopro-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (nodePort, mirrorPort) = (try Self.freePort(), try Self.freePort())

        let initNode = try await Self.run(
            ["init", "--name", "Niederösterreich", "--region", "AT12", "--port", "\(nodePort)", "--data-dir", "at12"],
            in: folder)
        #expect(initNode.status == 0, "\(initNode.standardError)")
        let token = try #require(
            initNode.standardOutput.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first {
                $0.hasPrefix("sopro_")
            })
        let author = try #require(
            initNode.standardOutput.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first {
                $0.count == 64
            })
        let again = try await Self.run(["init", "--name", "x", "--region", "AT12", "--data-dir", "at12"], in: folder)
        #expect(again.status == 2, "init refuses to overwrite")
        let keyMode =
            try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("at12/node.key").path)[
                .posixPermissions] as? Int
        #expect(keyMode == 0o600)

        #expect(
            try await Self.run(
                ["init", "--name", "Mirror", "--mirror", "--port", "\(mirrorPort)", "--data-dir", "mirror"], in: folder
            ).status == 0)
        let mirrorConfig = folder.appendingPathComponent("mirror/sopro-node.yaml")
        var text = try String(contentsOf: mirrorConfig, encoding: .utf8)
        text = text.replacingOccurrences(
            of: "peers:\n  []",
            with: "peers:\n  - name: \"at12\"\n    url: \"http://127.0.0.1:\(nodePort)\"\n    author: \(author)")
        text = text.replacingOccurrences(
            of: "trustedAuthors:\n  []", with: "trustedAuthors:\n  - id: \(author)\n    region: AT12\n    name: \"NÖ\"")
        text = text.replacingOccurrences(of: "syncInterval: 10", with: "syncInterval: 1")
        try text.write(to: mirrorConfig, atomically: true, encoding: .utf8)

        let servers = try await Self.serve(["at12", "mirror"], in: folder, ports: [nodePort, mirrorPort])
        defer { for server in servers where server.isRunning { server.terminate() } }

        // An invalid file: line-numbered errors, exit 2, nothing published.
        try "kind: product\nid: x\n".write(
            to: folder.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let bad = try await Self.run(
            [
                "publish", "bad.yaml", examplesDirectory.appendingPathComponent("regions/AT12.yaml").path, "--data-dir",
                "at12",
            ], in: folder, environment: ["SOPRO_EDITOR_TOKEN": token])
        #expect(bad.status == 2)
        #expect(bad.standardError.contains("bad.yaml:2:5: id: \"x\" is not an entry id"))
        let headsAfterBad = await Self.get("http://127.0.0.1:\(nodePort)/v1/sync/heads")
        #expect(headsAfterBad.flatMap { try? JSONDecoder().decode(SyncState.self, from: $0.1) }?.heads.isEmpty == true)

        let published = try await Self.run(
            ["publish", examplesDirectory.appendingPathComponent("regions/AT12.yaml").path, "--data-dir", "at12"],
            in: folder,
            environment: ["SOPRO_EDITOR_TOKEN": token])
        #expect(published.status == 0, "\(published.standardError)")
        #expect(published.standardOutput.contains("created"))
        let republished = try await Self.run(
            ["publish", examplesDirectory.appendingPathComponent("regions/AT12.yaml").path, "--data-dir", "at12"],
            in: folder,
            environment: ["SOPRO_EDITOR_TOKEN": token])
        #expect(republished.standardOutput.contains("nothing changed"))
        let wrongToken = try await Self.run(
            [
                "publish", examplesDirectory.appendingPathComponent("regions/AT12.yaml").path, "--data-dir", "at12",
                "--token", "nope",
            ],
            in: folder)
        #expect(wrongToken.status == 1)
        // A list cut short says so, and how to see more.
        let short = try await Self.run(["list", "--limit", "5", "--data-dir", "at12"], in: folder)
        #expect(short.standardOutput.contains("5 entries shown; more match"), "\(short.standardOutput)")

        // The mirror pulls the entries.
        var mirrored = 0
        for _ in 0..<100 where mirrored < 8 {
            if let (status, body) = await Self.get(
                "http://127.0.0.1:\(mirrorPort)/v1/entries?kind=enterprise&limit=100"), status == 200
            {
                mirrored =
                    ((try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["items"] as? [Any])?.count ?? 0
            }
            if mirrored < 8 { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(mirrored == 8)

        // An entry file naming a picture file: publish uploads it (its EXIF location removed
        // first), the entry names it by hash, and the mirror fetches it and serves it itself.
        let pictured = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
        try Data(TestPictures.pngWithText(width: 12, height: 9, text: "Maria Muster")).write(
            to: folder.appendingPathComponent("werkstatt.png"))
        try """
        kind: enterprise
        id: \(pictured)
        name: {de: Bildwerkstatt}
        socialModel: work-integration
        region: AT12
        pictures:
          - file: werkstatt.png
            alt: {de: Die Werkstatt, en: The workshop}
        """.write(to: folder.appendingPathComponent("pictured.yaml"), atomically: true, encoding: .utf8)
        let withPicture = try await Self.run(
            ["publish", "pictured.yaml", "--data-dir", "at12"], in: folder, environment: ["SOPRO_EDITOR_TOKEN": token])
        #expect(withPicture.status == 0, "\(withPicture.standardError)")
        let detail = await Self.get("http://127.0.0.1:\(nodePort)/v1/entries/enterprise/\(pictured)")
        let document = detail.flatMap { try? JSONSerialization.jsonObject(with: $0.1) as? [String: Any] }
        let picture = ((document?["entry"] as? [String: Any])?["pictures"] as? [[String: Any]])?.first
        let sha256 = try #require(picture?["sha256"] as? String, "\(String(describing: document))")
        #expect(picture?["width"] as? Int == 12 && picture?["type"] as? String == "png")
        var fetched: Data?
        for _ in 0..<100 where fetched == nil {
            if let (status, body) = await Self.get("http://127.0.0.1:\(mirrorPort)/v1/pictures/\(sha256)"),
                status == 200
            {
                fetched = body
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        #expect(fetched.map { ContentHash.sha256($0) } == sha256, "the mirror serves the picture by its hash")
        #expect(fetched.map { try? PictureInspection.inspect(Array($0)).metadata } == [], "no text chunk left")

        // Clean shutdown on SIGTERM.
        for server in servers { server.terminate() }
        for server in servers { await Self.exit(of: server) }
        #expect(servers.allSatisfy { $0.terminationStatus == 0 })
    }
}
