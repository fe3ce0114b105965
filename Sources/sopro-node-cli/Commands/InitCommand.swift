import ArgumentParser
import DirectoryModel
import Foundation
import SoproNode
import SyncProtocol

/// `sopro-node init`: a new data directory with a key, a configuration and an editor token.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a node's data directory: key, configuration, editor token.",
        discussion: """
            Creates the data directory with a new Ed25519 key (file mode 0600), a commented \
            configuration file (sopro-node.yaml) that trusts this node's own author, and an \
            editor token for publishing. Prints the author id to hand to the other regions. \
            A regional node also gets a recovery key (recovery.key, mode 0600, printed once in \
            a form to write down): it will sign only the region's key rotations and fork \
            resolutions, so keep it off the node's machine. Never overwrites an existing key \
            or configuration.

            Examples:
              sopro-node init --name "Niederösterreich" --region AT12 \\
                --data-dir /var/lib/sopro
              sopro-node init --name "Catalogue mirror" --mirror --port 8090
            """
    )

    @OptionGroup var data: DataDirectoryOptions

    @Option(help: "A display name for the node.")
    var name: String

    @Option(
        help: ArgumentHelp(
            "The NUTS region the node publishes for (AT11, AT12, AT13, AT22, HU22 …).", valueName: "code"))
    var region: String?

    @Flag(help: "Create a read-only mirror (no key, no editors).")
    var mirror = false

    @Option(help: "The port to listen on.")
    var port: Int = 8080

    @Option(help: ArgumentHelp("The name of the first editor.", valueName: "name"))
    var editor: String = "editor"

    /// The recovery key's file in the data directory, until the operator moves it away.
    static let recoveryKeyFile = "recovery.key"

    func validate() throws {
        if !mirror && region == nil { throw ValidationError("a regional node needs --region (e.g. --region AT12)") }
        if mirror && region != nil { throw ValidationError("a mirror has no region; leave out --region") }
        if let region { try Self.checkRegion(region) }
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
    }

    func run() async throws {
        let directory = data.url
        let configurationFile = directory.appendingPathComponent(NodeConfiguration.fileName)
        if FileManager.default.fileExists(atPath: configurationFile.path) {
            printError("error: \(configurationFile.path) exists already; init never overwrites a node")
            throw ExitCode(2)
        }
        var configuration = NodeConfiguration(name: name, region: region, mode: mirror ? .mirror : .node)
        configuration.listen.port = port
        var token: String?
        var recovery: NodeKey?
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            if !mirror, let region {
                let key = try KeyFile.create(at: directory.appendingPathComponent(configuration.keyFile))
                configuration.trustedAuthors = [.init(id: key.authorID.rawValue, region: region, name: name)]
                let recoveryKey = try KeyFile.create(at: directory.appendingPathComponent(Self.recoveryKeyFile))
                recovery = recoveryKey
                configuration.recoveryCommitment = RosterMember.commitment(to: recoveryKey.authorID)
                let made = NodeConfiguration.makeEditor(named: editor)
                token = made.token
                configuration.editors = [made.editor]
            }
            try configuration.write(to: directory)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        say("Created \(mirror ? "a mirror" : "a regional node") in \(directory.path)")
        if let author = configuration.trustedAuthors.first {
            say("Author id (give it to the other regions, who add it to trustedAuthors in their sopro-node.yaml):")
            say("  \(author.id)")
        }
        if let token {
            say("Editor token for \(editor) (shown once; only its hash is stored):")
            say("  \(token)")
        }
        if let recovery {
            let file = directory.appendingPathComponent(Self.recoveryKeyFile).path
            say(
                "Recovery key in \(file) (mode 0600). It will sign only this region's key rotations and fork resolutions: copy it off this machine (write down the lines below, or an offline USB stick), then delete the file here."
            )
            say("  " + Self.printable(Hex.encode(recovery.seed)))
            say("Its commitment, for the federation's roster: \(RosterMember.commitment(to: recovery.authorID))")
        }
        say(
            "Next: `sopro-node trust add` and `sopro-node peers add` for the other regions, then `sopro-node serve --data-dir \(data.dataDir)`."
        )
    }

    /// A key's 64 hex digits in eight groups of eight, two lines of four: easy to copy by hand and
    /// to read back.
    static func printable(_ hex: String) -> String {
        let groups = stride(from: 0, to: hex.count, by: 8).map { start in
            String(hex.dropFirst(start).prefix(8))
        }
        return groups.prefix(4).joined(separator: " ") + "\n  " + groups.dropFirst(4).joined(separator: " ")
    }

    /// NUTS 2021 regions of the partnership's countries, levels 1 and 2: a regional node's region
    /// there must be one of them (or a NUTS 3 region inside one). Other countries' codes are
    /// only checked for their form.
    static let knownRegions: Set<String> = [
        "AT1", "AT2", "AT3", "AT11", "AT12", "AT13", "AT21", "AT22", "AT31", "AT32", "AT33", "AT34",
        "HU1", "HU2", "HU3", "HU11", "HU12", "HU21", "HU22", "HU23", "HU31", "HU32", "HU33",
    ]

    static func checkRegion(_ text: String) throws {
        guard let code = try? NUTSCode(parsing: text) else {
            throw ValidationError("--region: \(text.prefix(40)) is not a NUTS code (e.g. AT12)")
        }
        let value = code.rawValue
        guard value.hasPrefix("AT") || value.hasPrefix("HU"), value.count > 2 else { return }
        let region = String(value.prefix(4))
        guard knownRegions.contains(region) else {
            let partnership = ["AT11", "AT12", "AT13", "AT22", "HU22"]
                .compactMap { code in
                    (try? NUTSCode(parsing: code))?.label?.text(preferring: .english).map { "\(code) \($0)" }
                }
            throw ValidationError(
                "--region: \(value) is not a NUTS region of \(value.prefix(2)) (the partnership's: \(partnership.joined(separator: ", ")))"
            )
        }
    }
}
