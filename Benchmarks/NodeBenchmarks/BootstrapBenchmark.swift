import CatalogueStore
import Crypto
import Foundation
import Hummingbird
import NodeServer
import Replication
import SyncProtocol

/// A mirror's bootstrap alone, from a kept store (SOPRO_BENCHMARK_BOOTSTRAP=<store.sqlite>):
/// the store is served on loopback and fresh mirrors bootstrap from it, each compared with the
/// raw two-core Ed25519 verification rate of the same changes measured just before it. Takes a
/// fraction of the full benchmark's time, to try a change to the pull or the rebuild.
struct BootstrapBenchmark {
    let path: String
    var runs = 2
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

        for run in 1...runs {
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
                path: folder.appendingPathComponent("mirror-\(run).sqlite").path)
            let mirror = try await CatalogueNode(
                store: mirrorStore, acceptance: acceptance, mode: .mirror, name: "mirror")
            let peer = Peer(name: "source", url: "http://127.0.0.1:\(port)")
            var replicator = Replicator(node: mirror, peers: [peer], client: HTTPPeerClient(), clock: ContinuousClock())
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
                    run, rawRate, rate, rate / rawRate, seconds(bootstrap), cpu / seconds(bootstrap) * 100))
        }
    }
}
