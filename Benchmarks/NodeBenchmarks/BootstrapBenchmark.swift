import CatalogueStore
import Crypto
import Foundation
import Hummingbird
import Logging
import NodeServer
import Replication
import SoproNode
import SyncProtocol

/// A mirror's bootstrap alone, from a kept store (SOPRO_BENCHMARK_BOOTSTRAP=<store.sqlite>):
/// the store is served on loopback and fresh mirrors bootstrap from it, each compared with the
/// raw two-core Ed25519 verification rate of the same changes measured just before it. Takes a
/// fraction of the full benchmark's time, to try a change to the pull or the rebuild. With
/// SOPRO_BENCHMARK_PROCESS=1 (and `sopro-node` built beside the benchmark), a mirror as its own
/// process bootstraps after them: its catch-up time and peak RSS.
struct BootstrapBenchmark {
    let path: String
    var runs = ProcessInfo.processInfo.environment["SOPRO_BENCHMARK_RUNS"].flatMap(Int.init) ?? 2
    let clock = ContinuousClock()

    func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// User and system time of the process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    func run() async throws {
        let store = try SQLiteChangeStore.open(path: path)
        var changes: [SignedChange] = []
        var have = VersionVector()
        while true {
            let page = try await store.changes(missingFrom: have, maximumCount: 10_000, maximumBytes: 64 << 20)
            changes += page.changes
            have = page.continuation
            if page.isComplete || page.changes.isEmpty { break }
        }
        let read = try changes.map { try $0.rereadFromOwnStore() }
        let authors = Set(read.map(\.author)).sorted { $0.rawValue < $1.rawValue }
        let roster = AuthorRoster(
            authors.enumerated().map { TrustedAuthor(id: $1, region: "AT1\($0 + 1)", name: "author \($0)") })
        let acceptance = ChangeAcceptance(roster: roster, schema: CatalogueSchema.fieldSchema)
        let keys = try Dictionary(uniqueKeysWithValues: authors.map { ($0, try $0.publicKey) })
        nonisolated(unsafe) let checks = zip(changes, read).map {
            (key: keys[$1.author]!, signature: $0.signature, message: SignatureContext.change.message(for: $0.payload))
        }
        print("bootstrap from a kept store: \(changes.count) changes by \(authors.count) authors")

        let source = try await CatalogueNode(store: store, acceptance: acceptance, mode: .mirror, name: "source")
        let port = 18_900 + Int.random(in: 0..<100)
        let server = Task { try await buildApplication(node: source, port: port).runService() }
        defer { server.cancel() }
        try await Task.sleep(for: .milliseconds(500))
        let sourceDigest = try await store.digest()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sopro-boot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        for run in 0..<runs {
            let raw = await clock.measure {
                await withTaskGroup(of: Int.self) { group in
                    let half = checks.count / 2
                    for range in [0..<half, half..<checks.count] {
                        group.addTask {
                            checks[range].filter { $0.key.isValidSignature($0.signature, for: $0.message) }.count
                        }
                    }
                    for await _ in group {}
                }
            }
            let rawRate = Double(changes.count) / seconds(raw)
            let mirrorStore = try SQLiteChangeStore.open(
                path: folder.appendingPathComponent("mirror-\(run + 1).sqlite").path)
            let mirror = try await CatalogueNode(
                store: mirrorStore, acceptance: acceptance, mode: .mirror, name: "mirror")
            let peer = Peer(name: "source", url: "http://127.0.0.1:\(port)")
            // At debug level the replicator reports how long the catalogue's refresh at the
            // end of the catch-up took.
            var logger = Logger(label: "sopro.benchmark")
            logger.logLevel = .debug
            var replicator = Replicator(
                node: mirror, peers: [peer], client: HTTPPeerClient(), clock: ContinuousClock(), logger: logger)
            if let size = ProcessInfo.processInfo.environment["SOPRO_BENCHMARK_PAGE"].flatMap(Int.init) {
                replicator.pageSize = size
            }
            // SOPRO_BENCHMARK_IMMEDIATE=1: the catalogue kept up page by page, no bulk catch-up.
            if ProcessInfo.processInfo.environment["SOPRO_BENCHMARK_IMMEDIATE"] == "1" {
                replicator.bulkCatchUpMinimum = .max
            }
            var pulled = 0
            let cpuBefore = Self.cpuSeconds()
            let bootstrap = try await clock.measure { pulled = try await replicator.sync(with: peer).pulled }
            let cpu = Self.cpuSeconds() - cpuBefore
            let mirrorDigest = try await mirrorStore.digest()
            precondition(mirrorDigest == sourceDigest, "the mirror does not agree")
            let rate = Double(pulled) / seconds(bootstrap)
            print(
                String(
                    format:
                        "run %d: raw 2-core verify %8.0f/s, bootstrap %8.0f/s = %.2f × (%.1f s, %.0f %% CPU of one core)",
                    run + 1, rawRate, rate, rate / rawRate, seconds(bootstrap), cpu / seconds(bootstrap) * 100))
        }
        if ProcessInfo.processInfo.environment["SOPRO_BENCHMARK_PROCESS"] == "1" {
            try await mirrorProcess(
                port: port, roster: roster, digest: sourceDigest, folder: folder.appendingPathComponent("process"))
        }
    }

    /// A mirror as its own process (`sopro-node serve`, default settings but a one-second
    /// interval) bootstrapping from the served store: until its `/v1/node` shows the source's
    /// digest, then its peak RSS (VmHWM).
    func mirrorProcess(port: Int, roster: AuthorRoster, digest: String, folder: URL) async throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("sopro-node")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            print("mirror process: not measured (build sopro-node beside the benchmark: swift build -c release)")
            return
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var configuration = NodeConfiguration(name: "Mirror process", region: nil, mode: .mirror)
        configuration.listen.port = port + 1
        configuration.syncInterval = 1
        configuration.peers = [.init(name: "source", url: "http://127.0.0.1:\(port)")]
        configuration.trustedAuthors = roster.all.map {
            .init(id: $0.id.rawValue, region: $0.region, name: $0.name)
        }
        try configuration.write(to: folder)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--data-dir", folder.path]
        process.standardOutput = FileHandle.nullDevice
        let log = folder.appendingPathComponent("mirror.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        let started = clock.now
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        let agreed = try await MirrorProcess.waitForDigest(
            digest, at: "http://127.0.0.1:\(port + 1)", interval: .milliseconds(200), timeout: .seconds(1200))
        let elapsed = clock.now - started
        let peakMB = MirrorProcess.peakMegabytes(of: process.processIdentifier)
        precondition(agreed, "the mirror process did not reach the source's digest (its log: \(log.path))")
        print(
            String(
                format: "mirror process: caught up in %.1f s (from its start), peak RSS %d MB", seconds(elapsed),
                peakMB))
    }
}
