import Brokerage
package import CatalogueStore
import DirectoryModel
import EntryDocuments
package import Foundation
import Hummingbird
package import Logging
import NodeServer
import Replication
import ServiceLifecycle
import SyncProtocol
import UnixSignals

/// A whole federation in one process on loopback — five regional nodes and a mirror, each with
/// its own key and SQLite store — for `sopro-node demo` and for tests.
package struct DemoFederation: Sendable {
    package struct Member: Sendable {
        package var name: String
        /// The region a node publishes for; `nil` for the mirror.
        package var region: String?
        package var node: CatalogueNode
        package var port: Int
        /// Whom the member syncs with: its configuration's peers.
        package var peers: [Peer]
        package var url: String { "http://127.0.0.1:\(port)" }
    }

    /// The partnership's regions, in the order the demo starts them.
    package static let regions: [(code: String, name: String)] = [
        ("AT11", "Burgenland"), ("AT12", "Niederösterreich"), ("AT13", "Wien"), ("AT22", "Steiermark"),
        ("HU22", "Nyugat-Dunántúl"),
    ]

    package let members: [Member]
    let logger: Logger

    /// Creates the members in `directory`: one ordinary node data directory per member
    /// (`AT11/` … `HU22/`, `mirror/`, each with `sopro-node.yaml`, and a key and store for the
    /// regions), reused when present. The regions listen on `basePort + 1` … `basePort + 5`, the
    /// mirror on `basePort + 6`. A member's configuration is read on every start, so authors
    /// trusted and peers added with `sopro-node trust add` / `peers add --data-dir DIR/AT11` take
    /// part (an outside node can join the demo).
    package static func make(directory: URL, basePort: Int, logger: Logger) async throws -> DemoFederation {
        var keys: [(code: String, name: String, key: NodeKey)] = []
        for region in regions {
            let folder = directory.appendingPathComponent(region.code)
            keys.append(
                (region.code, region.name, try KeyFile.loadOrCreate(at: folder.appendingPathComponent("node.key"))))
        }
        let demoAuthors = keys.map {
            NodeConfiguration.AuthorEntry(id: $0.key.authorID.rawValue, region: $0.code, name: $0.name)
        }
        let regionPeers = keys.enumerated().map { index, entry in
            NodeConfiguration.PeerEntry(
                name: entry.code, url: "http://127.0.0.1:\(basePort + index + 1)", author: entry.key.authorID.rawValue)
        }
        /// The member's configuration: the demo's settings, with what an operator added kept.
        func configuration(folder: String, name: String, region: String?, port: Int) throws -> NodeConfiguration {
            let url = directory.appendingPathComponent(folder)
            let existing = try? NodeConfiguration.read(from: url)
            var configuration = NodeConfiguration(name: name, region: region, mode: region == nil ? .mirror : .node)
            configuration.listen.port = port
            configuration.syncInterval = 1
            configuration.trustedAuthors = demoAuthors
            for author in existing?.trustedAuthors ?? [] where !demoAuthors.contains(where: { $0.id == author.id }) {
                configuration.trustedAuthors.append(author)
            }
            configuration.peers = regionPeers.filter { $0.name != region }
            for peer in existing?.peers ?? [] where !regionPeers.contains(where: { $0.name == peer.name }) {
                configuration.peers.append(peer)
            }
            configuration.editors = existing?.editors ?? []
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try configuration.write(to: url)
            return configuration
        }
        var members: [Member] = []
        for (index, entry) in keys.enumerated() {
            let port = basePort + index + 1
            let settings = try configuration(folder: entry.code, name: entry.name, region: entry.code, port: port)
            let store = try SQLiteChangeStore.open(
                path: directory.appendingPathComponent(entry.code).appendingPathComponent("store.sqlite").path)
            _ = try await store.repairHeads()
            _ = try await store.refreshCatalogue()
            let node = try await CatalogueNode(
                store: store,
                acceptance: ChangeAcceptance(roster: settings.roster, schema: CatalogueSchema.fieldSchema),
                mode: .regional(key: entry.key, region: entry.code), name: entry.name)
            members.append(
                Member(name: entry.name, region: entry.code, node: node, port: port, peers: settings.peerList))
        }
        let mirrorPort = basePort + regions.count + 1
        let mirrorSettings = try configuration(folder: "mirror", name: "Mirror", region: nil, port: mirrorPort)
        let mirrorStore = try SQLiteChangeStore.open(
            path: directory.appendingPathComponent("mirror").appendingPathComponent("store.sqlite").path)
        _ = try await mirrorStore.refreshCatalogue()
        members.append(
            Member(
                name: "Mirror", region: nil,
                node: try await CatalogueNode(
                    store: mirrorStore,
                    acceptance: ChangeAcceptance(roster: mirrorSettings.roster, schema: CatalogueSchema.fieldSchema),
                    mode: .mirror, name: "Mirror"),
                port: mirrorPort, peers: mirrorSettings.peerList))
        return DemoFederation(members: members, logger: logger)
    }

    /// Publishes each region's sample file (`<region>.yaml` in `samples`) at its node; returns
    /// how many entries each region published or updated.
    package func publishSamples(from samples: URL) async throws -> [String: Int] {
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

    /// Every member's peers, from its configuration: the regional nodes form a full mesh, the
    /// mirror pulls from all, and whatever an operator added.
    func peers(of member: Member) -> [Peer] { member.peers }

    /// Whether every member holds the same catalogue; returns the digest if so.
    package func agreedDigest() async throws -> String? {
        var digests: Set<String> = []
        for member in members { digests.insert(try await member.node.store.digest()) }
        return digests.count == 1 ? digests.first : nil
    }

    /// Serves every member and replicates until SIGINT or SIGTERM; calls `onConverged` once,
    /// when every digest agrees.
    /// `operatorToken`, when given, is every regional node's editor token for the run: for the
    /// operators' pages and `sopro-node inquiries` against the demo.
    package func run(
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
package struct DemoError: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}
