import ArgumentParser
import Foundation
import NodeAPI
import NodeClient
import SoproNode
import SyncProtocol

/// The recovery key's file, and what signing a key event with it needs.
struct RecoveryKeyOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The region's recovery key: its file, or a file with the printed groups typed in.", valueName: "file"))
    var recoveryKey: String

    @Option(
        help: ArgumentHelp(
            "A new recovery key file to commit to for the next event (default: keep this one).", valueName: "file"))
    var nextRecoveryKey: String?

    func keys() throws -> (recovery: NodeKey, nextCommitment: String) {
        let recovery = try KeyFile.load(from: URL(fileURLWithPath: recoveryKey))
        guard let next = nextRecoveryKey else {
            return (recovery, RosterMember.commitment(to: recovery.authorID))
        }
        let url = URL(fileURLWithPath: next)
        let key =
            FileManager.default.fileExists(atPath: url.path) ? try KeyFile.load(from: url) : try KeyFile.create(at: url)
        return (recovery, RosterMember.commitment(to: key.authorID))
    }
}

extension FederationCommand {
    /// Signs the key event, hands it to the node, points the configuration at the new key.
    static func replaceKey(
        reason: KeyEvent.Reason, last: (FederationState, AuthorID, NodeConnection) async throws -> UInt64,
        retiring retiringText: String?, keepKey: Bool, recovery: RecoveryKeyOptions, data: DataDirectoryOptions,
        node: NodeOptions
    ) async throws {
        let configuration = try ConfigurationEditing.read(data)
        guard configuration.mode == .node, let region = configuration.region else {
            printError("error: a mirror has no key")
            throw ExitCode(2)
        }
        let current = try KeyFile.load(from: data.url.appendingPathComponent(configuration.keyFile))
        let connection = NodeConnection(url: try node.url(data: data))
        let message = try await connection.run { try await $0.federation() }
        let state = FederationCommand.state(of: message)
        let retiring: AuthorID
        if let retiringText {
            guard let id = try? AuthorID(normalizing: retiringText) else {
                printError("error: --retiring \(retiringText.prefix(80)) is not an author id")
                throw ExitCode(2)
            }
            retiring = id
        } else if keepKey {
            guard
                let old = state.members.first(where: { $0.region == region })?.keys.first(where: {
                    $0 != current.authorID
                })
            else {
                printError("error: name the key to retire with --retiring (the roster lists no other key of \(region))")
                throw ExitCode(2)
            }
            retiring = old
        } else {
            retiring = current.authorID
        }
        let (recoveryKey, nextCommitment) = try recovery.keys()
        var newKey = current
        var newFile: String?
        if !keepKey {
            let stamp = ISO8601DateFormatter().string(from: Date()).prefix(10)
            var name = "node-\(stamp).key"
            var counter = 2
            while FileManager.default.fileExists(atPath: data.url.appendingPathComponent(name).path) {
                name = "node-\(stamp)-\(counter).key"
                counter += 1
            }
            newKey = try KeyFile.create(at: data.url.appendingPathComponent(name))
            newFile = name
        }
        let lastSeq = try await last(state, retiring, connection)
        let event: KeyEvent
        do {
            event = try RosterDrafting.keyEvent(
                in: state, region: region, retiring: retiring, last: lastSeq, key: newKey.authorID,
                recovery: recoveryKey.authorID, nextRecovery: nextCommitment, reason: reason,
                issued: FederationCommand.now)
        } catch {
            if let newFile { try? FileManager.default.removeItem(at: data.url.appendingPathComponent(newFile)) }
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let signed = try SignedKeyEvent(event, recovery: recoveryKey)
        say(
            "key event \(region) #\(event.seq) (\(reason.rawValue)): \(retiring.rawValue.prefix(12))… ends at seq \(lastSeq); \(newKey.authorID.rawValue.prefix(12))… signs from now"
        )
        try await FederationCommand.offer(.init(keyEvents: [signed]), to: connection)
        if let newFile {
            try ConfigurationEditing.edit(data) { configuration in
                configuration.keyFile = newFile
                configuration.trustedAuthors.append(
                    .init(id: newKey.authorID.rawValue, region: region, name: configuration.name))
            }
            say(
                "new key: \(newFile) (the old one, \(configuration.keyFile), is kept). Restart this node to sign with it."
            )
        }
        if reason == .fork || reason == .revocation {
            say("Then publish your entry files again: what the catalogue lost after the cut-off is written anew.")
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace this region's signing key (planned), signed by its recovery key.",
            discussion: """
                The old key's log ends at its last change held by this node; the new key signs \
                from the restart on. No other member needs to sign. After losing a node's key and \
                store: `init` a new node, `federation follow`, let it sync, then run this with \
                --keep-key (the new node's key replaces the roster's old one).

                Example:
                  sopro-node federation rotate --recovery-key /media/usb/recovery.key
                """)

        @OptionGroup var recovery: RecoveryKeyOptions
        @Flag(help: "Keep this node's key file: it is the new key (after a lost key).") var keepKey = false
        @Option(help: ArgumentHelp("The author id to retire (default: this node's key).", valueName: "id"))
        var retiring: String?
        @OptionGroup var data: DataDirectoryOptions
        @OptionGroup var node: NodeOptions

        func run() async throws {
            try await FederationCommand.replaceKey(
                reason: .rotation,
                last: { _, retiring, connection in
                    try await connection.run { try await $0.syncState() }.heads[retiring]?.seq ?? 0
                }, retiring: retiring, keepKey: keepKey, recovery: recovery, data: data, node: node)
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a stolen signing key: its changes after --last are refused and dropped everywhere.",
            discussion: """
                Example:
                  sopro-node federation revoke --last 41 --recovery-key /media/usb/recovery.key
                """)

        @Option(help: "The last seq of the stolen key's log that the region made itself.") var last: UInt64
        @OptionGroup var recovery: RecoveryKeyOptions
        @Flag(help: "Keep this node's key file: it is the new key.") var keepKey = false
        @Option(help: ArgumentHelp("The author id to revoke (default: this node's key).", valueName: "id"))
        var retiring: String?
        @OptionGroup var data: DataDirectoryOptions
        @OptionGroup var node: NodeOptions

        func validate() throws {
            guard last <= UInt64(1 << 53) - 1 else {
                throw ValidationError("--last: at most 2^53 − 1 (9007199254740991)")
            }
        }

        func run() async throws {
            let last = last
            try await FederationCommand.replaceKey(
                reason: .revocation, last: { _, _, _ in last }, retiring: retiring, keepKey: keepKey,
                recovery: recovery, data: data, node: node)
        }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Resolve a fork of this region's log: keep it up to the seq before the fork, sign on with a new key.",
            discussion: """
                Example:
                  sopro-node federation resolve --recovery-key /media/usb/recovery.key
                """)

        @OptionGroup var recovery: RecoveryKeyOptions
        @OptionGroup var data: DataDirectoryOptions
        @OptionGroup var node: NodeOptions

        func run() async throws {
            try await FederationCommand.replaceKey(
                reason: .fork,
                last: { _, retiring, connection in
                    let heads = try await connection.run { try await $0.syncState() }
                    guard let fork = heads.forks.filter({ $0.author == retiring }).map(\.seq).min() else {
                        printError(
                            "error: the node knows no fork of \(retiring.rawValue.prefix(12))…; for a planned change use `federation rotate`"
                        )
                        throw ExitCode(1)
                    }
                    return fork - 1
                }, retiring: nil, keepKey: false, recovery: recovery, data: data, node: node)
        }
    }
}
