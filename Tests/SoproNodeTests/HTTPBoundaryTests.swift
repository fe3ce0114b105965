import CompressNIO
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import SyncProtocol
import Testing

@testable import CatalogueStore
@testable import NodeServer
@testable import SoproNode

/// What every response shares: gzip for clients that ask, problem+json when the node fails.
@Suite struct HTTPBoundaryTests {
    let key = NodeKey()

    func makeNode(store: SQLiteChangeStore) async throws -> CatalogueNode {
        try await SampleNode.make(key: key, store: store)
    }

    @Test func compressesLargeAnswersForClientsThatAcceptGzip() async throws {
        let node = try await makeNode(store: try SQLiteChangeStore.inMemory())
        try await buildApplication(node: node).test(.router) { client in
            let uri = "/v1/entries?limit=100"
            let plain = try await client.execute(uri: uri, method: .get) { response in
                #expect(response.headers[.contentEncoding] == nil, "no Accept-Encoding, no gzip")
                return response.body
            }
            #expect(plain.readableBytes > 10_000)
            try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "br, gzip;q=0.8"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentEncoding] == "gzip")
                #expect(response.headers[values: .vary].contains("Accept-Encoding"))
                #expect(response.body.readableBytes < plain.readableBytes / 3)
                #expect(response.headers[.contentLength] == String(response.body.readableBytes))
                var body = response.body
                let inflated = try body.decompress(with: .gzip())
                #expect(inflated == plain, "the same bytes once inflated")
            }
            for refusal in ["gzip;q=0", "identity", "br"] {
                try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: refusal]) { response in
                    #expect(response.headers[.contentEncoding] == nil, "\(refusal)")
                }
            }
            // Small answers stay as they are: an idle sync round costs no compression.
            try await client.execute(uri: "/v1/sync/heads", method: .get, headers: [.acceptEncoding: "gzip"]) {
                response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentEncoding] == nil)
            }
        }
    }

    @Test func acceptEncodingLists() {
        typealias Compression = ResponseCompression<BasicRequestContext>
        #expect(Compression.acceptsGzip(["gzip"]))
        #expect(Compression.acceptsGzip(["deflate, gzip"]))
        #expect(Compression.acceptsGzip(["br", "GZIP; q=0.5"]))
        #expect(Compression.acceptsGzip(["*"]))
        #expect(!Compression.acceptsGzip([]))
        #expect(!Compression.acceptsGzip(["gzip;q=0"]))
        #expect(!Compression.acceptsGzip(["deflate, br"]))
    }

    @Test func aFailureInsideTheNodeIsAProblemNotAnEmptyBody() async throws {
        let store = try SQLiteChangeStore.inMemory()
        let node = try await makeNode(store: store)
        let id = try #require(
            try await store.writer.read { db in
                try String.fetchOne(db, sql: "SELECT id FROM entry WHERE kind = 'enterprise' ORDER BY id LIMIT 1")
            })
        try await store.writer.write { db in
            try db.execute(sql: "UPDATE entry SET state = X'00' WHERE id = ?", arguments: [id])
        }
        try await buildApplication(node: node).test(.router) { client in
            try await client.execute(uri: "/v1/entries/enterprise/\(id)", method: .get) { response in
                #expect(response.status == .internalServerError)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(problem?["type"] as? String == "urn:sopro:problem:internal-error")
                let detail = problem?["detail"] as? String ?? ""
                #expect(detail.contains("/v1/entries/enterprise/\(id)"))
                #expect(!detail.contains("cannot be read"), "the store's own message stays in the log")
            }
            // Everything else is still served.
            try await client.execute(uri: "/v1/entries?limit=5", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func unservedPathsAndMethodsAreProblems() async throws {
        let node = try await makeNode(store: try SQLiteChangeStore.inMemory())
        try await buildApplication(node: node).test(.router) { client in
            try await client.execute(uri: "/v1/sync/push", method: .put) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(String(buffer: response.body).contains("method-not-allowed"))
            }
            try await client.execute(uri: "/v1/entries/product/x", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
            }
            try await client.execute(uri: "/v1/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(String(buffer: response.body).contains("/v1/nothing-here"))
            }
            try await client.execute(uri: "/v1/node", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
            // A handler's own 404 keeps its own detail.
            try await client.execute(uri: "/v1/entries/product/0192f3a4-5b6c-7d8e-9f01-23456789abcd", method: .get) {
                response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("No such entry"))
            }
            // Blank form fields are left out, not refused.
            try await client.execute(uri: "/v1/entries?region=&lang=&q=&limit=3", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
