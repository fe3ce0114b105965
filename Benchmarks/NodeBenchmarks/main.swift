import AsyncHTTPClient
import Brokerage
import CatalogueStore
import Crypto
import DirectoryModel
import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NodeClient
import NodeServer
import Replication
import SoproNode
import SyncProtocol

// Node benchmarks (release build):
//   swift run -c release node-benchmarks [changes]      (default 100000, about 20,000 entries)
//
// 1. a node's store takes `changes` changes by five authors (20,000 entries);
// 2. a fresh mirror bootstraps from it over loopback HTTP (pull, verify, apply), compared with
//    the raw two-core Ed25519 verification rate measured in the same run;
// 3. the bytes of a sync round when nothing changed;
// 4. search and list latency at that size (p50, p99);
// 5. the process's peak resident memory;
// 6. when `sopro-node` is built beside this benchmark (`swift build -c release`), a mirror as its
//    own process (`sopro-node serve`) bootstraps from the same node: its time and its peak RSS;
// 7. and when `wrk` is installed, that process's web pages at 20,000 entries: latency with one
//    connection (p50, p99) and throughput with eight.

// SOPRO_BENCHMARK_READS=<store.sqlite> measures only the reads (search, lists, the queries of a
// search page, matching) on a store kept by an earlier run (SOPRO_BENCHMARK_KEEP=1), and exits.
if let path = ProcessInfo.processInfo.environment["SOPRO_BENCHMARK_READS"] {
    try await ReadBenchmarks(store: try SQLiteChangeStore.open(path: path)).run()
    exit(0)
}
// SOPRO_BENCHMARK_BOOTSTRAP=<store.sqlite> measures only fresh mirrors bootstrapping from a kept
// store, each against the raw two-core verification rate, and exits.
if let path = ProcessInfo.processInfo.environment["SOPRO_BENCHMARK_BOOTSTRAP"] {
    try await BootstrapBenchmark(path: path).run()
    exit(0)
}

let total = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 100_000
let clock = ContinuousClock()
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let keys = (0..<5).map { _ in NodeKey() }
let regions = ["AT11", "AT12", "AT13", "AT22", "HU22"]
let roster = AuthorRoster(zip(keys, regions).map { TrustedAuthor(id: $0.authorID, region: $1, name: $1) })
let acceptance = ChangeAcceptance(roster: roster, schema: CatalogueSchema.fieldSchema)
let words = ["Holz", "Werkstatt", "Textil", "Catering", "Reinigung", "Garten", "Fahrrad", "Druck", "Wäsche", "Montage"]
let hungarian = ["fa", "műhely", "textil", "konyha", "takarítás", "kert", "kerékpár", "nyomda", "mosoda", "szerelés"]
let start: Int64 = 1_795_737_600_000

print("Signing \(total) changes by 5 authors …")
var changes: [SignedChange] = []
var previous: [ChangeID?] = Array(repeating: nil, count: 5)
let entryCount = max(1, total / 5)
let ids = (0..<entryCount).map { _ in EntryID.make().rawValue }
for index in 0..<total {
    let author = index % 5
    let entry = ids[index % entryCount]
    let word = words[index % words.count]
    let round = index / entryCount
    let operations: [EntryOperation] =
        round == 0
        ? [
            .init(
                kind: "enterprise", entry: entry,
                action: .set(field: "name.de", value: .string("\(word) \(index)"), supersedes: [])),
            .init(
                kind: "enterprise", entry: entry,
                action: .set(field: "socialModel", value: "work-integration", supersedes: [])),
            .init(
                kind: "enterprise", entry: entry,
                action: .set(field: "region", value: .string(regions[author]), supersedes: [])),
            .init(kind: "enterprise", entry: entry, action: .add(field: "sectors", value: "16.23")),
        ]
        : [
            .init(
                kind: "enterprise", entry: entry,
                action: .set(
                    field: round % 2 == 0 ? "description.de" : "description.hu",
                    value: .string(
                        "\(words[(index + round) % 10]) \(hungarian[(index + round) % 10]) Beschreibung \(round)"),
                    supersedes: []))
        ]
    let change = try ChangeSigner.sign(
        operations: operations, editor: "editor", seq: UInt64(index / 5 + 1), previous: previous[author],
        hlc: HLCTimestamp(time: start + Int64(index)), key: keys[author])
    previous[author] = change.id
    changes.append(change)
}

// Raw Ed25519, two cores, on the same messages.
nonisolated(unsafe) let publicKeys = try keys.map { try $0.authorID.publicKey }
let signed = changes
let messages = changes.map { SignatureContext.change.message(for: $0.payload) }
nonisolated func rawVerify(_ range: Range<Int>) -> Int {
    var valid = 0
    for index in range where publicKeys[index % 5].isValidSignature(signed[index].signature, for: messages[index]) {
        valid += 1
    }
    return valid
}
let rawTwo = await clock.measure {
    await withTaskGroup(of: Int.self) { group in
        group.addTask { rawVerify(0..<total / 2) }
        group.addTask { rawVerify(total / 2..<total) }
        for await _ in group {}
    }
}
let rawTwoRate = Double(total) / seconds(rawTwo)

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sopro-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
// SOPRO_BENCHMARK_KEEP=1 keeps the stores, to look at them with sqlite3.
let keepStores = ProcessInfo.processInfo.environment["SOPRO_BENCHMARK_KEEP"] == "1"
defer {
    if keepStores { print("stores kept in \(folder.path)") } else { try? FileManager.default.removeItem(at: folder) }
}

print("Loading the source node's store …")
let sourceStore = try SQLiteChangeStore.open(path: folder.appendingPathComponent("source.sqlite").path)
let source = try await CatalogueNode(store: sourceStore, acceptance: acceptance, mode: .mirror, name: "source")
let load = await clock.measure {
    var index = 0
    while index < changes.count {
        let batch = Array(changes[index..<min(changes.count, index + 1000)])
        _ = try? await source.receive(batch)
        index += batch.count
    }
}
let loaded = try await sourceStore.changeCount()
precondition(loaded == total, "the source did not take every change")

// Bootstrap a fresh mirror over loopback HTTP.
let port = 18_700 + Int.random(in: 0..<200)
let app = buildApplication(node: source, port: port)
let server = Task { try await app.runService() }
try await Task.sleep(for: .milliseconds(500))
let mirrorStore = try SQLiteChangeStore.open(path: folder.appendingPathComponent("mirror.sqlite").path)
let mirror = try await CatalogueNode(store: mirrorStore, acceptance: acceptance, mode: .mirror, name: "mirror")
let peer = Peer(name: "source", url: "http://127.0.0.1:\(port)")
let traffic = TrafficMeter()
let replicator = Replicator(
    node: mirror, peers: [peer], client: HTTPPeerClient(meter: traffic), clock: ContinuousClock())
var pulled = 0
let bootstrap = try await clock.measure { pulled = try await replicator.sync(with: peer).pulled }
let mirrorDigest = try await mirrorStore.digest()
let sourceDigest = try await sourceStore.digest()
precondition(mirrorDigest == sourceDigest, "the mirror does not agree")
let bootstrapRate = Double(pulled) / seconds(bootstrap)

// An idle round: heads only. Count the bytes on the wire (request line, headers, body).
let headsRequest = "GET /v1/sync/heads HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUser-Agent: async-http-client\r\n\r\n"
    .utf8.count
let headsBody = try JSONEncoder().encode(try await sourceStore.versionVector()).count
let idleBytes = headsRequest + headsBody + 160  // + status line and headers of the answer

// Search and list latency on the mirror's store.
var searchTimes: [Double] = []
var listTimes: [Double] = []
for index in 0..<500 {
    var query = CatalogueQuery()
    query.text = words[index % words.count].lowercased()
    query.limit = 20
    searchTimes.append(seconds(try await clock.measure { _ = try await mirrorStore.entries(matching: query) }))
    var list = CatalogueQuery()
    list.facets = [.init("region", regions[index % 5])]
    list.limit = 20
    listTimes.append(seconds(try await clock.measure { _ = try await mirrorStore.entries(matching: list) }))
}
func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
let inProcessRSS = usage.ru_maxrss / 1024

// The queries behind a search page (a page of results and the counts of eight facets), the
// first time for each text (counted) and again (remembered for this catalogue version).
let pageFacetNames = [
    "kind", "region", "category", "sector", "socialModel", "targetGroup", "sustainability", "deliveryArea",
]
var firstPageTimes: [Double] = []
var againPageTimes: [Double] = []
for word in words + hungarian {
    var query = CatalogueQuery()
    query.text = word.lowercased()
    query.limit = 20
    for round in 0..<2 {
        let time = seconds(
            try await clock.measure {
                _ = try await mirrorStore.entries(matching: query)
                _ = try await mirrorStore.facetCounts(matching: query, facets: pageFacetNames)
            })
        if round == 0 { firstPageTimes.append(time) } else { againPageTimes.append(time) }
    }
}

// Matching inquiries against the whole catalogue (all its entries), as an operator's page does.
var matchTimes: [Double] = []
let needs = [
    "Holz Spielzeug für unsere Kindergärten", "Catering für Betriebsfeiern", "Reinigung der Büros, zweimal pro Woche",
    "Textil Taschen aus Werbebannern", "Garten und Grünflächen pflegen", "Fahrrad Werkstatt für Dienstfahrräder",
    "Druck und Versand der Gemeindezeitung", "Wäsche für das Pflegeheim", "Montage und Verpackung von Werbemitteln",
    "fa műhely játékok óvodának",
]
for need in needs {
    var draft = InquiryDraft()
    draft.need = need
    draft.deliveryRegion = "AT13"
    draft.organisationType = "public-body"
    draft.contactName = "Benchmark"
    draft.email = "benchmark@example.org"
    draft.language = "de"
    draft.consent = true
    let submission = try draft.validated(today: "2026-01-01").get()
    for _ in 0..<3 {
        matchTimes.append(
            seconds(
                try await clock.measure { _ = try await InquiryMatcher(store: mirrorStore).matches(for: submission) }))
    }
}

// A mirror as its own process: the peak RSS of one node, bootstrapping.
var processFigures: (seconds: Double, peakMB: Int)?

/// One web page under `wrk`: latency with one connection (10 s), throughput with eight (10 s).
struct PageFigures {
    var name: String
    var p50: Double
    var p99: Double
    var requestsPerSecond: Double
}
var pageFigures: [PageFigures] = []

/// Runs `wrk` and returns its output, or `nil` when it is not installed.
func wrk(_ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["wrk"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: output, as: UTF8.self)
}

/// A latency from wrk's `--latency` table (`99%   12.34ms`), in milliseconds.
func wrkLatency(_ output: String, _ percent: String) -> Double? {
    guard
        let line = output.split(separator: "\n").first(where: {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix(percent + "%")
        }),
        let value = line.split(separator: " ").last
    else { return nil }
    for (unit, factor) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0)] where value.hasSuffix(unit) {
        return Double(value.dropLast(unit.count)).map { $0 * factor }
    }
    return nil
}

func measurePage(_ name: String, _ url: String) -> PageFigures? {
    guard let latency = wrk(["-t1", "-c1", "-d10s", "--latency", url]),
        let p50 = wrkLatency(latency, "50"), let p99 = wrkLatency(latency, "99"),
        let load = wrk(["-t2", "-c8", "-d10s", url]),
        let rate = load.split(separator: "\n").first(where: { $0.hasPrefix("Requests/sec:") })?
            .split(separator: " ").last.flatMap({ Double($0) })
    else { return nil }
    return PageFigures(name: name, p50: p50, p99: p99, requestsPerSecond: rate)
}
let nodeBinary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("sopro-node")
if FileManager.default.isExecutableFile(atPath: nodeBinary.path) {
    let directory = folder.appendingPathComponent("mirror-process")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    var configuration = NodeConfiguration(name: "Mirror process", region: nil, mode: .mirror)
    configuration.listen.port = port + 1
    configuration.syncInterval = 1
    configuration.peers = [.init(name: "source", url: "http://127.0.0.1:\(port)")]
    configuration.trustedAuthors = zip(keys, regions).map { .init(id: $0.authorID.rawValue, region: $1, name: $1) }
    try configuration.write(to: directory)
    let process = Process()
    process.executableURL = nodeBinary
    process.arguments = ["serve", "--data-dir", directory.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let started = clock.now
    try process.run()
    // Done when the mirror process reports the source's digest (its catalogue is rebuilt).
    let agreed = try await MirrorProcess.waitForDigest(
        sourceDigest, at: "http://127.0.0.1:\(port + 1)", timeout: .seconds(600))
    let elapsed = clock.now - started
    let peakMB = MirrorProcess.peakMegabytes(of: process.processIdentifier)
    // The web pages of that mirror, at this size (after its peak RSS was read).
    if agreed, let sample = try await sourceStore.entries(matching: CatalogueQuery()).items.first {
        let site = "http://127.0.0.1:\(port + 1)"
        let pages = [
            ("search page, full text (\"holz\", \(entryCount / 10) names)", "/search?q=holz&lang=de"),
            ("search page, browse all (\(entryCount), all facets)", "/search?lang=de"),
            ("search page, region and text", "/search?q=werkstatt&region=AT13&lang=hu"),
            ("home page", "/?lang=de"),
            ("enterprise page", "/\(sample.kind)/\(sample.id)?lang=de"),
        ]
        for (name, path) in pages {
            guard let figures = measurePage(name, site + path) else { break }
            pageFigures.append(figures)
        }
    }
    process.terminate()
    process.waitUntilExit()
    precondition(agreed, "the mirror process did not reach the source's digest")
    processFigures = (seconds(elapsed), peakMB)
}
server.cancel()

print("")
print("changes: \(total), entries: \(entryCount), machine: \(ProcessInfo.processInfo.activeProcessorCount) cores")
print(String(format: "raw Ed25519 verify, 2 cores:           %8.0f changes/s", rawTwoRate))
print(String(format: "source node store load (push path):    %8.0f changes/s", Double(total) / seconds(load)))
print(
    String(
        format: "mirror bootstrap over HTTP:            %8.0f changes/s  (%.2f × raw 2-core verify)", bootstrapRate,
        bootstrapRate / rawTwoRate))
print(
    String(
        format: "  bytes received (gzip):               %8.1f MB  (%.0f bytes per change)",
        Double(traffic.received) / 1e6, Double(traffic.received) / Double(max(1, pulled))))
print("idle sync round (heads request + answer): about \(idleBytes) bytes per peer")
print(
    String(
        format: "search p50 / p99:                      %6.2f / %6.2f ms", percentile(searchTimes, 0.5) * 1000,
        percentile(searchTimes, 0.99) * 1000))
print(
    String(
        format: "region list p50 / p99:                 %6.2f / %6.2f ms", percentile(listTimes, 0.5) * 1000,
        percentile(listTimes, 0.99) * 1000))
print(
    String(
        format: "search page queries, first / again:    p50 %6.2f / %6.2f ms, max %6.2f / %6.2f ms (20 texts)",
        percentile(firstPageTimes, 0.5) * 1000, percentile(againPageTimes, 0.5) * 1000,
        (firstPageTimes.max() ?? 0) * 1000, (againPageTimes.max() ?? 0) * 1000))
print(
    String(
        format: "matching an inquiry (%d entries):   p50 %6.2f ms, max %6.2f ms (%d runs)", entryCount,
        percentile(matchTimes, 0.5) * 1000, (matchTimes.max() ?? 0) * 1000, matchTimes.count))
print("peak RSS of this process (source node, mirror and client together): \(inProcessRSS) MB")
if let processFigures {
    print(
        String(
            format:
                "mirror as its own process (sopro-node serve): caught up in %.1f s (%.0f changes/s, start included),",
            processFigures.seconds, Double(total) / processFigures.seconds))
    print("  peak RSS \(processFigures.peakMB) MB")
} else {
    print("mirror as its own process: not measured (build sopro-node first: swift build -c release)")
}
if pageFigures.isEmpty {
    print("web pages: not measured (needs that mirror process and wrk: sudo apt-get install wrk)")
} else {
    print("web pages of that mirror process (wrk; latency with 1 connection, throughput with 8):")
    for page in pageFigures {
        print(
            String(
                format: "  %@ p50 %6.2f ms, p99 %6.2f ms, %6.0f requests/s",
                page.name.padding(toLength: 52, withPad: " ", startingAt: 0), page.p50, page.p99,
                page.requestsPerSecond))
    }
}
