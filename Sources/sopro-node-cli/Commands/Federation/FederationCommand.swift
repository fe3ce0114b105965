import ArgumentParser
import CatalogueStore
import Foundation
import NodeAPI
import NodeClient
import SoproNode
import SyncProtocol

/// `sopro-node federation`: the federation's roster — who the partners are, their keys, and
/// the versions and key events that change them.
struct FederationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "federation",
        abstract: "Show and change the federation's roster: members, joins, leaves, key rotations.",
        discussion: """
            The roster is signed, replicated data: version N+1 takes effect once a threshold \
            of version N's members signed it, and every node and mirror follows it from the \
            genesis. A region replaces its signing key on its own, with its recovery key. \
            Commands that sign read this node's key from the data directory and hand what \
            they signed to the running node (--node), which spreads it in its sync rounds.

            Examples:
              sopro-node federation show
              sopro-node federation genesis --federation sopro-pannonia --threshold 3
              sopro-node federation approve
              sopro-node federation request --to https://wien.example.at
              sopro-node federation propose --remove AT11
              sopro-node federation rotate --recovery-key /media/usb/recovery.key
            """,
        subcommands: [
            Show.self, Follow.self, RecoveryKey.self, Genesis.self, Request.self, Propose.self, Approve.self,
            Rotate.self, Revoke.self, Resolve.self,
        ],
        defaultSubcommand: Show.self
    )

    /// The federation as the node's documents say (recomputed here, not taken from its reading).
    static func state(of message: FederationMessage) -> FederationState {
        FederationState(
            genesis: message.genesis, versions: message.documents.versions, events: message.documents.keyEvents)
    }

    static var now: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    /// This node's configuration, its signing key and the connection to it, for a command that
    /// signs.
    static func signer(
        _ data: DataDirectoryOptions, _ node: NodeOptions
    ) throws -> (
        NodeConfiguration, NodeKey, NodeConnection
    ) {
        let configuration = try ConfigurationEditing.read(data)
        let key = try KeyFile.load(from: data.url.appendingPathComponent(configuration.keyFile))
        return (configuration, key, NodeConnection(url: try node.url(data: data)))
    }

    /// What `draft` writes; why it cannot is printed and ends the command with exit code 1.
    static func drafted<Value>(_ draft: () throws -> Value) throws -> Value {
        do {
            return try draft()
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }

    /// Ends the command when `key` signed a version numbered `version` other than `except`
    /// already: a member signs one version per number, or the roster may fork.
    static func refuseSecondSignature(
        on version: UInt64, except: RosterID?, by key: NodeKey, in message: FederationMessage
    ) throws {
        for other in message.documents.versions where other.id != except {
            if let read = try? other.roster(), read.version == version,
                other.signatures.contains(where: { $0.key == key.authorID })
            {
                printError(
                    "error: this node signed another version \(version) already (\(other.id.rawValue.prefix(12))…); signing two would fork the roster"
                )
                throw ExitCode(1)
            }
        }
    }

    /// Hands `documents` to the node and prints each outcome; exit 1 when one is refused.
    static func offer(_ documents: FederationDocumentsMessage, to connection: NodeConnection) async throws {
        let answer = try await connection.run { try await $0.offer(documents) }
        var refused = false
        for result in answer.versions + answer.keyEvents {
            say("  \(result.id.prefix(12))…  \(result.status)\(result.detail.map { ": \($0)" } ?? "")")
            if result.status == "refused" { refused = true }
        }
        say("roster version in force at \(connection.url): \(answer.version)")
        if refused { throw ExitCode(1) }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The roster in force, members, proposals waiting for approvals, forks and key events.")

        @OptionGroup var data: DataDirectoryOptions
        @OptionGroup var node: NodeOptions
        @Flag(help: "Print the node's answer as JSON.") var json = false

        func run() async throws {
            let connection = NodeConnection(url: try node.url(data: data))
            if json {
                sayJSON(try await connection.get("/v1/federation"))
                return
            }
            let message = try await connection.run { try await $0.federation() }
            guard let federation = message.federation else {
                if let genesis = message.genesis {
                    say(
                        "following genesis \(genesis.rawValue); no roster in force: \(message.problem ?? "not held yet")"
                    )
                } else {
                    say("no federation roster: this node trusts the authors its configuration lists")
                }
                FederationCommand.sayProposals(message)
                return
            }
            say("federation \(federation), roster version \(message.version), threshold \(message.threshold ?? 0)")
            say("genesis \(message.genesis?.rawValue ?? "")")
            sayTable(
                ["region", "name", "key", "key events", "status"],
                message.members.map { member in
                    [
                        member.region, member.name, member.keys.first.map { "\($0.rawValue.prefix(16))…" } ?? "",
                        "\(member.keyEvents)", member.current ? "member" : "former partner",
                    ]
                })
            FederationCommand.sayProposals(message)
            for fork in message.forks {
                say(
                    "FORK at version \(fork.version): \(fork.versions.map { "\($0.rawValue.prefix(12))…" }.joined(separator: " and ")) are both validly signed; neither is accepted"
                )
            }
            for fork in message.keyForks {
                say("KEY FORK of \(fork.region) at event \(fork.seq): neither event is applied")
            }
            for event in message.keyEvents {
                say(
                    "key event \(event.region) #\(event.seq) (\(event.reason)): \(event.retiring.rawValue.prefix(12))… up to seq \(event.last), then \(event.key.rawValue.prefix(12))…"
                )
            }
            for retired in message.retired {
                say("retired key \(retired.key.rawValue.prefix(16))…: changes after seq \(retired.last) are refused")
            }
        }
    }

    static func sayProposals(_ message: FederationMessage) {
        for proposal in message.proposals {
            var changes: [String] = []
            if !proposal.joining.isEmpty { changes.append("joining \(proposal.joining.joined(separator: ", "))") }
            if !proposal.leaving.isEmpty { changes.append("leaving \(proposal.leaving.joined(separator: ", "))") }
            say(
                "proposal \(proposal.id.rawValue.prefix(12))… version \(proposal.version)\(changes.isEmpty ? "" : " (\(changes.joined(separator: "; ")))"): approved by \(proposal.approvedBy.count) of \(proposal.needed) needed [\(proposal.approvedBy.joined(separator: ", "))]\(proposal.problem.map { " — \($0)" } ?? "")"
            )
        }
    }

    struct Follow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Follow the federation whose genesis has this id (a new node or mirror). Restart to apply.")

        @Argument(help: "The genesis's id (64 hex digits), as the partnership published it.")
        var genesis: String

        @OptionGroup var data: DataDirectoryOptions

        func run() async throws {
            guard (try? RosterID(parsing: genesis)) != nil else {
                printError("error: \(genesis.prefix(80)) is not a roster id (64 lower-case hex digits)")
                throw ExitCode(2)
            }
            try ConfigurationEditing.edit(data) { $0.genesis = genesis }
            say("this node follows genesis \(genesis); restart it, and it takes the roster from its peers")
        }
    }

    struct RecoveryKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recovery-key",
            abstract: "Create a recovery key for a regional node made before recovery keys existed.")

        @OptionGroup var data: DataDirectoryOptions

        func run() async throws {
            let configuration = try ConfigurationEditing.read(data)
            guard configuration.mode == .node else {
                printError("error: a mirror has no recovery key")
                throw ExitCode(2)
            }
            if let commitment = configuration.recoveryCommitment {
                printError("error: this node has a recovery key already (commitment \(commitment))")
                throw ExitCode(2)
            }
            let file = data.url.appendingPathComponent(InitCommand.recoveryKeyFile)
            let key = try KeyFile.create(at: file)
            let commitment = RosterMember.commitment(to: key.authorID)
            try ConfigurationEditing.edit(data) { $0.recoveryCommitment = commitment }
            say("Recovery key in \(file.path) (mode 0600): copy it off this machine, then delete it here.")
            say("  " + InitCommand.printable(Hex.encode(key.seed)))
            say("Its commitment, for the federation's roster: \(commitment)")
        }
    }

    struct Genesis: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a genesis of this node and its configured regional peers, and sign it.",
            discussion: """
                Reads each member's card (region, name, address, key, recovery commitment) from \
                this node and from every peer in the configuration that has an author id, writes \
                version 1 of the roster and signs it with this node's key. The other members \
                approve it with `sopro-node federation approve`; once the threshold signed, every \
                node whose trusted authors are exactly its members follows it.
                """)

        @Option(help: "The federation's name, e.g. sopro-pannonia.") var federation: String
        @Option(help: "How many members must sign each next version.") var threshold: Int
        @OptionGroup var data: DataDirectoryOptions
        @OptionGroup var node: NodeOptions

        func run() async throws {
            let (configuration, key, connection) = try FederationCommand.signer(data, node)
            var cards = [try await connection.run { try await $0.memberCard() }]
            for peer in configuration.peerList where peer.authorID != nil {
                let card = try await NodeConnection(url: peer.url).run { try await $0.memberCard() }
                guard card.key == peer.authorID else {
                    printError(
                        "error: \(peer.url) says its key is \(card.key.rawValue.prefix(12))…, the configuration \(peer.authorID?.rawValue.prefix(12) ?? "")…"
                    )
                    throw ExitCode(1)
                }
                cards.append(card)
            }
            // Every trusted author must be in the genesis, or its changes (held everywhere) would
            // be refused by nodes that start from the roster.
            let regions = Set(cards.map(\.region))
            var olderKeys: [String: [AuthorID]] = [:]
            for author in configuration.trustedAuthors {
                guard let id = try? AuthorID(normalizing: author.id), !cards.contains(where: { $0.key == id }) else {
                    continue
                }
                guard regions.contains(author.region) else {
                    printError(
                        "error: \(author.name) (\(author.region), \(author.id.prefix(12))…) is trusted but no peer of this node answers for \(author.region); add its node with `sopro-node peers add … --author`, or remove it with `sopro-node trust remove`"
                    )
                    throw ExitCode(1)
                }
                olderKeys[author.region, default: []].append(id)
            }
            let roster = try FederationCommand.drafted {
                try RosterDrafting.genesis(
                    federation: federation, threshold: threshold, cards: cards, olderKeys: olderKeys,
                    issued: FederationCommand.now)
            }
            let signed = try SignedRoster(roster, signedBy: [key])
            say(
                "genesis \(signed.id.rawValue) of \(roster.members.map(\.region).joined(separator: ", ")), threshold \(threshold)"
            )
            try await FederationCommand.offer(.init(versions: [signed]), to: connection)
            say("Next: each member runs `sopro-node federation approve \(signed.id.rawValue.prefix(12))`.")
        }
    }

    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ask to join: write the next roster version with this node added, sign it, hand it to a member.",
            discussion: """
                Takes the roster from the member node --to, checks it starts from the genesis \
                this node follows (`federation follow`), adds this node's card and signs. The \
                members approve it with `sopro-node federation approve`; once the threshold \
                signed, every node and mirror trusts this region.
                """)

        @Option(help: ArgumentHelp("A member node's URL.", valueName: "url")) var to: String
        @Option(help: "A new threshold for the version (default: the current one).") var threshold: Int?
        @OptionGroup var data: DataDirectoryOptions
        @OptionGroup var node: NodeOptions

        func run() async throws {
            let (configuration, key, own) = try FederationCommand.signer(data, node)
            let card = try await own.run { try await $0.memberCard() }
            guard let recovery = card.recovery else {
                printError(
                    "error: this node has no recovery commitment; run `sopro-node federation recovery-key` first")
                throw ExitCode(2)
            }
            let member = NodeConnection(url: to.hasSuffix("/") ? String(to.dropLast()) : to)
            let message = try await member.run { try await $0.federation() }
            guard let genesis = configuration.genesisID else {
                printError(
                    "error: this node follows no genesis; run `sopro-node federation follow \(message.genesis?.rawValue ?? "<id>")` (check the id with the partnership) and restart it"
                )
                throw ExitCode(2)
            }
            guard message.genesis == genesis else {
                printError(
                    "error: \(to) follows genesis \(message.genesis?.rawValue ?? "none"), this node \(genesis.rawValue)"
                )
                throw ExitCode(1)
            }
            let state = FederationCommand.state(of: message)
            let roster = try FederationCommand.drafted {
                try RosterDrafting.next(
                    after: state,
                    adding: [
                        RosterMember(
                            region: card.region, name: card.name, url: card.url, keys: [key.authorID],
                            recovery: recovery)
                    ],
                    threshold: threshold, lastSeqs: [:], issued: FederationCommand.now)
            }
            let signed = try SignedRoster(roster, signedBy: [key])
            say("request \(signed.id.rawValue): version \(roster.version) with \(card.region) (\(card.name)) joining")
            try await FederationCommand.offer(.init(versions: message.documents.versions + [signed]), to: own)
            try await FederationCommand.offer(.init(versions: [signed]), to: member)
            say("Next: the members run `sopro-node federation approve \(signed.id.rawValue.prefix(12))`.")
        }
    }

    struct Propose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose the next roster version: a member leaves, or a new threshold.",
            discussion: """
                A leaving member's keys are retired at the last change this node holds of each: \
                every node keeps its entries up to there (shown as from a former partner) and \
                refuses what it signs later.
                """)

        @Option(help: ArgumentHelp("A region that leaves.", valueName: "code")) var remove: [String] = []
        @Option(help: "A new threshold.") var threshold: Int?
        @OptionGroup var data: DataDirectoryOptions
        @OptionGroup var node: NodeOptions

        func run() async throws {
            guard !remove.isEmpty || threshold != nil else {
                printError("error: say what changes: --remove REGION and/or --threshold N")
                throw ExitCode(2)
            }
            let (_, key, connection) = try FederationCommand.signer(data, node)
            let message = try await connection.run { try await $0.federation() }
            let heads = try await connection.run { try await $0.syncState() }
            let roster = try FederationCommand.drafted {
                try RosterDrafting.next(
                    after: FederationCommand.state(of: message), removing: Set(remove), threshold: threshold,
                    lastSeqs: heads.heads.mapValues(\.seq), issued: FederationCommand.now)
            }
            try FederationCommand.refuseSecondSignature(on: roster.version, except: nil, by: key, in: message)
            let signed = try SignedRoster(roster, signedBy: [key])
            say("proposal \(signed.id.rawValue): version \(roster.version)")
            try await FederationCommand.offer(.init(versions: [signed]), to: connection)
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a proposal (a join, a leave, a genesis) with this node's key.",
            discussion: """
                Signs at most one proposal per version number: two versions with one number \
                that both reach the threshold are a roster fork, which no node accepts.
                """)

        @Argument(help: "The proposal's id or its first digits (default: the only one).") var proposal: String?
        @OptionGroup var data: DataDirectoryOptions
        @OptionGroup var node: NodeOptions

        func run() async throws {
            let (configuration, key, connection) = try FederationCommand.signer(data, node)
            let message = try await connection.run { try await $0.federation() }
            let candidates = message.proposals.filter { proposal.map($0.id.rawValue.hasPrefix) ?? true }
            guard candidates.count == 1, let chosen = candidates.first,
                let signed = message.documents.versions.first(where: { $0.id == chosen.id })
            else {
                printError(
                    candidates.isEmpty
                        ? "error: no proposal\(proposal.map { " \($0)…" } ?? "") is waiting at this node"
                        : "error: \(candidates.count) proposals are waiting; name one: \(candidates.map { $0.id.rawValue.prefix(12) }.joined(separator: ", "))"
                )
                throw ExitCode(2)
            }
            let roster = try signed.roster()
            try FederationCommand.refuseSecondSignature(on: roster.version, except: signed.id, by: key, in: message)
            if let mine = roster.member(holding: key.authorID), let region = configuration.region,
                mine.region != region || (configuration.recoveryCommitment.map { $0 != mine.recovery } ?? false)
            {
                printError(
                    "error: the proposal's entry for this node (\(mine.region), recovery \(mine.recovery.prefix(12))…) is not this node's"
                )
                throw ExitCode(1)
            }
            var changes: [String] = []
            if !chosen.joining.isEmpty { changes.append("joining \(chosen.joining.joined(separator: ", "))") }
            if !chosen.leaving.isEmpty { changes.append("leaving \(chosen.leaving.joined(separator: ", "))") }
            say(
                "approving version \(roster.version) of \(roster.federation)\(changes.isEmpty ? "" : " (\(changes.joined(separator: "; ")))"), threshold \(roster.threshold), members \(roster.members.map(\.region).joined(separator: ", "))"
            )
            var approved = signed
            try approved.sign(with: key)
            try await FederationCommand.offer(.init(versions: [approved]), to: connection)
        }
    }
}
