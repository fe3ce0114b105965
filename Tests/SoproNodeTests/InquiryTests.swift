import AsyncHTTPClient
import DirectoryModel
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import SyncProtocol
import Synchronization
import Testing

@testable import Brokerage
@testable import CatalogueStore
@testable import EntryDocuments
@testable import NodeAPI
@testable import NodeServer
@testable import Replication
@testable import SoproNode

/// Inquiries: submission through the API (valid, invalid, rate limit, honeypot), operators'
/// state changes, personal-data export and erasure, retention, referral between two live nodes
/// with signature checks, and that a mirror holds and shows none.
@Suite struct InquiryTests {
    static let token = "operator-secret-token"
    static let editors = EditorAuthenticator { $0 == token ? "anna@wien" : nil }
    static let authorized: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]

    /// A settable clock, for retention.
    final class TestClock: Sendable {
        let now = Mutex<Int64>(1_795_737_600_000)  // 2026-11-27
        var wallClock: WallClock { WallClock { self.now.withLock { $0 } } }
        func advance(days: Int) { now.withLock { $0 += Int64(days) * 24 * 3600 * 1000 } }
    }

    static func desk(
        for node: CatalogueNode, peers: [Peer] = [], clock: TestClock = TestClock(),
        limiter: SubmissionRateLimiter = SubmissionRateLimiter(),
        transport: any ReferralTransport = HTTPReferralTransport()
    ) throws -> InquiryDesk {
        guard let store = node.store as? SQLiteChangeStore else { throw InquiryError.notFound("store") }
        return try InquiryDesk(
            store: SQLiteInquiryStore(sharing: store), node: node, peers: peers, transport: transport,
            wallClock: clock.wallClock, limiter: limiter, retentionDays: 30)
    }

    static let validJSON = """
        {"need": "300 Holzspielzeug-Sets für unsere Kindergärten", "quantity": "300 Sets",
         "wantedBy": "2027-03-01", "deliveryRegion": "AT13", "categories": ["37520000-9"],
         "organisationType": "public-body", "organisation": "Stadt Wien – MA 10",
         "contactName": "Anna Berger", "email": "anna.berger@example.org", "phone": "+43 1 4000 1234",
         "language": "de", "consent": true}
        """

    func post(
        _ client: some TestClientProtocol, _ uri: String, _ body: String, headers: HTTPFields = authorized
    ) async throws -> (HTTPResponse.Status, [String: Any], HTTPFields) {
        try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) {
            response in
            let json = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
            return (response.status, json, response.headers)
        }
    }

    func get(
        _ client: some TestClientProtocol, _ uri: String, headers: HTTPFields = authorized
    ) async throws
        -> (HTTPResponse.Status, [String: Any])
    {
        try await client.execute(uri: uri, method: .get, headers: headers) { response in
            let json = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
            return (response.status, json)
        }
    }

    @Test func submitListAndWorkThroughTheAPI() async throws {
        let node = try await SampleNode.make(key: NodeKey(), region: "AT13", name: "Wien")
        let desk = try Self.desk(for: node)
        try await buildApplication(node: node, editors: Self.editors, inquiries: desk).test(.router) { client in
            let (status, receipt, _) = try await post(
                client, "/v1/inquiries", Self.validJSON, headers: [.contentType: "application/json"])
            #expect(status == .accepted)
            #expect((receipt["reference"] as? String)?.count == 8)

            // Operators only.
            let (refused, _) = try await get(client, "/v1/inquiries", headers: [:])
            #expect(refused == .unauthorized)
            for bad in ["limit=1001", "limit=0", "limit=many", "state=done"] {
                let (status, _) = try await get(client, "/v1/inquiries?\(bad)")
                #expect(status == .badRequest, "\(bad)")
            }
            let (listed, list) = try await get(client, "/v1/inquiries")
            #expect(listed == .ok)
            let inquiries = try #require(list["inquiries"] as? [[String: Any]])
            #expect(inquiries.count == 1)
            let id = try #require(inquiries.first?["id"] as? String)
            #expect((inquiries.first?["source"] as? [String: Any])?["channel"] as? String == "api")

            // One inquiry with its matches and their reasons.
            let (_, detail) = try await get(client, "/v1/inquiries/\(id)")
            let enterprises = try #require((detail["matches"] as? [String: Any])?["enterprises"] as? [[String: Any]])
            #expect(enterprises.first?["id"] as? String == "62d15866-c3ec-5c07-aaa4-02aa155c20f1")
            let reasons = enterprises.first?["reasons"] as? [[String: Any]] ?? []
            #expect(reasons.contains { $0["code"] as? String == "basedIn" && $0["text"] as? String == "based in AT13" })

            // State changes with notes, by the operator.
            let (moved, after, _) = try await post(
                client, "/v1/inquiries/\(id)/status", #"{"state": "in-contact", "note": "Called Ms Berger"}"#)
            #expect(moved == .ok)
            #expect(after["state"] as? String == "in-contact")
            let history = try #require(after["history"] as? [[String: Any]])
            #expect(history.last?["operatorName"] as? String == "anna@wien")
            #expect(history.last?["note"] as? String == "Called Ms Berger")
            let (badState, problem, _) = try await post(client, "/v1/inquiries/\(id)/status", #"{"state": "done"}"#)
            #expect(badState == .unprocessableContent)
            #expect((problem["detail"] as? String)?.contains("in-contact") == true)
            let (missing, _, _) = try await post(client, "/v1/inquiries/nope/status", #"{"state": "closed"}"#)
            #expect(missing == .notFound)

            // Realised: a draft cooperation entry that checks and holds no personal data.
            _ = try await post(client, "/v1/inquiries/\(id)/status", #"{"state": "realised"}"#)
            let draft = try await client.execute(
                uri: "/v1/inquiries/\(id)/cooperation-draft", method: .get, headers: Self.authorized
            ) { String(buffer: $0.body) }
            #expect(!draft.contains("anna.berger") && !draft.contains("Anna Berger") && !draft.contains("4000 1234"))
            // The asker's words and organisation only in comments: nothing of them is public
            // until an editor writes the title (the draft does not check before).
            let fields = draft.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
            #expect(draft.contains("Holzspielzeug-Sets"))
            #expect(!fields.contains("Holzspielzeug") && !fields.contains("Stadt Wien"), "\(fields)")
            let unfinished = try EntryFileDecoder().decode(draft, name: "draft.yaml")
            #expect(unfinished.issues.contains { "\($0)".contains("title") }, "\(unfinished.issues)")
            let completed = draft.replacingOccurrences(
                of: "# title: {de: \"…\"}", with: "title: {de: Holzspielzeug für Wiener Kindergärten}"
            )
            .replacingOccurrences(of: "TODO: the client's name, with its consent", with: "Stadt Wien")
            let decoded = try EntryFileDecoder().decode(completed, name: "draft.yaml")
            #expect(decoded.issues.isEmpty, "\(decoded.issues)")
            #expect(decoded.entries.first?.entry.kind == .cooperation)
        }
    }

    /// Another site's form may post an inquiry with `fetch` (the preflight allows it), but no
    /// other site's script may send an editor token.
    @Test func otherSitesMayPostInquiriesButNotSendTokens() async throws {
        let node = try await SampleNode.make(key: NodeKey(), region: "AT13", name: "Wien")
        try await buildApplication(node: node, editors: Self.editors, inquiries: try Self.desk(for: node)).test(.router)
        {
            client in
            var preflight: HTTPFields = [.origin: "https://partner.example", .accessControlRequestMethod: "POST"]
            preflight[.accessControlRequestHeaders] = "content-type"
            try await client.execute(uri: "/v1/inquiries", method: .options, headers: preflight) { response in
                #expect(response.headers[.accessControlAllowOrigin] == "*")
                #expect(response.headers[.accessControlAllowMethods]?.contains("POST") == true)
                #expect(response.headers[.accessControlAllowHeaders]?.lowercased().contains("authorization") != true)
            }
            var cross: HTTPFields = [.origin: "https://partner.example", .contentType: "application/json"]
            cross[.accept] = "application/json"
            let (status, _, headers) = try await post(client, "/v1/inquiries", Self.validJSON, headers: cross)
            #expect(status == .accepted)
            #expect(headers[.accessControlAllowOrigin] == "*")
        }
    }

    @Test func invalidInputNamesEveryFieldAndStoresNothing() async throws {
        let node = try await SampleNode.make(key: NodeKey(), region: "AT13", name: "Wien")
        let desk = try Self.desk(for: node)
        try await buildApplication(node: node, editors: Self.editors, inquiries: desk).test(.router) { client in
            let body = """
                {"need": "Holz", "wantedBy": "2020-01-01", "deliveryRegion": "XX99", "categories": ["123"],
                 "organisationType": "alien", "contactName": "", "email": "not-an-email", "language": "fr",
                 "phone": "<script>"}
                """
            let (status, problem, _) = try await post(
                client, "/v1/inquiries", body, headers: [.contentType: "application/json"])
            #expect(status == .unprocessableContent)
            let fields = try #require(problem["fields"] as? [[String: Any]])
            let named = Set(fields.compactMap { $0["field"] as? String })
            #expect(
                named == [
                    "need", "wantedBy", "deliveryRegion", "categories[0]", "organisationType", "contactName", "email",
                    "phone", "language", "consent",
                ])
            #expect(fields.first { $0["field"] as? String == "need" }?["code"] as? String == "too-short")
            #expect(fields.first { $0["field"] as? String == "wantedBy" }?["code"] as? String == "in-the-past")
            // Not JSON at all: a 400 that says so.
            let (broken, _, _) = try await post(
                client, "/v1/inquiries", "{\"need\": ", headers: [.contentType: "application/json"])
            #expect(broken == .badRequest)
            // Too large.
            let huge = "{\"need\": \"" + String(repeating: "x", count: 70_000) + "\"}"
            let (tooLarge, _, _) = try await post(
                client, "/v1/inquiries", huge, headers: [.contentType: "application/json"])
            #expect(tooLarge == .contentTooLarge)
            #expect(try await desk.list(state: nil).isEmpty, "nothing stored")
        }
    }

    @Test func rateLimitAndHoneypot() async throws {
        let node = try await SampleNode.make(key: NodeKey(), region: "AT13", name: "Wien")
        let desk = try Self.desk(for: node, limiter: SubmissionRateLimiter(maximum: 3, windowMilliseconds: 600_000))
        try await buildApplication(node: node, editors: Self.editors, inquiries: desk).test(.router) { client in
            let plain: HTTPFields = [.contentType: "application/json"]
            for _ in 0..<3 {
                let (status, _, _) = try await post(client, "/v1/inquiries", Self.validJSON, headers: plain)
                #expect(status == .accepted)
            }
            let (limited, problem, headers) = try await post(client, "/v1/inquiries", Self.validJSON, headers: plain)
            #expect(limited == .tooManyRequests)
            #expect(Int(headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect((problem["detail"] as? String)?.contains("too many inquiries") == true)
            #expect(try await desk.list(state: nil).count == 3)
        }
        // A filled-in honeypot looks accepted and is stored nowhere.
        let other = try Self.desk(for: try await SampleNode.make(key: NodeKey(), region: "AT13", name: "Wien"))
        var draft = try JSONDecoder().decode(InquiryDraft.self, from: Data(Self.validJSON.utf8))
        draft.need = "Buy cheap watches at http://spam.example"
        let stored = try await other.submit(
            draft, channel: .api, consentStatement: "x", client: "bot", honeypot: "http://spam.example")
        #expect(stored == nil)
        #expect(try await other.list(state: nil).isEmpty)
    }

    /// Behind a proxy the limit counts the address the proxy saw; without `trustForwardedFor`
    /// the header is ignored, so a client cannot dodge the limit by writing it.
    @Test func rateLimitBehindAProxy() async throws {
        let node = try await SampleNode.make(key: NodeKey(), region: "AT13", name: "Wien")
        for trusted in [true, false] {
            let desk = try Self.desk(for: node, limiter: SubmissionRateLimiter(maximum: 1, windowMilliseconds: 600_000))
            try await buildApplication(
                node: node, inquiries: desk, clientAddress: ClientAddress(trustForwardedFor: trusted)
            ).test(.router) { client in
                var statuses: [HTTPResponse.Status] = []
                for address in ["198.51.100.7", "203.0.113.9", "198.51.100.7"] {
                    var headers: HTTPFields = [.contentType: "application/json"]
                    if let name = HTTPField.Name("X-Forwarded-For") { headers[name] = "10.0.0.1, \(address)" }
                    statuses.append(try await post(client, "/v1/inquiries", Self.validJSON, headers: headers).0)
                }
                #expect(
                    statuses
                        == (trusted
                            ? [.accepted, .accepted, .tooManyRequests]
                            : [.accepted, .tooManyRequests, .tooManyRequests]),
                    "trustForwardedFor: \(trusted)")
            }
        }
    }

    @Test func exportEraseAndRetention() async throws {
        let node = try await SampleNode.make(key: NodeKey(), region: "AT13", name: "Wien")
        let clock = TestClock()
        let desk = try Self.desk(for: node, clock: clock)
        var draft = try JSONDecoder().decode(InquiryDraft.self, from: Data(Self.validJSON.utf8))
        let first = try #require(try await desk.submit(draft, channel: .form, consentStatement: "Ja", client: "a"))
        _ = try await desk.submit(draft, channel: .form, consentStatement: "Ja", client: "a")
        draft.email = "someone.else@example.org"
        let other = try #require(try await desk.submit(draft, channel: .form, consentStatement: "Ja", client: "b"))

        try await buildApplication(node: node, editors: Self.editors, inquiries: desk).test(.router) { client in
            let (status, export, _) = try await post(
                client, "/v1/personal-data/export", #"{"email": "Anna.Berger@example.org"}"#)
            #expect(status == .ok)
            #expect((export["inquiries"] as? [Any])?.count == 2, "case does not matter in the address")
            let (refused, _, _) = try await post(
                client, "/v1/personal-data/export", #"{"email": "anna.berger@example.org"}"#,
                headers: [.contentType: "application/json"])
            #expect(refused == .unauthorized)
            let (erased, result, _) = try await post(
                client, "/v1/personal-data/erase", #"{"email": "anna.berger@example.org"}"#)
            #expect(erased == .ok && result["erased"] as? Int == 2)
        }
        #expect(try await desk.store.inquiry(id: first.id) == nil)
        #expect(try await desk.store.inquiry(id: other.id) != nil, "someone else's inquiry stays")

        // Retention: closed for 30 days → erased; open ones stay however old.
        let open = try #require(try await desk.submit(draft, channel: .form, consentStatement: "Ja", client: "c"))
        _ = try await desk.record(other.id, state: .closed, note: "no answer", operatorName: "anna@wien")
        clock.advance(days: 29)
        let retention = InquiryRetention(desk: desk, clock: ContinuousClock(), logger: .init(label: "test"))
        #expect(await retention.sweep() == 0)
        clock.advance(days: 2)
        #expect(await retention.sweep() == 1)
        #expect(try await desk.store.inquiry(id: other.id) == nil)
        #expect(try await desk.store.inquiry(id: open.id) != nil)
        // Reopened before the period ends: kept.
        _ = try await desk.record(open.id, state: .closed, note: nil, operatorName: "anna@wien")
        clock.advance(days: 10)
        _ = try await desk.record(open.id, state: .inContact, note: "they called back", operatorName: "anna@wien")
        clock.advance(days: 100)
        #expect(await retention.sweep() == 0)
    }

    @Test func referralBetweenTwoLiveNodesAndForgeriesRefused() async throws {
        let (members, _) = try await FederationLiveTests.makeMembers()
        // members: AT12, AT13, HU22 (regional), mirror. AT13 refers to AT12.
        let receiver = try Self.desk(for: members[0].node)
        try await buildApplication(node: members[0].node, port: 0, editors: Self.editors, inquiries: receiver).test(
            .live
        ) { client in
            let port = try #require(client.port)
            let receiverPeer = Peer(name: "AT12", url: "http://127.0.0.1:\(port)", authorID: members[0].key?.authorID)
            let sender = try Self.desk(for: members[1].node, peers: [receiverPeer])
            let draft = try JSONDecoder().decode(InquiryDraft.self, from: Data(Self.validJSON.utf8))
            let inquiry = try #require(
                try await sender.submit(
                    draft, channel: .form, consentStatement: "Ja, auch an Partnerregionen", client: "x"))

            // Through the sender's operator API: refer to the partner of region AT12.
            try await buildApplication(node: members[1].node, editors: Self.editors, inquiries: sender).test(.router) {
                senderClient in
                let (status, referred, _) = try await post(
                    senderClient, "/v1/inquiries/\(inquiry.id)/refer",
                    #"{"to": "AT12", "note": "Holzwerkstatt in NÖ?"}"#)
                #expect(status == .ok, "\(referred)")
                #expect((referred["referrals"] as? [[String: Any]])?.first?["toName"] as? String == "AT12")
                let (unknown, problem, _) = try await post(
                    senderClient, "/v1/inquiries/\(inquiry.id)/refer", #"{"to": "AT34"}"#)
                #expect(unknown == .unprocessableContent)
                #expect((problem["detail"] as? String)?.contains("AT34") == true)
            }
            let received = try await receiver.list(state: nil)
            #expect(received.count == 1)
            let arrived = try #require(received.first)
            #expect(arrived.source.channel == .referral)
            #expect(arrived.source.fromAuthor == members[1].key?.authorID.rawValue)
            #expect(arrived.source.originalID == inquiry.id)
            #expect(arrived.consent == inquiry.consent, "consent is carried")
            #expect(arrived.submission == inquiry.submission)
            #expect(arrived.history.first?.note == "Holzwerkstatt in NÖ?")

            // Forgeries, posted straight to the receiver.
            let url = "http://127.0.0.1:\(port)/v1/referrals"
            func send(_ referral: SignedReferral) async throws -> (Int, String) {
                var request = HTTPClientRequest(url: url)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(referral)))
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
                let body = try await response.body.collect(upTo: 1 << 20)
                return (Int(response.status.code), String(buffer: body))
            }
            let base = ReferralMessage(
                referral: UUID().uuidString, inquiry: "x", from: members[1].key?.authorID.rawValue ?? "",
                fromName: "AT13", to: members[0].key?.authorID.rawValue ?? "", sentAt: 1_795_737_600_000,
                operatorName: "mallory", note: nil, submission: inquiry.submission, receivedAt: 0,
                consent: inquiry.consent)
            // Signed by a key nobody trusts, claiming to be AT13.
            let forged = try SignedReferral.sign(base, key: NodeKey())
            #expect(try await send(forged).0 == 403)
            // From an untrusted author altogether.
            let stranger = NodeKey()
            var strangers = base
            strangers.from = stranger.authorID.rawValue
            #expect(try await send(try SignedReferral.sign(strangers, key: stranger)).0 == 403)
            // AT13's real signature, but the payload changed on the way.
            let genuine = try SignedReferral.sign(base, key: try #require(members[1].key))
            var tampered = genuine
            tampered.payload = Data(
                String(decoding: genuine.payload, as: UTF8.self).replacingOccurrences(of: "mallory", with: "malloryy")
                    .utf8)
            #expect(try await send(tampered).0 == 403)
            // Genuine, but meant for another node.
            var elsewhere = base
            elsewhere.to = members[2].key?.authorID.rawValue ?? ""
            #expect(try await send(try SignedReferral.sign(elsewhere, key: try #require(members[1].key))).0 == 422)
            // Genuine and addressed here: taken, once.
            #expect(try await send(genuine).0 == 201)
            #expect(try await send(genuine).0 == 200)
            #expect(try await receiver.list(state: nil).count == 2)
        }
    }

    @Test func aMirrorHoldsAndShowsNoInquiry() async throws {
        let (members, _) = try await FederationLiveTests.makeMembers()
        let regional = members[1].node
        let desk = try Self.desk(for: regional)
        let draft = try JSONDecoder().decode(InquiryDraft.self, from: Data(Self.validJSON.utf8))
        _ = try await desk.submit(draft, channel: .form, consentStatement: "Ja", client: "x")
        try await FederationLiveTests.serve(members[1...1]) { ports in
            let peer = Peer(name: "AT13", url: "http://127.0.0.1:\(ports[0])", authorID: members[1].key?.authorID)
            let replicator = Replicator(
                node: members[3].node, peers: [peer], client: HTTPPeerClient(), clock: ContinuousClock())
            _ = try await replicator.sync(with: peer)
        }
        let mirror = members[3].node
        #expect(try await mirror.store.digest() == regional.store.digest())
        try await buildApplication(node: mirror, editors: Self.editors).test(.router) { client in
            for endpoint in Endpoint.allCases
            where endpoint.path.contains("inquir") || endpoint.path.contains("referral")
                || endpoint.path.contains("personal-data")
            {
                let uri = endpoint.path.replacingOccurrences(of: ":id", with: "x")
                try await client.execute(
                    uri: uri, method: endpoint.method, headers: Self.authorized, body: ByteBuffer(string: "{}")
                ) { response in
                    #expect(response.status == .notFound, "\(endpoint.method) \(uri)")
                    #expect(String(buffer: response.body).contains("no-inquiries"), "\(uri)")
                }
            }
            // Nothing of the inquiry in what the mirror serves.
            var pages = [
                "/", "/search?q=Holzspielzeug", "/feed.atom", "/sitemap.xml", "/federation", "/v1/entries?q=Holz",
            ]
            pages.append("/v1/node")
            for page in pages {
                let body = try await client.execute(uri: page, method: .get) { String(buffer: $0.body) }
                #expect(!body.contains("Berger") && !body.contains("anna.berger"), "\(page)")
            }
            let pulled = try await client.execute(
                uri: "/v1/sync/pull", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"have": {}}"#)
            ) { String(buffer: $0.body) }
            #expect(!pulled.isEmpty && !pulled.contains("anna"))
        }
        // And the mirror's database has no table for inquiries at all (the inquiry store makes
        // its own, and a mirror never opens one).
        let mirrorStore = try #require(mirror.store as? SQLiteChangeStore)
        let tables = try await mirrorStore.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name LIKE '%nquiry%'")
        }
        #expect(tables.isEmpty, "\(tables)")
    }
}
