import Brokerage
package import CatalogueStore
package import Foundation
import Hummingbird
package import Logging
package import NodeAPI
package import NodeServer
package import Replication
package import ServiceLifecycle
import SyncProtocol
import UnixSignals
import Workspace

/// A node as `sopro-node serve` runs it: configuration, key, store, HTTP server and replicator,
/// until SIGINT or SIGTERM.
package struct NodeRuntime: Sendable {
    package let configuration: NodeConfiguration
    package let node: CatalogueNode
    /// The node's SQLite file, which the inquiry store shares.
    let store: SQLiteChangeStore
    /// Lines for the log about what the start-up check repaired.
    package let repairs: [String]
    let logger: Logger

    /// The store's file in a data directory.
    package static func storePath(in dataDirectory: URL) -> String {
        dataDirectory.appendingPathComponent("store.sqlite").path
    }

    /// Opens the node in `dataDirectory`. `confirmOwnHead`: the operator vouches that the store
    /// holds the node's latest change (its peers are gone for good), so it signs without asking.
    /// `confirmedBy` names who vouched, as `status` shows it. `environment`: where `SOPRO_HOST`,
    /// `SOPRO_PORT` and `SOPRO_SYNC_INTERVAL` override the configuration (the demo passes none,
    /// its members' ports being its own).
    package static func open(
        dataDirectory: URL, confirmOwnHead: Bool = false, confirmedBy: String = "operator",
        environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger
    ) async throws
        -> NodeRuntime
    {
        let configuration = try NodeConfiguration.load(from: dataDirectory, environment: environment)
        let mode: NodeMode
        switch configuration.mode {
        case .mirror:
            mode = .mirror
        case .node:
            let key = try KeyFile.load(from: dataDirectory.appendingPathComponent(configuration.keyFile))
            mode = .regional(key: key, region: configuration.region ?? "")
        }
        try protectStore(at: storePath(in: dataDirectory))
        let store = try SQLiteChangeStore.open(path: storePath(in: dataDirectory))
        var repairs = try await store.repairHeads()
        if let lag = try await store.refreshCatalogue() {
            repairs.append(
                "the catalogue was rebuilt from the log (\(lag) changes were not in it: an interrupted catch-up, or an index an upgrade extended)"
            )
        }
        let acceptance = ChangeAcceptance(
            roster: configuration.roster, schema: CatalogueSchema.fieldSchema,
            maximumSkewMilliseconds: Int64(configuration.maximumClockSkew) * 1000)
        let node = try await CatalogueNode(
            store: store, acceptance: acceptance, mode: mode, name: configuration.name,
            needsOwnHeadFromPeers: true, genesis: configuration.genesisID)
        if confirmOwnHead, case .regional = mode {
            await node.confirmOwnHead(by: confirmedBy)
        }
        return NodeRuntime(configuration: configuration, node: node, store: store, repairs: repairs, logger: logger)
    }

    package var replicator: Replicator<ContinuousClock> {
        Replicator(
            node: node, peers: configuration.peerList, client: HTTPPeerClient(), clock: ContinuousClock(),
            interval: .seconds(configuration.syncInterval),
            ownHeadQuorumAfter: .seconds(configuration.ownHeadQuorumAfter), logger: logger)
    }

    /// What the node runs: its HTTP server, its replicator and, for a regional node, the
    /// inquiry desk's retention. `serve`, the demo and the tests that run whole nodes build
    /// them here, the same way. `editors` replaces the configuration's editors (the demo's
    /// operator token for one run).
    package func services(editors: EditorAuthenticator? = nil) throws -> [any Service] {
        let replicator = replicator
        var services: [any Service] = []
        var desk: InquiryDesk?
        var accounts: EditorAccounts?
        if case .regional = node.mode {
            accounts = try EditorAccounts(store: SQLiteAccountStore(sharing: store))
            let opened = try InquiryDesk(
                store: SQLiteInquiryStore(sharing: store), node: node, peers: configuration.peerList,
                transport: HTTPReferralTransport(), retentionDays: configuration.inquiryRetentionDays,
                logger: logger)
            desk = opened
            services.append(InquiryRetention(desk: opened, clock: ContinuousClock(), logger: logger))
        }
        var limits = configuration.listen.limits
        if let fitted = limits.fitted(toOpenFiles: ServerLimits.openFilesLimit()) {
            logger.notice(
                "listen.maximumConnections \(limits.maximumConnections) does not fit the open-files limit (ulimit -n \(ServerLimits.openFilesLimit() ?? 0)); serving at most \(fitted.maximumConnections) connections"
            )
            limits = fitted
        }
        let app = buildApplication(
            node: node, host: configuration.listen.host, port: configuration.listen.port,
            editors: editors ?? EditorAuthenticator(configuration: configuration), peerStatus: replicator.status,
            publicAddress: configuration.publicURL.flatMap(PublicAddress.init), inquiries: desk,
            clientAddress: ClientAddress(trustForwardedFor: configuration.trustForwardedFor), limits: limits,
            memberCard: memberCard, embedAncestors: configuration.embedAncestors,
            mapTiles: configuration.mapTiles.flatMap { try? $0.checked.get() }, accounts: accounts, logger: logger)
        return [app, replicator] + services
    }

    /// What this node says about itself for a roster; `nil` for a mirror.
    package var memberCard: MemberCard? {
        guard case .regional(let key, let region) = node.mode else { return nil }
        return MemberCard(
            region: region, name: configuration.name, url: configuration.publicURL, key: key.authorID,
            recovery: configuration.recoveryCommitment)
    }

    /// Serves and replicates until a shutdown signal; the request in flight finishes first.
    package func run() async throws {
        for repair in repairs { logger.notice("start-up check repaired: \(repair)") }
        let federation = node.federation
        if let current = federation.current {
            logger.notice(
                "following the federation roster \(current.federation), version \(current.version): the roster says whom to trust; trustedAuthors in the configuration no longer count",
                metadata: [
                    "roster.version": "\(current.version)", "roster.genesis": "\(federation.genesisID?.rawValue ?? "")",
                ])
        } else if let genesis = federation.genesisID {
            logger.notice(
                "following genesis \(genesis.rawValue.prefix(12))…, not held yet: no change is accepted until a peer gives it",
                metadata: ["roster.genesis": "\(genesis.rawValue)"])
        }
        let group = ServiceGroup(
            configuration: .init(
                services: try services(), gracefulShutdownSignals: [.sigint, .sigterm], logger: logger))
        try await group.run()
    }
}
