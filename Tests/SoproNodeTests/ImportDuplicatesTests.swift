import CatalogueStore
import DirectoryModel
import EntryDocuments
import Foundation
import Hummingbird
import HummingbirdTesting
import NodeClient
import SyncProtocol
import Testing

@testable import NodeServer
@testable import SoproNode

/// An import shows likely duplicates before it publishes: records of the file that name one
/// enterprise twice, and records naming one the catalogue holds under another id.
@Suite(.tags(.live)) struct ImportDuplicatesTests {
    static func enterprise(_ id: String, _ name: String, postcode: String, latitude: Double) throws -> Entry {
        let yaml = """
            kind: enterprise
            id: \(id)
            name: {de: "\(name)"}
            socialModel: work-integration
            region: AT12
            address: {street: Hauptplatz 1, postalCode: "\(postcode)", locality: St. Pölten, country: AT}
            geo: {latitude: \(latitude), longitude: 15.62}
            """
        let set = try EntryFileDecoder().decode(yaml, name: "e.yaml")
        return try #require(set.entries.first?.entry, "\(set.issues)")
    }

    @Test func recordsTwiceInTheFileAndOnesTheCatalogueHoldsAreFound() async throws {
        let node = try await WorkspaceWorkListTests.node().0
        let held = "7a1c2f40-1111-4c1e-9a55-000000000001"  // "Reparaturcafé Beispielstadt", 3100 St. Pölten
        let records: [(source: String, entry: Entry)] = [
            ("feature 1", try Self.enterprise(held, "Reparaturcafé Beispielstadt", postcode: "3100", latitude: 48.2)),
            (
                "feature 2",
                try Self.enterprise(
                    "7a1c2f40-1111-4c1e-9a55-0000000000a2", "reparaturcafe beispielstadt", postcode: "3100",
                    latitude: 48.2)
            ),
            (
                "feature 3",
                try Self.enterprise(
                    "7a1c2f40-1111-4c1e-9a55-0000000000a3", "Nähstube Anderswo", postcode: "8010", latitude: 47.07)
            ),
            (
                "feature 4",
                try Self.enterprise(
                    "7a1c2f40-1111-4c1e-9a55-0000000000a4", "Nähstube Anderswo", postcode: "8010", latitude: 47.07)
            ),
        ]
        // The file alone: feature 2 repeats feature 1, feature 4 repeats feature 3.
        let alone = try await ImportDuplicates.find(records, client: nil)
        #expect(alone.map(\.index) == [1, 3])
        #expect(alone.first?.twin == "record feature 1 of this file")
        try await buildApplication(node: node, port: 0).test(.live) { client in
            let node = NodeClient(url: "http://127.0.0.1:\(try #require(client.port))")
            // Feature 1 is the catalogue's entry itself (an update, not its own duplicate), but
            // the catalogue holds it twice already (…0002, the work list's example), which is
            // found; feature 3 is new and unlike anything held.
            let found = try await ImportDuplicates.find([records[0], records[2]], client: node)
            #expect(found.map(\.index) == [0])
            #expect(found.first?.twin.contains("(enterprise 7a1c2f40-1111-4c1e-9a55-000000000002)") == true)
            let again = try await ImportDuplicates.find(
                [
                    (
                        "feature 9",
                        try Self.enterprise(
                            "7a1c2f40-1111-4c1e-9a55-0000000000a9", "REPARATURCAFÉ Beispielstadt", postcode: "3100",
                            latitude: 48.21)
                    )
                ], client: node)
            #expect(again.map(\.index) == [0])
            #expect(again.first?.twin.hasSuffix(") in the catalogue") == true, "\(again)")
        }
    }
}
