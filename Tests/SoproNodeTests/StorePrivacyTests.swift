import Brokerage
import DirectoryModel
import Foundation
import Logging
import SyncProtocol
import Testing

@testable import CatalogueStore
@testable import SoproNode

/// The store holds inquiries (personal data): only the node's user may read it, and what is
/// erased is gone from its files. Measured before: `store.sqlite` was 0644, and an erased
/// e-mail address was still in the bytes of `store.sqlite-wal`.
@Suite struct StorePrivacyTests {
    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func theStoreIsReadableByTheNodesUserOnly() async throws {
        let directory = try NodeRuntimeTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try NodeConfiguration(name: "Mirror", region: nil, mode: .mirror).write(to: directory)
        let path = NodeRuntime.storePath(in: directory)
        let runtime = try await NodeRuntime.open(dataDirectory: directory, logger: Logger(label: "test"))
        _ = try await runtime.node.refreshCatalogue()
        let mode = try Self.mode(path)
        #expect(mode == 0o600, "store.sqlite is 0\(String(mode, radix: 8))")
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            #expect(try Self.mode(path + suffix) == 0o600, "store.sqlite\(suffix)")
        }
        // A store an older version created 0644 is made private at the next start.
        #expect(chmod(path, 0o644) == 0)
        _ = try await NodeRuntime.open(dataDirectory: directory, logger: Logger(label: "test"))
        #expect(try Self.mode(path) == 0o600)
    }

    @Test func anErasedAddressIsNotInTheStoreFiles() async throws {
        let directory = try NodeRuntimeTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = NodeRuntime.storePath(in: directory)
        let store = try SQLiteChangeStore.open(path: path)
        let node = try await SampleNode.make(key: NodeKey(), region: "AT13", name: "Wien", store: store)
        let desk = try InquiryTests.desk(for: node)
        let draft = try JSONDecoder().decode(InquiryDraft.self, from: Data(InquiryTests.validJSON.utf8))
        _ = try await desk.submit(draft, channel: .form, consentStatement: "Ja", client: "x")
        let address = Data("anna.berger@example.org".utf8)
        func files() -> [String: Data] {
            Dictionary(
                uniqueKeysWithValues: ["", "-wal"].compactMap { suffix in
                    FileManager.default.contents(atPath: path + suffix).map { ("store.sqlite" + suffix, $0) }
                })
        }
        #expect(files().values.contains { $0.range(of: address) != nil }, "stored before erasure")
        #expect(try await desk.erase(email: try EmailAddress(parsing: "anna.berger@example.org")) == 1)
        for (name, bytes) in files() {
            #expect(bytes.range(of: address) == nil, "\(name) still holds the erased address")
        }
    }
}
