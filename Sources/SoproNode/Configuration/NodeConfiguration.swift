package import CatalogueStore
import Crypto
import DirectoryModel
package import Foundation
package import NodeServer
package import SyncProtocol
import Yams

/// A node's configuration file (`sopro-node.yaml` in the data directory): who the node is, where
/// it listens, its peers, the authors it trusts and its editors. Environment variables
/// override single settings (`SOPRO_HOST`, `SOPRO_PORT`, `SOPRO_SYNC_INTERVAL`).
package struct NodeConfiguration: Codable, Sendable, Hashable {
    package enum Mode: String, Codable, Sendable {
        case node, mirror
    }

    package struct Listen: Codable, Sendable, Hashable {
        package var host = "127.0.0.1"
        package var port = 8080
        /// Connections served at once (capped at start to the open-files limit minus room for
        /// the store and outgoing connections).
        package var maximumConnections = 512
        /// Seconds a connection may sit without a request before it is closed.
        package var idleTimeout = 60
        /// Seconds from a request's first byte to the end of its head.
        package var requestHeadTimeout = 10
        /// Seconds from a request's head to the end of its body.
        package var requestBodyTimeout = 60

        /// The server's limits these settings give.
        package var limits: ServerLimits {
            ServerLimits(
                maximumConnections: maximumConnections, idleTimeout: .seconds(idleTimeout),
                requestHeadTimeout: .seconds(requestHeadTimeout), requestBodyTimeout: .seconds(requestBodyTimeout))
        }
    }

    package struct PeerEntry: Codable, Sendable, Hashable {
        package var name: String
        package var url: String
        /// The peer's author id, when it is a regional node.
        package var author: String?

        package init(name: String, url: String, author: String? = nil) {
            self.name = name
            self.url = url
            self.author = author
        }
    }

    /// `mapTiles`: a slippy-map tile server (`{z}/{x}/{y}` in `url`), the attribution its
    /// licence asks for, and its highest zoom level.
    package struct MapTileSetting: Codable, Sendable, Hashable {
        package var url: String
        package var attribution: String
        package var maxZoom = 19

        package init(url: String, attribution: String, maxZoom: Int = 19) {
            self.url = url
            self.attribution = attribution
            self.maxZoom = maxZoom
        }

        private enum CodingKeys: String, CodingKey, CaseIterable { case url, attribution, maxZoom }

        /// Unknown keys (usually typos) are refused, as at the top level.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            url = try container.decode(String.self, forKey: .url)
            attribution = try container.decode(String.self, forKey: .attribution)
            maxZoom = try container.decodeIfPresent(Int.self, forKey: .maxZoom) ?? 19
            if let all = try? decoder.container(keyedBy: NodeConfiguration.AnyKey.self),
                let unknown = all.allKeys.first(where: { CodingKeys(rawValue: $0.stringValue) == nil })
            {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath + [unknown],
                        debugDescription: "unknown setting; known: attribution, maxZoom, url"))
            }
        }

        /// The tile source these settings name, or the problem with them.
        package var checked: Result<MapTiles, MapTilesProblem> {
            MapTiles.checked(template: url, attribution: attribution, maximumZoom: maxZoom)
        }
    }

    package struct AuthorEntry: Codable, Sendable, Hashable {
        package var id: String
        package var region: String
        package var name: String

        package init(id: String, region: String, name: String) {
            self.id = id
            self.region = region
            self.name = name
        }
    }

    /// An editor who may publish, with the SHA-256 of their token (the token itself is never
    /// stored).
    package struct Editor: Codable, Sendable, Hashable {
        package var name: String
        package var tokenSHA256: String
    }

    package var name: String
    /// The NUTS region a regional node publishes for.
    package var region: String?
    package var mode: Mode = .node
    package var listen = Listen()
    /// The key file, relative to the data directory.
    package var keyFile = "node.key"
    /// Seconds between sync rounds with each peer.
    package var syncInterval = 10
    /// How far ahead of this node's clock a change may be stamped, in seconds.
    package var maximumClockSkew = 300
    /// Seconds after a start after which a majority of the regional peers is enough to confirm
    /// the node's own head, when not all of them answer (see `OwnHeadConfirmation`).
    package var ownHeadQuorumAfter = 600
    package var peers: [PeerEntry] = []
    package var trustedAuthors: [AuthorEntry] = []
    package var editors: [Editor] = []
    /// The address readers reach this node at (behind a proxy: its public https URL), for the
    /// absolute links of the sitemap and the feeds; without it they are built from the
    /// request's `Host`.
    package var publicURL: String?
    /// Who may show the embeddable list (`/embed`) in a frame: `*` (any website, the default:
    /// the list is public and has no form), `'self'`, or http(s) origins; empty for none.
    package var embedAncestors = ["*"]
    /// A tile server to draw beneath the results map; without one the map is outlines only and
    /// no page asks anyone else for anything.
    package var mapTiles: MapTileSetting?
    /// Days a closed inquiry is kept before it is erased (regional nodes).
    package var inquiryRetentionDays = 365
    /// Behind a reverse proxy that sets `X-Forwarded-For`: count the inquiry form's rate limit
    /// by the address the proxy saw, not by the proxy's.
    package var trustForwardedFor = false
    /// The id of the federation roster's genesis this node follows (`sopro-node federation
    /// follow`); without it the node trusts `trustedAuthors`, and adopts a genesis signed by
    /// exactly those authors once one reaches its threshold.
    package var genesis: String?
    /// The commitment to this region's recovery key (its SHA-256), for the member card a genesis
    /// or a join request is written from. Public; the key itself is kept off the node.
    package var recoveryCommitment: String?

    package init(name: String, region: String?, mode: Mode) {
        self.name = name
        self.region = region
        self.mode = mode
    }

    package static let fileName = "sopro-node.yaml"

    /// Reads and checks the configuration in `directory`, applying environment overrides.
    package static func load(
        from directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment
    )
        throws -> NodeConfiguration
    {
        let url = directory.appendingPathComponent(fileName)
        var configuration = try decode(url)
        if let host = environment["SOPRO_HOST"] { configuration.listen.host = host }
        if let port = environment["SOPRO_PORT"] {
            guard let number = Int(port), (0...65_535).contains(number) else {
                throw ConfigurationError("SOPRO_PORT=\(port) is not a port number")
            }
            configuration.listen.port = number
        }
        if let interval = environment["SOPRO_SYNC_INTERVAL"] {
            guard let seconds = Int(interval), seconds > 0 else {
                throw ConfigurationError("SOPRO_SYNC_INTERVAL=\(interval) is not a number of seconds")
            }
            configuration.syncInterval = seconds
        }
        try configuration.validate(file: url.path)
        return configuration
    }

    /// Reads the file as written, without environment overrides: for commands that edit it.
    package static func read(from directory: URL) throws -> NodeConfiguration {
        let url = directory.appendingPathComponent(fileName)
        let configuration = try decode(url)
        try configuration.validate(file: url.path)
        return configuration
    }

    private static func decode(_ url: URL) throws -> NodeConfiguration {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ConfigurationError("\(url.path) cannot be read; create it with `sopro-node init`")
        }
        if text.split(separator: "\n").allSatisfy({
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") || $0.trimmingCharacters(in: .whitespaces).isEmpty
        }) {
            throw ConfigurationError(
                "\(url.path) is empty: it needs at least `name:` (and `region:` for a regional node); `sopro-node init` writes a complete one"
            )
        }
        do {
            return try YAMLDecoder().decode(NodeConfiguration.self, from: text)
        } catch let error as DecodingError {
            throw ConfigurationError("\(url.path): \(error.describedWithPath(root: "the file"))")
        } catch {
            throw ConfigurationError("\(url.path): \(error)")
        }
    }

    /// Checks the configuration and replaces the file in `directory` in one step (a reader
    /// sees the old file or the new one, never half of one). Comments are those of the template.
    package func write(to directory: URL) throws {
        let url = directory.appendingPathComponent(Self.fileName)
        try validate(file: url.path)
        do {
            try commentedYAML().write(to: url, atomically: true, encoding: .utf8)
        } catch {
            throw ConfigurationError("\(url.path) cannot be written: \(error.localizedDescription)")
        }
    }

    /// Every problem at once, naming the setting.
    package func validate(file: String) throws {
        var problems: [String] = []
        if mode == .node {
            if let region {
                if (try? NUTSCode(parsing: region)) == nil {
                    problems.append("region: \"\(region)\" is not a NUTS code")
                }
            } else {
                problems.append("region: a regional node needs its NUTS region (e.g. AT12)")
            }
        }
        if !(0...65_535).contains(listen.port) { problems.append("listen.port: \(listen.port) is not a port number") }
        if !(1...100_000).contains(listen.maximumConnections) {
            problems.append("listen.maximumConnections: \(listen.maximumConnections) is not between 1 and 100000")
        }
        for (name, seconds) in [
            ("idleTimeout", listen.idleTimeout), ("requestHeadTimeout", listen.requestHeadTimeout),
            ("requestBodyTimeout", listen.requestBodyTimeout),
        ] where !(1...3600).contains(seconds) {
            problems.append("listen.\(name): \(seconds) is not between 1 and 3600 seconds")
        }
        if syncInterval < 1 { problems.append("syncInterval: must be at least 1 second") }
        if !(0...86_400).contains(ownHeadQuorumAfter) {
            problems.append("ownHeadQuorumAfter: \(ownHeadQuorumAfter) is not between 0 and 86400 seconds")
        }
        for (index, peer) in peers.enumerated() {
            if URL(string: peer.url)?.scheme.map({ ["http", "https"].contains($0) }) != true {
                problems.append("peers[\(index)].url: \"\(peer.url)\" is not an http(s) URL")
            }
            if let author = peer.author, (try? AuthorID(normalizing: author)) == nil {
                problems.append("peers[\(index)].author: not an author id (64 hex digits)")
            }
        }
        for (index, author) in trustedAuthors.enumerated() where (try? AuthorID(normalizing: author.id)) == nil {
            problems.append("trustedAuthors[\(index)].id: not an author id (64 hex digits)")
        }
        for (index, editor) in editors.enumerated() where Hex.decode(editor.tokenSHA256)?.count != 32 {
            problems.append("editors[\(index)].tokenSHA256: not a SHA-256 hex digest")
        }
        if !(1...3650).contains(inquiryRetentionDays) {
            problems.append("inquiryRetentionDays: \(inquiryRetentionDays) is not between 1 and 3650")
        }
        for (index, source) in embedAncestors.enumerated() where !Self.isFrameAncestorSource(source) {
            problems.append(
                "embedAncestors[\(index)]: \(source.debugDescription) is not *, 'self' or an http(s) origin (scheme://host[:port])"
            )
        }
        if let mapTiles, case .failure(let problem) = mapTiles.checked {
            problems.append("mapTiles.\(problem)")
        }
        if let publicURL, PublicAddress(publicURL) == nil {
            problems.append("publicURL: \"\(publicURL)\" is not an http(s) URL without query or fragment")
        }
        if Set(peers.map(\.name)).count != peers.count { problems.append("peers: two peers have the same name") }
        if let genesis, (try? RosterID(parsing: genesis)) == nil {
            problems.append("genesis: not a roster id (64 lower-case hex digits)")
        }
        if let recoveryCommitment,
            recoveryCommitment.count != 64 || Hex.decode(recoveryCommitment) == nil
                || recoveryCommitment.lowercased() != recoveryCommitment
        {
            problems.append("recoveryCommitment: not a SHA-256 in 64 lower-case hex digits")
        }
        if !problems.isEmpty {
            throw ConfigurationError("\(file) has problems:\n  " + problems.joined(separator: "\n  "))
        }
    }

    /// The roster of trusted authors.
    package var roster: AuthorRoster {
        AuthorRoster(
            trustedAuthors.compactMap { entry in
                (try? AuthorID(normalizing: entry.id)).map {
                    TrustedAuthor(id: $0, region: entry.region, name: entry.name)
                }
            })
    }

    /// The genesis followed, read.
    package var genesisID: RosterID? { genesis.flatMap { try? RosterID(parsing: $0) } }

    package var peerList: [Peer] {
        peers.map { Peer(name: $0.name, url: $0.url, authorID: $0.author.flatMap { try? AuthorID(normalizing: $0) }) }
    }

    /// The editor whose token this is, compared in constant time.
    package func editor(forToken token: String) -> Editor? {
        let digest = Array(SHA256.hash(data: Data(token.utf8)))
        return editors.first { editor in
            guard let expected = Hex.decode(editor.tokenSHA256), expected.count == digest.count else { return false }
            return zip(expected, digest).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
        }
    }

    /// A new random editor token and its entry for the configuration.
    package static func makeEditor(named name: String) -> (token: String, editor: Editor) {
        var generator = SystemRandomNumberGenerator()
        let token = "sopro_" + Hex.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        return (token, Editor(name: name, tokenSHA256: Hex.encode(SHA256.hash(data: Data(token.utf8)))))
    }
}

extension NodeConfiguration {
    /// Whether `source` may stand in a CSP `frame-ancestors` list as written: `*`, `'self'`, or
    /// an http(s) origin — letters, digits, dots and hyphens in the host (a leading `*.` allowed),
    /// an optional port, nothing else (no space, `;` or quote could end the directive).
    static func isFrameAncestorSource(_ source: String) -> Bool {
        if source == "*" || source == "'self'" { return true }
        let pattern = #"^https?://(\*\.)?[A-Za-z0-9]([A-Za-z0-9.-]{0,252})(:[0-9]{1,5})?$"#
        return source.range(of: pattern, options: .regularExpression) != nil
    }
}

/// A problem with the configuration, with the file and setting named.
package struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    package let description: String

    package init(_ description: String) { self.description = description }
}

extension NodeConfiguration {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case name, region, mode, listen, keyFile, syncInterval, maximumClockSkew, ownHeadQuorumAfter, peers,
            trustedAuthors, editors, publicURL, inquiryRetentionDays, trustForwardedFor, genesis, recoveryCommitment,
            embedAncestors, mapTiles
    }

    fileprivate struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Missing settings take their defaults; unknown ones (usually typos) are refused.
    package init(from decoder: any Decoder) throws {
        let all = try decoder.container(keyedBy: AnyKey.self)
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        if let unknown = all.allKeys.first(where: { !known.contains($0.stringValue) }) {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: [unknown],
                    debugDescription: "unknown setting; known: \(known.sorted().joined(separator: ", "))"))
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            region: try container.decodeIfPresent(String.self, forKey: .region),
            mode: try container.decodeIfPresent(Mode.self, forKey: .mode) ?? .node)
        listen = try container.decodeIfPresent(Listen.self, forKey: .listen) ?? Listen()
        keyFile = try container.decodeIfPresent(String.self, forKey: .keyFile) ?? keyFile
        syncInterval = try container.decodeIfPresent(Int.self, forKey: .syncInterval) ?? syncInterval
        maximumClockSkew = try container.decodeIfPresent(Int.self, forKey: .maximumClockSkew) ?? maximumClockSkew
        ownHeadQuorumAfter =
            try container.decodeIfPresent(Int.self, forKey: .ownHeadQuorumAfter) ?? ownHeadQuorumAfter
        peers = try container.decodeIfPresent([PeerEntry].self, forKey: .peers) ?? []
        trustedAuthors = try container.decodeIfPresent([AuthorEntry].self, forKey: .trustedAuthors) ?? []
        editors = try container.decodeIfPresent([Editor].self, forKey: .editors) ?? []
        publicURL = try container.decodeIfPresent(String.self, forKey: .publicURL)
        embedAncestors = try container.decodeIfPresent([String].self, forKey: .embedAncestors) ?? embedAncestors
        mapTiles = try container.decodeIfPresent(MapTileSetting.self, forKey: .mapTiles)
        inquiryRetentionDays =
            try container.decodeIfPresent(Int.self, forKey: .inquiryRetentionDays) ?? inquiryRetentionDays
        trustForwardedFor = try container.decodeIfPresent(Bool.self, forKey: .trustForwardedFor) ?? false
        genesis = try container.decodeIfPresent(String.self, forKey: .genesis)
        recoveryCommitment = try container.decodeIfPresent(String.self, forKey: .recoveryCommitment)
    }
}

extension NodeConfiguration.Listen {
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        host = try container.decodeIfPresent(String.self, forKey: .host) ?? host
        port = try container.decodeIfPresent(Int.self, forKey: .port) ?? port
        maximumConnections =
            try container.decodeIfPresent(Int.self, forKey: .maximumConnections) ?? maximumConnections
        idleTimeout = try container.decodeIfPresent(Int.self, forKey: .idleTimeout) ?? idleTimeout
        requestHeadTimeout =
            try container.decodeIfPresent(Int.self, forKey: .requestHeadTimeout) ?? requestHeadTimeout
        requestBodyTimeout =
            try container.decodeIfPresent(Int.self, forKey: .requestBodyTimeout) ?? requestBodyTimeout
    }
}
