import CatalogueStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import NodeAPI
import NodeServer
import SoproNode
import SyncProtocol
import Testing

/// `/openapi.json` documents exactly the endpoints the node serves.
@Suite struct OpenAPITests {
    @Test func documentsEveryRouteAndNothingElse() async throws {
        let key = NodeKey()
        let node = try await CatalogueNode(
            store: try SQLiteChangeStore.inMemory(),
            acceptance: ChangeAcceptance(
                roster: AuthorRoster([TrustedAuthor(id: key.authorID, region: "AT12", name: "NÖ")]),
                schema: CatalogueSchema.fieldSchema),
            mode: .regional(key: key, region: "AT12"), name: "NÖ")
        try await buildApplication(node: node).test(.router) { client in
            let document = try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                return try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
            }
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = document["paths"] as? [String: [String: Any]] ?? [:]
            let documented = Set(
                paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            let served = Set(Endpoint.allCases.map { "\($0.method.rawValue) \($0.openAPIPath)" })
            #expect(
                documented == served,
                "documented but not served: \(documented.subtracting(served)); served but not documented: \(served.subtracting(documented))"
            )
            // And each served endpoint answers on its route (a missing route would be a plain 404).
            for endpoint in Endpoint.allCases {
                let uri = endpoint.path.replacingOccurrences(of: ":kind", with: "enterprise").replacingOccurrences(
                    of: ":id", with: "x")
                // The live feed never ends by itself: its route is checked with HEAD.
                let method: HTTPRequest.Method = endpoint == .feed ? .head : endpoint.method
                try await client.execute(uri: uri, method: method, body: ByteBuffer(string: "{}")) {
                    response in
                    let isRouteMissing =
                        response.status == .notFound && response.headers[.contentType] != "application/problem+json"
                    #expect(!isRouteMissing, "\(endpoint.method) \(uri)")
                }
            }
        }
    }
}
