import CatalogueStore
import DirectoryModel
import EntryDocuments
import Foundation
import Logging
import SoproNode
import SyncProtocol
import Testing

@Suite struct DemoFederationTests {
    static let samples = examplesDirectory.appendingPathComponent("regions")

    /// The demo's folders are ordinary node data directories: a trusted author or a peer added to
    /// one takes part at the next start, on the port rule the help states.
    @Test func theDemosDataDirectoriesAreOrdinaryNodeDirectories() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sopro-demo-dirs-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try await DemoFederation.make(directory: directory, basePort: 9000, logger: Logger(label: "test"))
        #expect(first.members.map(\.port) == [9001, 9002, 9003, 9004, 9005, 9006])
        let at12 = directory.appendingPathComponent("AT12")
        var configuration = try NodeConfiguration.read(from: at12)
        #expect(configuration.region == "AT12" && configuration.listen.port == 9002)
        let outsider = NodeKey()
        configuration.trustedAuthors.append(.init(id: outsider.authorID.rawValue, region: "AT12", name: "Outside"))
        configuration.peers.append(
            .init(name: "outside", url: "http://127.0.0.1:9100", author: outsider.authorID.rawValue))
        try configuration.write(to: at12)
        let again = try await DemoFederation.make(directory: directory, basePort: 9000, logger: Logger(label: "test"))
        let member = try #require(again.members.first { $0.region == "AT12" })
        #expect(member.node.acceptance.roster.contains(outsider.authorID))
        #expect(member.peers.contains { $0.name == "outside" && $0.authorID == outsider.authorID })
        #expect(try NodeConfiguration.read(from: at12).trustedAuthors.contains { $0.name == "Outside" })
    }

    @Test func sampleEntriesAreValidAndRich() throws {
        var context = ValidationContext()
        context.acceptsPictureSources = true
        let set = EntryFileDecoder(context: context).decode(paths: [Self.samples.path])
        #expect(set.failures.isEmpty)
        #expect(set.issues.isEmpty, "\(set.issues.prefix(3))")
        let kinds = Dictionary(grouping: set.entries, by: \.entry.kind).mapValues(\.count)
        #expect(kinds[.enterprise] ?? 0 >= 40)
        #expect(kinds[.product] ?? 0 >= 60)
        #expect(kinds[.cooperation] ?? 0 >= 15)
        for region in DemoFederation.regions {
            let enterprises = set.entries.filter {
                if case .enterprise(let enterprise) = $0.entry {
                    enterprise.region?.rawValue == region.code
                } else {
                    false
                }
            }
            #expect(enterprises.count >= 8, "\(region.code)")
        }
        let crossBorder = set.entries.filter {
            if case .cooperation(let cooperation) = $0.entry {
                Set(cooperation.regions.map(\.country)).count > 1
            } else {
                false
            }
        }
        #expect(!crossBorder.isEmpty, "some cooperations cross the border")
        // Every reference points at an entry that exists.
        let ids = Set(set.entries.map(\.entry.id))
        for sourced in set.entries {
            switch sourced.entry {
            case .product(let product): #expect(product.enterprises.allSatisfy(ids.contains))
            case .cooperation(let cooperation):
                #expect(cooperation.enterprises.allSatisfy(ids.contains))
                #expect(cooperation.products.allSatisfy(ids.contains))
            case .enterprise: break
            }
        }
    }

    @Test func eachRegionPublishesItsSamplesOnce() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sopro-demo-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let federation = try await DemoFederation.make(directory: directory, basePort: 0, logger: Logger(label: "test"))
        #expect(federation.members.count == 6)
        let counts = try await federation.publishSamples(from: Self.samples)
        #expect(counts.count == 5)
        #expect(counts.values.allSatisfy { $0 >= 20 })
        // Restarting with the same folder reuses the keys and publishes nothing new.
        let again = try await DemoFederation.make(directory: directory, basePort: 0, logger: Logger(label: "test"))
        #expect(again.members.map(\.node.authorID) == federation.members.map(\.node.authorID))
        _ = try await again.publishSamples(from: Self.samples)
        for member in again.members where member.region != nil {
            let seq = try await member.node.store.heads()[try #require(member.node.authorID)]?.seq
            #expect(seq == 1, "the samples fit one change, and republishing adds none")
        }
        #expect(try await again.agreedDigest() == nil, "nothing has been replicated yet")
    }
}
