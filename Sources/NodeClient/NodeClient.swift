package import AsyncHTTPClient
package import Brokerage
package import CatalogueStore
package import DirectoryModel
package import Foundation
package import NIOCore
import NIOFoundationCompat
import NIOHTTP1
package import NodeAPI
package import SyncProtocol

/// A typed client of a node's HTTP API, for the command line and the tests: one method per
/// endpoint they use, each sending the documents of `NodeAPI` and decoding the answer into them.
/// Every failure is a `NodeClientError`. A node that answers 503 with `Retry-After` (a regional
/// node that has just started and is still confirming its own log with its peers) is asked again
/// for up to `patience`, `onWait` told each time.
package struct NodeClient: Sendable {
    /// The node's base URL, e.g. `http://127.0.0.1:8012`.
    package let url: String
    package var timeout: TimeAmount = .seconds(120)
    package var patience: Duration = .seconds(60)
    /// Told the node's detail and the pause before each new attempt.
    package var onWait: @Sendable (_ detail: String, _ pause: Duration) -> Void = { _, _ in }
    /// An answer larger than this is refused (a full export of 20,000 entries is about 60 MB).
    package var maximumAnswerBytes = 256 << 20
    let http: HTTPClient

    package init(url: String, http: HTTPClient = .sopro) {
        self.url = url.hasSuffix("/") ? String(url.dropLast()) : url
        self.http = http
    }

    // MARK: Catalogue

    /// `GET /v1/node`.
    package func node() async throws -> NodeInfo {
        try await decode(NodeInfo.self, get("/v1/node"), path: "/v1/node")
    }

    /// `GET /v1/entries` with `query` (name–value pairs; absent values are left out).
    package func entries(_ query: [(String, String?)]) async throws -> CataloguePage {
        let path = "/v1/entries" + Self.queryString(query)
        return try await decode(CataloguePage.self, get(path), path: path)
    }

    /// `GET /v1/entries/{kind}/{id}`; `nil` when the node holds no such entry.
    package func entry(kind: String, id: String) async throws -> EntryDetail? {
        let path = "/v1/entries/\(kind)/\(id)"
        do {
            return try await decode(EntryDetail.self, get(path), path: path)
        } catch let error as NodeClientError where error.status == 404 {
            return nil
        }
    }

    /// `POST /v1/publish`: entry documents, as in entry files.
    package func publish(_ documents: [DocumentValue], token: String) async throws -> PublishAnswer {
        try await decode(
            PublishAnswer.self, post("/v1/publish", PublishRequestBody(entries: documents), token: token),
            path: "/v1/publish")
    }

    /// `POST /v1/retract`.
    package func retract(_ targets: [RetractRequestBody.Target], token: String) async throws -> PublishAnswer {
        try await decode(
            PublishAnswer.self, post("/v1/retract", RetractRequestBody(entries: targets), token: token),
            path: "/v1/retract")
    }

    // MARK: Federation

    /// `GET /v1/federation`.
    package func federation() async throws -> FederationMessage {
        try await decode(FederationMessage.self, get("/v1/federation"), path: "/v1/federation")
    }

    /// `POST /v1/federation`: roster versions and key events offered to the node.
    package func offer(_ documents: FederationDocumentsMessage) async throws -> FederationOfferResponse {
        try await decode(
            FederationOfferResponse.self, post("/v1/federation", documents), path: "/v1/federation")
    }

    /// `GET /v1/federation/card`.
    package func memberCard() async throws -> MemberCard {
        try await decode(MemberCard.self, get("/v1/federation/card"), path: "/v1/federation/card")
    }

    /// `GET /v1/sync/heads`: heads (cut back before forks and cut-offs), forks, digest.
    package func syncState() async throws -> SyncState {
        try await decode(SyncState.self, get("/v1/sync/heads"), path: "/v1/sync/heads")
    }

    // MARK: Inquiries (operators)

    /// `GET /v1/inquiries`, newest first.
    package func inquiries(state: String? = nil, limit: Int = 100, token: String) async throws -> [Inquiry] {
        let path = "/v1/inquiries" + Self.queryString([("state", state), ("limit", String(limit))])
        return try await decode(InquiryList.self, get(path, token: token), path: path).inquiries
    }

    /// `GET /v1/inquiries/{id}`: the inquiry and its matches.
    package func inquiry(_ id: String, token: String) async throws -> InquiryDetail {
        let path = "/v1/inquiries/\(id)"
        return try await decode(InquiryDetail.self, get(path, token: token), path: path)
    }

    /// `POST /v1/inquiries/{id}/status`.
    package func recordInquiry(_ id: String, state: String?, note: String?, token: String) async throws -> Inquiry {
        let path = "/v1/inquiries/\(id)/status"
        return try await decode(
            Inquiry.self, post(path, InquiryStatusBody(state: state, note: note), token: token), path: path)
    }

    /// `POST /v1/inquiries/{id}/refer`.
    package func referInquiry(_ id: String, to region: String, note: String?, token: String) async throws -> Inquiry {
        let path = "/v1/inquiries/\(id)/refer"
        return try await decode(
            Inquiry.self, post(path, InquiryReferralBody(to: region, note: note), token: token), path: path)
    }

    /// `GET /v1/inquiries/{id}/cooperation-draft`: an entry file (YAML).
    package func cooperationDraft(
        _ id: String, enterprises: [String], products: [String], token: String
    ) async throws -> String {
        let query = Self.queryString(enterprises.map { ("enterprise", $0) } + products.map { ("product", $0) })
        return String(
            decoding: try await get("/v1/inquiries/\(id)/cooperation-draft" + query, token: token), as: UTF8.self)
    }

    /// `POST /v1/personal-data/export`: every inquiry of `email`.
    package func exportPersonalData(email: String, token: String) async throws -> [Inquiry] {
        let path = "/v1/personal-data/export"
        return try await decode(
            InquiryList.self, post(path, PersonalDataRequestBody(email: email), token: token), path: path
        ).inquiries
    }

    /// `POST /v1/personal-data/erase`: how many inquiries were erased.
    package func erasePersonalData(email: String, token: String) async throws -> Int {
        let path = "/v1/personal-data/erase"
        return try await decode(
            PersonalDataErasure.self, post(path, PersonalDataRequestBody(email: email), token: token), path: path
        ).erased
    }

    // MARK: Requests

    /// GET `path`: the body of a 200 answer.
    package func get(_ path: String, token: String? = nil) async throws -> Data {
        var request = HTTPClientRequest(url: url + path)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        return try await send(request)
    }

    /// POST `body` as JSON to `path`: the body of a 200 answer.
    package func post(_ path: String, _ body: some Encodable, token: String? = nil) async throws -> Data {
        var request = HTTPClientRequest(url: url + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        do {
            request.body = .bytes(ByteBuffer(data: try encoder.encode(body)))
        } catch {
            throw NodeClientError(.unreadable(path: path, detail: "the request cannot be written: \(error)"), url: url)
        }
        return try await send(request)
    }

    /// Uploads a picture's bytes (`POST /v1/pictures`): the name and size the node stored it by.
    /// `orientation`: the EXIF orientation of a picture whose metadata was removed.
    package func uploadPicture(_ bytes: [UInt8], orientation: Int = 1, token: String) async throws -> PictureAnswer {
        var request = HTTPClientRequest(
            url: url + "/v1/pictures" + (orientation == 1 ? "" : "?orientation=\(orientation)"))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/octet-stream")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.body = .bytes(ByteBuffer(bytes: bytes))
        return try decode(PictureAnswer.self, try await send(request), path: "/v1/pictures")
    }

    /// The bytes at `address` (a picture an entry file names by its web address), at most
    /// `limit`; anything but a 200 is an error.
    package static func download(_ address: String, upTo limit: Int) async throws -> [UInt8] {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: address), timeout: .seconds(30))
        guard response.status == .ok else {
            throw NodeClientError(
                .answered(status: Int(response.status.code), problem: nil, body: ""), url: address)
        }
        return Array(buffer: try await response.body.collect(upTo: limit))
    }

    /// `value` read from `data`, the answer to `path`.
    package func decode<Value: Decodable>(_ type: Value.Type, _ data: Data, path: String) throws -> Value {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw NodeClientError(.unreadable(path: path, detail: "\(error)"), url: url)
        }
    }

    private func send(_ request: HTTPClientRequest) async throws -> Data {
        var waited = Duration.zero
        while true {
            let response: HTTPClientResponse
            let body: ByteBuffer
            do {
                response = try await http.execute(request, timeout: timeout)
                body = try await response.body.collect(upTo: maximumAnswerBytes)
            } catch {
                throw NodeClientError(.unreachable(ConnectionFailure.plainWords("\(error)")), url: url)
            }
            let data = Data(buffer: body)
            if (200..<300).contains(response.status.code) { return data }
            let problem = try? JSONDecoder().decode(Problem.self, from: data)
            if response.status == .serviceUnavailable,
                let seconds = response.headers.first(name: "Retry-After").flatMap(Int.init), seconds > 0,
                waited < patience
            {
                let pause = min(Duration.seconds(seconds), patience - waited)
                onWait(problem?.detail ?? String(decoding: data.prefix(500), as: UTF8.self), pause)
                try? await Task.sleep(for: pause)
                waited += pause
                continue
            }
            throw NodeClientError(
                .answered(
                    status: Int(response.status.code), problem: problem,
                    body: String(decoding: data.prefix(2_000), as: UTF8.self)), url: url)
        }
    }

    /// A query string from name–value pairs, leaving out absent values (`?a=1&b=2`, or `""`).
    package static func queryString(_ items: [(String, String?)]) -> String {
        let query = URLQuery.encode(items)
        return query.isEmpty ? "" : "?" + query
    }
}
