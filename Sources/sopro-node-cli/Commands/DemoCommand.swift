import ArgumentParser
import Foundation
import Logging
import NodeClient
import SoproNode
import Workspace

/// `sopro-node demo`: a local five-region federation and a mirror, in one process.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a local federation: five regional nodes and a read-only mirror.",
        discussion: """
            Starts, in this process on 127.0.0.1, a node for each partner region (AT11 \
            Burgenland, AT12 Niederösterreich, AT13 Wien, AT22 Steiermark, HU22 \
            Nyugat-Dunántúl) and a mirror, each with its own key and SQLite store. The nodes \
            trust each other; each publishes its region's sample entries; they replicate \
            until every state digest agrees, and the demo prints "converged". The regional \
            nodes take inquiries (/inquiry) and refer them to each other; the demo prints an \
            operator token for the run. It runs until Ctrl-C.

            Ports: the regions listen on base+1 … base+5 in the order above, the mirror on \
            base+6 (with the default base 8040: 8041 … 8046). With --data, each member's \
            folder (DIR/AT11 … DIR/HU22, DIR/mirror) is an ordinary node data directory: \
            `trust add` and `peers add --data-dir DIR/AT12` work on it and take part at the \
            demo's next start, so an outside node can join.

            Examples:
              sopro-node demo
              sopro-node demo --data ./demo-data --base-port 9000
              curl http://127.0.0.1:8046/v1/node
              sopro-node inquiries list --node http://127.0.0.1:8043 --token <token>
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(
        help: ArgumentHelp(
            "Keep the members' data directories in this folder (default: a temporary folder, removed at exit).",
            valueName: "dir")
    )
    var data: String?

    @Option(
        help: ArgumentHelp(
            "The regions listen on base+1 … base+5, the mirror on base+6 (default 8040: 8041 … 8046).",
            valueName: "port"))
    var basePort: Int = 8040

    @Option(help: ArgumentHelp("The folder with the regions' sample files (<region>.yaml).", valueName: "dir"))
    var samples: String?

    func validate() throws {
        guard (1...65_000).contains(basePort) else { throw ValidationError("--base-port must be between 1 and 65000") }
    }

    func run() async throws {
        let logger = global.makeLogger("sopro.demo")
        let samplesFolder = try locateSamples()
        let directory: URL
        let temporary = data == nil
        if let data {
            directory = URL(fileURLWithPath: data)
        } else {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("sopro-demo-\(UUID().uuidString)")
        }
        defer { if temporary { try? FileManager.default.removeItem(at: directory) } }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let federation = try await DemoFederation.make(directory: directory, basePort: basePort, logger: logger)
            let counts = try await federation.publishSamples(from: samplesFolder)
            say("sopro demo — stores in \(directory.path)\(temporary ? " (removed at exit)" : "")")
            for member in federation.members {
                let published = member.region.flatMap { counts[$0] }.map { ", \($0) sample entries" } ?? ""
                let role = member.region.map { "\($0) \(member.name)" } ?? "mirror (read-only)"
                say("  \(role.padding(toLength: 24, withPad: " ", startingAt: 0)) \(member.url)\(published)")
            }
            let operatorToken = NodeConfiguration.makeEditor(named: "demo-operator").token
            say("operator token for this run (inquiries at /operator/inquiries, or sopro-node inquiries):")
            say("  \(operatorToken)")
            let password = EditorAccounts.generatedPassword()
            try await federation.addDemoAccount(password: password)
            say("workspace sign-in at every regional node (/workspace/sign-in), for this run:")
            say("  operator@demo.example  \(password)")
            say("replicating …  (Ctrl-C to stop)")
            try await federation.run(operatorToken: operatorToken) { digest in
                say("converged: every node and the mirror hold the same catalogue (digest \(digest.prefix(16))…)")
            }
        } catch {
            printError("error: \(Self.explain(error))")
            throw ExitCode(1)
        }
    }

    /// The regions' sample files: `--samples`, else the checkout's `Examples/regions` (found
    /// from this source file, which works for `swift run`), else `./Examples/regions`.
    private func locateSamples() throws -> URL {
        if let samples { return URL(fileURLWithPath: samples) }
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Examples/regions")
        for candidate in [checkout, URL(fileURLWithPath: "Examples/regions")]
        where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("AT11.yaml").path) {
            return candidate
        }
        throw ValidationError("cannot find the sample entries (Examples/regions); pass --samples DIR")
    }

    static func explain(_ error: any Error, portHint: String = "choose other ports with --base-port") -> String {
        let text = "\(error)"
        if text.contains("Address already in use") {
            return "the port is already in use (another process listens on it); \(portHint)"
        }
        return ConnectionFailure.plainWords(text)
    }
}
