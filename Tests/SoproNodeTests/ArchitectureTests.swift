import Foundation
import Testing

/// The node's modules depend one way (`docs/architecture.md`). `Package.swift` lists each
/// module's dependencies, but SwiftPM lets a module import anything built before it, so a file
/// in the store could still import, say, a networking library that another module brought into
/// the build. This test reads every `import` in `Sources/` and holds each module to the list
/// below: what it may import, first-party and third-party.
@Suite struct ArchitectureTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    /// Available everywhere: the standard library's companions.
    static let system: Set<String> = ["Foundation", "Dispatch", "Synchronization", "Glibc", "Musl", "Darwin"]

    /// What each module may import besides `system`, lowest layer first.
    static let allowed: [String: Set<String>] = [
        "DirectoryModel": [],
        "SyncProtocol": ["Crypto"],
        "CatalogueStore": ["DirectoryModel", "SyncProtocol", "GRDB", "GRDBSQLite", "Prometheus", "Logging"],
        "EntryDocuments": ["DirectoryModel", "SyncProtocol", "CatalogueStore", "Yams", "Crypto"],
        "Brokerage": ["DirectoryModel", "SyncProtocol", "CatalogueStore", "GRDB", "Logging", "ServiceLifecycle"],
        "Workspace": ["DirectoryModel", "SyncProtocol", "CatalogueStore", "GRDB", "Crypto", "_CryptoExtras"],
        "NodeAPI": ["DirectoryModel", "SyncProtocol", "CatalogueStore", "Brokerage", "HTTPTypes"],
        "NodeClient": [
            "DirectoryModel", "SyncProtocol", "CatalogueStore", "Brokerage", "NodeAPI", "AsyncHTTPClient", "NIOCore",
            "NIOFoundationCompat", "NIOHTTP1", "NIOHTTPCompression",
        ],
        "Replication": [
            // DirectoryModel for pictures, fetched by the hash entries name them by.
            "DirectoryModel", "SyncProtocol", "CatalogueStore", "NodeAPI", "NodeClient", "AsyncHTTPClient", "NIOCore",
            "NIOFoundationCompat", "NIOHTTP1", "Prometheus", "ServiceLifecycle", "Logging",
        ],
        "NodeServer": [
            "DirectoryModel", "SyncProtocol", "CatalogueStore", "EntryDocuments", "Brokerage", "Workspace", "NodeAPI",
            "Replication", "Hummingbird", "HummingbirdCore", "NIOCore", "NIOFoundationCompat", "NIOHTTP1",
            "NIOHTTPTypes", "NIOHTTPTypesHTTP1", "CompressNIO", "HTTPTypes", "Mustache", "Crypto", "Logging",
            "Prometheus", "ServiceLifecycle",
        ],
        "SoproNode": [
            "DirectoryModel", "SyncProtocol", "CatalogueStore", "EntryDocuments", "Brokerage", "Workspace", "NodeAPI",
            "NodeClient", "Replication", "NodeServer", "Yams", "Hummingbird", "NIOCore", "NIOFoundationCompat",
            "NIOHTTP1",
            "AsyncHTTPClient", "ServiceLifecycle", "UnixSignals", "Crypto", "Logging",
        ],
    ]

    /// The modules of a file's `import` lines (`import X`, `package import X`, `@testable import X`,
    /// `import struct X.Y`).
    static func imports(in source: String) -> [String] {
        source.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ").filter { !$0.hasPrefix("@") }
            guard let index = words.firstIndex(of: "import"), index <= 2,
                words[..<index].allSatisfy({ ["package", "public", "internal", "private"].contains($0) })
            else { return nil }
            let rest = words.dropFirst(index + 1)
            let name =
                ["struct", "class", "enum", "protocol", "func", "var"].contains(rest.first ?? "")
                ? rest.dropFirst().first : rest.first
            return name.map { String($0.split(separator: ".")[0]) }
        }
    }

    @Test func everyModuleImportsOnlyWhatItsLayerAllows() throws {
        let modules = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path)
            .filter { $0 != "sopro-node-cli" && !$0.hasPrefix(".") }
        #expect(Set(modules) == Set(Self.allowed.keys), "a module was added or removed: update this test and docs")
        var violations: [String] = []
        for module in modules {
            let directory = Self.sources.appendingPathComponent(module)
            let files = FileManager.default.enumerator(atPath: directory.path)?.compactMap { $0 as? String } ?? []
            for file in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                for name in Self.imports(in: text)
                where !Self.system.contains(name) && !(Self.allowed[module] ?? []).contains(name) {
                    violations.append("Sources/\(module)/\(file) imports \(name)")
                }
            }
        }
        #expect(violations.isEmpty, "\(violations)")
    }

    /// The layers as the document draws them: nothing below imports anything above.
    @Test func theLayersAreAcyclic() {
        var visiting: Set<String> = []
        var done: Set<String> = []
        func visit(_ module: String, path: [String]) -> [String]? {
            if done.contains(module) { return nil }
            if visiting.contains(module) { return path + [module] }
            visiting.insert(module)
            for next in (Self.allowed[module] ?? []).filter({ Self.allowed[$0] != nil }) {
                if let cycle = visit(next, path: path + [module]) { return cycle }
            }
            visiting.remove(module)
            done.insert(module)
            return nil
        }
        for module in Self.allowed.keys {
            #expect(visit(module, path: []) == nil)
        }
    }

    /// The guard the layering exists for: the store and brokerage know nothing of HTTP.
    @Test func theStoreAndBrokerageKnowNoHTTP() {
        let http: Set<String> = [
            "Hummingbird", "HummingbirdCore", "AsyncHTTPClient", "NodeAPI", "NodeServer", "NIOCore",
        ]
        #expect(Self.allowed["CatalogueStore"]!.isDisjoint(with: http))
        #expect(Self.allowed["Brokerage"]!.isDisjoint(with: http))
        #expect(Self.allowed["Workspace"]!.isDisjoint(with: http))
        #expect(Self.allowed["EntryDocuments"]!.isDisjoint(with: http))
    }

    @Test func importLinesAreRead() {
        let source = """
            import Foundation
            package import GRDB
            @testable import SoproNode
            import struct Crypto.SHA256
            // import Hummingbird
            let text = "import Nothing"
            """
        #expect(Self.imports(in: source) == ["Foundation", "GRDB", "SoproNode", "Crypto"])
    }
}
