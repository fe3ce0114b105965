import Foundation
import Logging
import SyncProtocol
import Testing

@testable import CatalogueStore
@testable import SoproNode

/// Opening a data directory as `sopro-node serve` does: configuration with environment
/// overrides, and the start-up checks of the store.
@Suite struct NodeRuntimeTests {
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sopro-runtime-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func environmentOverridesSingleSettingsAndRefusesBadValues() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try NodeConfiguration(name: "Mirror", region: nil, mode: .mirror).write(to: directory)

        let plain = try NodeConfiguration.load(from: directory, environment: [:])
        #expect(plain.listen.host == "127.0.0.1" && plain.listen.port == 8080 && plain.syncInterval == 10)
        let overridden = try NodeConfiguration.load(
            from: directory, environment: ["SOPRO_HOST": "0.0.0.0", "SOPRO_PORT": "9090", "SOPRO_SYNC_INTERVAL": "30"])
        #expect(overridden.listen.host == "0.0.0.0")
        #expect(overridden.listen.port == 9090)
        #expect(overridden.syncInterval == 30)
        #expect(
            try NodeConfiguration.read(from: directory) == plain, "editing commands see the file, not the environment")

        for (name, value) in [("SOPRO_PORT", "80a"), ("SOPRO_PORT", "70000"), ("SOPRO_SYNC_INTERVAL", "0")] {
            let error = #expect(throws: ConfigurationError.self) {
                try NodeConfiguration.load(from: directory, environment: [name: value])
            }
            #expect(error?.description.contains("\(name)=\(value)") == true, "\(String(describing: error))")
        }
    }

    @Test func publicURLRoundTripsThroughTheFileAndIsChecked() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = NodeConfiguration(name: "Mirror", region: nil, mode: .mirror)
        configuration.publicURL = "https://katalog.example.at/sopro"
        try configuration.write(to: directory)
        #expect(try NodeConfiguration.read(from: directory).publicURL == "https://katalog.example.at/sopro")
        configuration.publicURL = "katalog.example.at"
        let error = #expect(throws: ConfigurationError.self) { try configuration.write(to: directory) }
        #expect(error?.description.contains("publicURL: \"katalog.example.at\" is not an http(s) URL") == true)
    }

    @Test func startRebuildsACatalogueLeftBehindByAnInterruptedCatchUp() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = try StoreScenario(seed: 21, steps: 20)
        var configuration = NodeConfiguration(name: "Mirror", region: nil, mode: .mirror)
        configuration.trustedAuthors = scenario.keys.enumerated().map {
            .init(id: $0.element.authorID.rawValue, region: "AT1\($0.offset)", name: "n\($0.offset)")
        }
        try configuration.write(to: directory)
        do {
            // A catch-up that stored its changes and stopped before the catalogue was rebuilt.
            let store = try SQLiteChangeStore.open(path: NodeRuntime.storePath(in: directory))
            let results = try await store.apply(
                await ChangeVerifier.verify(scenario.changes), acceptance: StoreScenario.acceptance(for: scenario.keys),
                now: StoreScenario.now + 1000, catalogue: .deferred)
            #expect(results.allSatisfy { $0 == .accepted })
            #expect(try await store.digest() == CatalogueState().digest)
        }
        let runtime = try await NodeRuntime.open(dataDirectory: directory, logger: Logger(label: "test"))
        #expect(
            runtime.repairs.contains { $0.contains("\(scenario.changes.count) changes were not in it") },
            "\(runtime.repairs)")
        #expect(try await runtime.node.store.digest() == scenario.reference.digest)
        #expect(try await runtime.node.refreshCatalogue() == nil)
    }
}
