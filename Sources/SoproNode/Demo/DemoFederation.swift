import DirectoryModel
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import SyncProtocol
import UnixSignals

/// A whole federation in one process on loopback — five regional nodes and a mirror, each with
/// its own key and SQLite store — for `sopro-node demo` and for tests.
public struct DemoFederation: Sendable {
    public struct Member: Sendable {
        public var name: String
        /// The region a node publishes for; `nil` for the mirror.
        public var region: String?
        public var node: CatalogueNode
        public var port: Int
        public var url: String { "http://127.0.0.1:\(port)" }
    }

    /// The partnership's regions, in the order the demo starts them.
    public static let regions: [(code: String, name: String)] = [
        ("AT11", "Burgenland"), ("AT12", "Niederösterreich"), ("AT13", "Wien"), ("AT22", "Steiermark"),
        ("HU22", "Nyugat-Dunántúl"),
    ]

    public let members: [Member]
    let logger: Logger

    /// Creates the members in `directory` (a key and a store per member, reused when present),
    /// listening on `basePort + 1` … `basePort + 6` (or ephemeral-like consecutive ports).
    public static func make(directory: URL, basePort: Int, logger: Logger) async throws -> DemoFederation {
        var keys: [(code: String, name: String, key: NodeKey)] = []
        for region in regions {
            let folder = directory.appendingPathComponent(region.code)
            keys.append(
                (region.code, region.name, try KeyFile.loadOrCreate(at: folder.appendingPathComponent("node.key"))))
        }
        let roster = AuthorRoster(keys.map { TrustedAuthor(id: $0.key.authorID, region: $0.code, name: $0.name) })
        let acceptance = ChangeAcceptance(roster: roster, schema: CatalogueSchema.fieldSchema)
        var members: [Member] = []
        for (index, entry) in keys.enumerated() {
            let store = try SQLiteChangeStore.open(
                path: directory.appendingPathComponent(entry.code).appendingPathComponent("store.sqlite").path)
            _ = try await store.repairHeads()
            let node = try await CatalogueNode(
                store: store, acceptance: acceptance, mode: .regional(key: entry.key, region: entry.code),
                name: entry.name)
            members.append(Member(name: entry.name, region: entry.code, node: node, port: basePort + index + 1))
        }
        let mirrorFolder = directory.appendingPathComponent("mirror")
        try FileManager.default.createDirectory(at: mirrorFolder, withIntermediateDirectories: true)
        let mirrorStore = try SQLiteChangeStore.open(path: mirrorFolder.appendingPathComponent("store.sqlite").path)
        members.append(
            Member(
                name: "Mirror", region: nil,
                node: try await CatalogueNode(
                    store: mirrorStore, acceptance: acceptance, mode: .mirror, name: "Mirror"),
                port: basePort + regions.count + 1))
        return DemoFederation(members: members, logger: logger)
    }

    /// Publishes each region's sample file (`<region>.yaml` in `samples`) at its node; returns
    /// how many entries each region published or updated.
    public func publishSamples(from samples: URL) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for member in members {
            guard let region = member.region else { continue }
            let file = samples.appendingPathComponent("\(region).yaml")
            let set = EntryFileDecoder().decode(paths: [file.path])
            guard set.isValid else {
                let problems = (set.failures.map(\.description) + set.issues.map(\.description)).prefix(5)
                throw DemoError(
                    message: "the sample file \(file.path) has problems:\n  " + problems.joined(separator: "\n  "))
            }
            let report = try await member.node.publish(set.entries, editor: "demo@\(region.lowercased())")
            counts[region] = report.entries.count
        }
        return counts
    }

    /// Every member's peers: the regional nodes form a full mesh; the mirror pulls from all.
    func peers(of member: Member) -> [Peer] {
        members.filter { $0.port != member.port && $0.region != nil }.map {
            Peer(name: $0.region ?? $0.name, url: $0.url, authorID: $0.node.authorID)
        }
    }

    /// Whether every member holds the same catalogue; returns the digest if so.
    public func agreedDigest() async throws -> String? {
        var digests: Set<String> = []
        for member in members { digests.insert(try await member.node.store.digest()) }
        return digests.count == 1 ? digests.first : nil
    }

    /// Serves every member and replicates until SIGINT or SIGTERM; calls `onConverged` once,
    /// when every digest agrees.
    /// `operatorToken`, when given, is every regional node's editor token for the run: for the
    /// operators' pages and `sopro-node inquiries` against the demo.
    public func run(
        interval: Duration = .seconds(1), operatorToken: String? = nil,
        onConverged: @escaping @Sendable (String) -> Void
    ) async throws {
        let editors = EditorAuthenticator { token in
            guard let operatorToken, token == operatorToken else { return nil }
            return "demo-operator"
        }
        var services: [any Service] = []
        for member in members {
            // Regional nodes take inquiries and refer them to each other; the mirror does not.
            var desk: InquiryDesk?
            if member.region != nil, let store = member.node.store as? SQLiteChangeStore {
                desk = try InquiryDesk(
                    store: SQLiteInquiryStore(sharing: store), node: member.node, peers: peers(of: member),
                    transport: HTTPReferralTransport(), logger: logger)
            }
            services.append(
                buildApplication(
                    node: member.node, port: member.port, editors: editors, inquiries: desk, logger: logger))
            services.append(
                Replicator(
                    node: member.node, peers: peers(of: member), client: HTTPPeerClient(), clock: ContinuousClock(),
                    interval: interval, logger: logger))
        }
        services.append(ConvergenceWatcher(federation: self, onConverged: onConverged))
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigint, .sigterm], logger: logger))
        try await group.run()
    }
}

/// Polls the members' digests and reports the first moment they all agree.
struct ConvergenceWatcher: Service {
    let federation: DemoFederation
    let onConverged: @Sendable (String) -> Void

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if let digest = try? await federation.agreedDigest() {
                onConverged(digest)
                try? await gracefulShutdown()
                return
            }
            try? await Task.sleep(for: .milliseconds(300))
        }
    }
}

/// Why the demo could not start.
public struct DemoError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
