import ArgumentParser
import Foundation
import SoproNode
import SyncProtocol

/// `sopro-node rekey`: a new key for a regional node whose own log is forked.
struct RekeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rekey",
        abstract: "Give a regional node a new key (a new author id), keeping the old one.",
        discussion: """
            The way out of a fork of the node's own log (a restored backup that signed again, \
            or a copied key): every node applies a forked author's log only up to the seq \
            before the fork and the node signs nothing more with that key. `rekey` writes a \
            new key file beside the old one (which is kept, never deleted), points keyFile at \
            it, trusts the new author id at this node and prints it. Then: every partner runs \
            `sopro-node trust add <new id>`, you restart this node, and publish your entry \
            files again — publishing writes, under the new key, whatever the catalogue lacks \
            of them, so nothing your files say is lost. Stop the node before you run it.

            Example:
              sopro-node rekey --data-dir /var/lib/sopro
            """
    )

    @OptionGroup var data: DataDirectoryOptions

    func run() async throws {
        let configuration = try ConfigurationEditing.read(data)
        guard configuration.mode == .node else {
            printError("error: a mirror has no key")
            throw ExitCode(2)
        }
        if configuration.genesis != nil {
            printError(
                "error: this node follows a federation roster, where trusting a new key is the roster's business: use `sopro-node federation resolve` (after a fork) or `federation rotate` with the region's recovery key"
            )
            throw ExitCode(2)
        }
        let old = try KeyFile.load(from: data.url.appendingPathComponent(configuration.keyFile))
        let stamp = ISO8601DateFormatter().string(from: Date()).prefix(10)
        var name = "node-\(stamp).key"
        var counter = 2
        while FileManager.default.fileExists(atPath: data.url.appendingPathComponent(name).path) {
            name = "node-\(stamp)-\(counter).key"
            counter += 1
        }
        let key = try KeyFile.create(at: data.url.appendingPathComponent(name))
        let region = configuration.region ?? ""
        try ConfigurationEditing.edit(data) { configuration in
            configuration.keyFile = name
            configuration.trustedAuthors.removeAll { $0.id == key.authorID.rawValue }
            configuration.trustedAuthors.append(
                .init(id: key.authorID.rawValue, region: region, name: configuration.name))
        }
        say("new key:       \(name) (the old one, \(configuration.keyFile), is kept)")
        say("old author id: \(old.authorID.rawValue)")
        say("new author id: \(key.authorID.rawValue)")
        say("")
        say("Next: each partner runs")
        say(
            "  sopro-node trust add \(key.authorID.rawValue) --region \(region) --name \(configuration.name.shellQuoted)"
        )
        say(
            "and updates `author` of its peer entry for this node; then restart this node and publish your entry files again."
        )
        say(
            "(If the federation has a roster — `sopro-node federation show` — trust comes from it instead: use `federation resolve`.)"
        )
    }
}

extension String {
    /// Quoted for a shell command line when it needs quoting.
    fileprivate var shellQuoted: String {
        allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
            ? self : "'" + replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
