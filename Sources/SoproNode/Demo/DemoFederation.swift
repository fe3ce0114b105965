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
import Workspace

/// A whole federation in one process on loopback — five regional nodes and a mirror, each with
/// its own key and SQLite store — for `sopro-node demo` and for tests.
package struct DemoFederation: Sendable {
    /// One member: an ordinary node opened from its data directory, as `sopro-node serve` opens it.
    package struct Member: Sendable {
        package var runtime: NodeRuntime
        package var name: String { runtime.configuration.name }
        /// The region a node publishes for; `nil` for the mirror.
        package var region: String? { runtime.configuration.mode == .mirror ? nil : runtime.configuration.region }
        package var node: CatalogueNode { runtime.node }
        package var port: Int { runtime.configuration.listen.port }
        /// Whom the member syncs with: its configuration's peers.
        package var peers: [Peer] { runtime.configuration.peerList }
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
        // Each member is opened as `serve` opens a node. The demo vouches for its members' own
        // heads: their stores are never restored from elsewhere, and it publishes before serving.
        var members: [Member] = []
        for (index, entry) in keys.enumerated() {
            _ = try configuration(folder: entry.code, name: entry.name, region: entry.code, port: basePort + index + 1)
            let runtime = try await NodeRuntime.open(
                dataDirectory: directory.appendingPathComponent(entry.code), confirmOwnHead: true, confirmedBy: "demo",
                environment: [:],
                logger: logger)
            members.append(Member(runtime: runtime))
        }
        _ = try configuration(folder: "mirror", name: "Mirror", region: nil, port: basePort + regions.count + 1)
        members.append(
            Member(
                runtime: try await NodeRuntime.open(
                    dataDirectory: directory.appendingPathComponent("mirror"), environment: [:], logger: logger)))
        return DemoFederation(members: members, logger: logger)
    }

    /// Publishes each region's sample file (`<region>.yaml` in `samples`) at its node; returns
    /// how many entries each region published or updated.
    package func publishSamples(from samples: URL) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for member in members {
            guard let region = member.region else { continue }
            let file = samples.appendingPathComponent("\(region).yaml")
            var context = ValidationContext()
            context.acceptsPictureSources = true
            let set = EntryFileDecoder(context: context).decode(paths: [file.path])
            guard set.isValid else {
                let problems = (set.failures.map(\.description) + set.issues.map(\.description)).prefix(5)
                throw DemoError(
                    message: "the sample file \(file.path) has problems:\n  " + problems.joined(separator: "\n  "))
            }
            // The sample files name their pictures by file: kept at the node as uploads are.
            let report = try await member.node.publishKeepingPictures(
                set.entries, editor: "demo@\(region.lowercased())")
            counts[region] = report.entries.count
        }
        return counts
    }

    /// Whether every member holds the same catalogue; returns the digest if so.
    package func agreedDigest() async throws -> String? {
        var digests: Set<String> = []
        for member in members { digests.insert(try await member.node.store.digest()) }
        return digests.count == 1 ? digests.first : nil
    }

    /// The demo's workspace account at every regional node: `operator@demo.example`, an
    /// operator, with `password` (for this run; an account left from an earlier run with the
    /// same data directory gets it too). One hash for all five nodes: scrypt runs once.
    package func addDemoAccount(password: String) async throws {
        let hash = try PasswordHash.make(password)
        let email = "operator@demo.example"
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        for member in members where member.region != nil {
            let accounts = try SQLiteAccountStore(sharing: member.runtime.store)
            if let old = try await accounts.account(email: email) { _ = try await accounts.remove(id: old.id) }
            try await accounts.insert(
                EditorAccount(
                    id: UUID().uuidString.lowercased(), name: "Demo Operator", email: email, role: .operator,
                    passwordHash: hash, createdAt: now, passwordSetAt: now))
        }
    }

    /// Serves every member and replicates until SIGINT or SIGTERM; calls `onConverged` once,
    /// when every digest agrees.
    /// `operatorToken`, when given, is every regional node's editor token for the run: for the
    /// operators' pages and `sopro-node inquiries` against the demo.
    package func run(operatorToken: String? = nil, onConverged: @escaping @Sendable (String) -> Void) async throws {
        let editors = EditorAuthenticator { token in
            guard let operatorToken, token == operatorToken else { return nil }
            return "demo-operator"
        }
        var services: [any Service] = []
        for member in members {
            for repair in member.runtime.repairs { logger.notice("\(member.name): start-up check repaired: \(repair)") }
            services += try member.runtime.services(editors: editors)
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
