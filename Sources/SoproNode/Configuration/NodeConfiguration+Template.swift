import CatalogueStore
import Foundation

extension NodeConfiguration {
    /// The commented configuration `sopro-node init` writes.
    package func commentedYAML() -> String {
        var lines = [
            "# sopro node configuration (YAML). Settings left out take their defaults; unknown settings",
            "# are refused. Environment variables override: SOPRO_HOST, SOPRO_PORT,",
            "# SOPRO_SYNC_INTERVAL.",
            "",
            "# A display name for this node.",
            "name: \(name.yamlQuoted)",
            "# node: a regional node that signs and publishes; mirror: read-only, serves the catalogue.",
            "mode: \(mode.rawValue)",
        ]
        if let region {
            lines += [
                "# The NUTS region this node publishes for (AT11, AT12, AT13, AT22, HU22 …).", "region: \(region)",
            ]
        }
        lines +=
            [
                "",
                "# Where the HTTP server listens. Put a TLS reverse proxy (nginx) in front for the internet.",
                "listen:",
                "  host: \(listen.host)",
                "  port: \(listen.port)",
                "  # Connections served at once (capped at start to the open-files limit less 128 for the",
                "  # store and outgoing connections); more wait until one closes.",
                "  maximumConnections: \(listen.maximumConnections)",
                "  # Seconds before closing a connection without a request, a request whose head is not",
                "  # complete (from its first byte), and one whose body is not complete (from its head).",
                "  idleTimeout: \(listen.idleTimeout)",
                "  requestHeadTimeout: \(listen.requestHeadTimeout)",
                "  requestBodyTimeout: \(listen.requestBodyTimeout)",
                "",
                "# The address readers reach this node at, for the absolute links of sitemap.xml and the",
                "# Atom feeds (behind a proxy: the public https URL). Without it, the request's Host is used.",
                publicURL.map { "publicURL: \($0.yamlQuoted)" } ?? "# publicURL: https://katalog.example.at",
                "",
                "# Who may show the embeddable list (/embed) in a frame: * (any website), 'self', or",
                "# origins such as https://www.partner.example; [] for nobody.",
                "embedAncestors: [\(embedAncestors.map(\.yamlQuoted).joined(separator: ", "))]",
                "",
                "# A tile server beneath the results map. Without it the map is the countries' outlines",
                "# and no page asks anyone else for anything; with it, readers' browsers fetch its tiles",
                "# (mind its usage policy and attribution).",
            ]
            + (mapTiles.map {
                [
                    "mapTiles:", "  url: \($0.url.yamlQuoted)", "  attribution: \($0.attribution.yamlQuoted)",
                    "  maxZoom: \($0.maxZoom)",
                ]
            } ?? [
                "# mapTiles:",
                "#   url: \"https://tile.openstreetmap.org/{z}/{x}/{y}.png\"",
                "#   attribution: \"© OpenStreetMap contributors\"",
                "#   maxZoom: 19",
            ]) + [
                "",
                "# Days a closed inquiry is kept before it is erased (personal data; regional nodes).",
                "inquiryRetentionDays: \(inquiryRetentionDays)",
                "# Behind a reverse proxy that sets X-Forwarded-For: true, so the inquiry form's rate limit",
                "# counts each asker's address, not the proxy's. Leave false when clients connect directly.",
                "trustForwardedFor: \(trustForwardedFor)",
                "",
                "# The Ed25519 key file, relative to the data directory (mode 0600; never share it).",
                "keyFile: \(keyFile)",
                "",
                "# Seconds between sync rounds with each peer, and the largest clock skew accepted.",
                "syncInterval: \(syncInterval)",
                "maximumClockSkew: \(maximumClockSkew)",
                "# After a start the node signs nothing until every regional peer below has told it its own",
                "# latest change (so a restored backup never reuses a seq). If some stay silent, a majority",
                "# of them is enough after this many seconds. `serve --confirm-own-head` skips the wait.",
                "ownHeadQuorumAfter: \(ownHeadQuorumAfter)",
                "",
                "# Nodes to sync with: name, base URL and (for regional nodes) their author id.",
                "peers:",
            ]
        lines +=
            peers.isEmpty
            ? ["  []"]
            : peers.flatMap { peer in
                ["  - name: \(peer.name.yamlQuoted)", "    url: \(peer.url.yamlQuoted)"]
                    + (peer.author.map { ["    author: \($0)"] } ?? [])
            }
        lines += [
            "",
            "# The federation roster this node follows: the id of its genesis (`sopro-node federation",
            "# follow <id>`). Once a roster is in force it says whom to trust; trustedAuthors below then",
            "# no longer count (they are how a federation without a roster starts one).",
            genesis.map { "genesis: \($0)" } ?? "# genesis: <roster id, 64 hex digits>",
        ]
        if mode == .node {
            lines += [
                "# The commitment to this region's recovery key (SHA-256; public), for the member card.",
                recoveryCommitment.map { "recoveryCommitment: \($0)" } ?? "# recoveryCommitment: <64 hex digits>",
            ]
        }
        lines += ["", "# Authors whose changes this node accepts (including its own).", "trustedAuthors:"]
        lines +=
            trustedAuthors.isEmpty
            ? ["  []"]
            : trustedAuthors.flatMap { author in
                ["  - id: \(author.id)", "    region: \(author.region)", "    name: \(author.name.yamlQuoted)"]
            }
        lines += ["", "# Editors who may publish: name and the SHA-256 of their token (never the token).", "editors:"]
        lines +=
            editors.isEmpty
            ? ["  []"]
            : editors.flatMap { editor in
                ["  - name: \(editor.name.yamlQuoted)", "    tokenSHA256: \(editor.tokenSHA256)"]
            }
        return lines.joined(separator: "\n") + "\n"
    }
}
