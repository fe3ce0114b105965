import AsyncHTTPClient
import Brokerage
import CatalogueStore
import Foundation
import GRDB
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import SyncProtocol
import Testing

@testable import NodeServer
@testable import SoproNode
@testable import Workspace

/// Signing in to the workspace through the real HTTP server: the session cookie and what it
/// promises, wrong passwords and the lock, the form tokens, expiry, and accounts that belong
/// to one node only.
@Suite(.tags(.live)) struct WorkspaceSignInTests {
    /// A regional node with its accounts.
    struct Served {
        let accounts: EditorAccounts
        let clock: EditorAccountsTests.TestClock
        let node: CatalogueNode
        let desk: InquiryDesk

        /// Serves the node on a port of its own as `sopro-node serve` does, for `body`'s browser.
        /// Not HummingbirdTesting's live framework: its client gives up after 20 s, and in the
        /// whole suite's first minute (every suite starting at once on two cores) a request
        /// waited longer than that.
        func serve(_ body: (inout Browser) async throws -> Void) async throws {
            let (ports, portSent) = AsyncStream<Int>.makeStream()
            let app = buildApplication(
                node: node, port: 0, inquiries: desk, accounts: accounts, logger: Logger(label: "test"),
                onServerRunning: { portSent.yield($0.localAddress?.port ?? 0) })
            let client = HTTPClient(
                eventLoopGroupProvider: .singleton,
                configuration: .init(
                    redirectConfiguration: .disallow, timeout: .init(connect: .seconds(30), read: .seconds(60))))
            try await withThrowingTaskGroup(of: Void.self) { group in
                let services = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "test")))
                group.addTask { try await services.run() }
                var next = ports.makeAsyncIterator()
                let port = try #require(await next.next())
                var browser = Browser(client: client, base: "http://127.0.0.1:\(port)")
                do { try await body(&browser) } catch { Issue.record(error) }
                await services.triggerGracefulShutdown()
                try await group.waitForAll()
            }
            try await client.shutdown()
        }
    }

    static func served(region: String = "AT12") async throws -> Served {
        let key = NodeKey()
        let store = try SQLiteChangeStore.inMemory()
        let node = try await CatalogueNode(
            store: store,
            acceptance: ChangeAcceptance(
                roster: AuthorRoster([TrustedAuthor(id: key.authorID, region: region, name: region)]),
                schema: CatalogueSchema.fieldSchema),
            mode: .regional(key: key, region: region), name: region)
        let clock = EditorAccountsTests.TestClock()
        let accounts = try EditorAccounts(
            store: SQLiteAccountStore(sharing: store), policy: EditorAccountsTests.policy, now: clock.now)
        return Served(accounts: accounts, clock: clock, node: node, desk: try InquiryTests.desk(for: node))
    }

    /// A browser's cookie jar and the forms it sends.
    struct Browser {
        let client: HTTPClient
        let base: String
        var cookies: [String: String] = [:]
        var lastSetCookies: [String] = []

        mutating func get(_ uri: String) async throws -> (status: HTTPResponseStatus, body: String, location: String?) {
            try await send(uri, method: .GET)
        }

        mutating func post(
            _ uri: String, _ form: [(String, String)], origin: String? = nil
        ) async throws -> (
            status: HTTPResponseStatus, body: String, location: String?
        ) {
            let body = form.map {
                "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            }.joined(separator: "&")
            return try await send(uri, method: .POST, body: body, origin: origin)
        }

        private mutating func send(
            _ uri: String, method: HTTPMethod, body: String? = nil, origin: String? = nil
        ) async throws -> (status: HTTPResponseStatus, body: String, location: String?) {
            var request = HTTPClientRequest(url: base + uri)
            request.method = method
            if !cookies.isEmpty {
                request.headers.add(
                    name: "Cookie", value: cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; "))
            }
            if let body {
                request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
                request.body = .bytes(ByteBuffer(string: body))
            }
            if let origin { request.headers.add(name: "Origin", value: origin) }
            let response = try await client.execute(request, timeout: .seconds(60))
            let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
            lastSetCookies = response.headers["Set-Cookie"]
            for field in lastSetCookies {
                let pair = field.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
                let name = String(pair[0])
                let value = pair.count > 1 ? String(pair[1]) : ""
                if value.isEmpty || field.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
            }
            return (response.status, text, response.headers.first(name: "Location"))
        }

        /// A form's hidden value, from the page.
        static func formValue(_ name: String, in page: String) -> String? {
            guard let range = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
            return String(page[range.upperBound...].prefix { $0 != "\"" })
        }

        mutating func signIn(
            _ email: String, _ password: String, origin: String? = nil
        ) async throws -> (
            status: HTTPResponseStatus, body: String, location: String?
        ) {
            let form = try await get("/workspace/sign-in")
            let token = try #require(Self.formValue("signin", in: form.body))
            return try await post(
                "/workspace/sign-in", [("signin", token), ("email", email), ("password", password)], origin: origin)
        }
    }

    @Test func anEditorSignsInAndOutWithASessionCookie() async throws {
        let served = try await Self.served()
        let (_, password) = try await served.accounts.add(
            name: "Eva Berger", email: "eva@noe.example.at", role: .editor)
        try await served.serve { browser in
            // Not signed in: to the sign-in form.
            let before = try await browser.get("/workspace")
            #expect(before.status == .seeOther && before.location?.hasPrefix("/workspace/sign-in") == true)
            let signedIn = try await browser.signIn("Eva@NOE.example.at", password)
            #expect(signedIn.status == .seeOther && signedIn.location?.hasPrefix("/workspace") == true)
            let session = try #require(browser.lastSetCookies.first { $0.hasPrefix("sopro_session=") })
            for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
                #expect(session.contains(attribute), "\(session)")
            }
            let home = try await browser.get("/workspace")
            #expect(home.status == .ok)
            #expect(home.body.contains("Eva Berger"))
            #expect(!home.body.contains("/operator/inquiries"))  // an editor, not an operator
            let csrf = try #require(Browser.formValue("csrf", in: home.body))
            // Signing out needs the form token, from this site.
            let answer1 = try await browser.post("/workspace/sign-out", [])
            #expect(answer1.status == .forbidden)
            let answer2 = try await browser.post(
                "/workspace/sign-out", [("csrf", (csrf.hasPrefix("0") ? "1" : "0") + csrf.dropFirst())])
            #expect(answer2.status == .forbidden)
            #expect(
                try await browser.post("/workspace/sign-out", [("csrf", csrf)], origin: "https://evil.example").status
                    == .forbidden)
            let answer3 = try await browser.get("/workspace")
            #expect(answer3.status == .ok)
            let out = try await browser.post("/workspace/sign-out", [("csrf", csrf)])
            #expect(out.status == .seeOther)
            #expect(browser.cookies["sopro_session"] == nil)
            // The old cookie signs nobody in any more.
            browser.cookies["sopro_session"] = try #require(session.split(separator: ";")[0].split(separator: "=").last)
                .description
            let answer4 = try await browser.get("/workspace")
            #expect(answer4.status == .seeOther)
        }
    }

    @Test func wrongPasswordsAreRefusedAndTheFifthLocksTheAccount() async throws {
        let served = try await Self.served()
        let (_, password) = try await served.accounts.add(name: "Eva", email: "eva@noe.example.at", role: .operator)
        try await served.serve { browser in
            for attempt in 1...4 {
                let refused = try await browser.signIn("eva@noe.example.at", "wrong password \(attempt)")
                #expect(refused.status == .unauthorized)
                #expect(
                    refused.body.contains("The e-mail address or the password is wrong")
                        || refused.body.contains("falsch"))
                #expect(browser.cookies["sopro_session"] == nil)
            }
            let locked = try await browser.signIn("eva@noe.example.at", "wrong password 5")
            #expect(locked.status == .tooManyRequests)
            // Locked: the right password too, until the lock ends.
            let answer5 = try await browser.signIn("eva@noe.example.at", password)
            #expect(answer5.status == .tooManyRequests)
            served.clock.advance(minutes: 16)
            let signedIn = try await browser.signIn("eva@noe.example.at", password)
            #expect(signedIn.status == .seeOther)
            // An operator's workspace links the inquiries.
            let answer6 = try await browser.get("/workspace")
            #expect(answer6.body.contains("/operator/inquiries"))
        }
    }

    @Test func signInFormsFromElsewhereAndFloodsAreRefused() async throws {
        let served = try await Self.served()
        let (_, password) = try await served.accounts.add(name: "Eva", email: "eva@noe.example.at", role: .editor)
        try await served.serve { browser in
            // Without the form's token and its cookie, or from another site: refused, no session.
            let bare = try await browser.post(
                "/workspace/sign-in", [("email", "eva@noe.example.at"), ("password", password)])
            #expect(bare.status == .forbidden)
            let elsewhere = try await browser.signIn("eva@noe.example.at", password, origin: "https://evil.example")
            #expect(elsewhere.status == .forbidden)
            #expect(browser.cookies["sopro_session"] == nil)
            // Ten failures from one address (unknown accounts too), then no more tries from it.
            for index in 1...10 {
                let answer7 = try await browser.signIn("guess\(index)@example.at", "guessing \(index)")
                #expect(answer7.status == .unauthorized)
            }
            let answer8 = try await browser.signIn("eva@noe.example.at", password)
            #expect(answer8.status == .tooManyRequests)
        }
    }

    @Test func aSessionExpiresWhenIdle() async throws {
        let served = try await Self.served()
        let (_, password) = try await served.accounts.add(name: "Eva", email: "eva@noe.example.at", role: .editor)
        try await served.serve { browser in
            let answer9 = try await browser.signIn("eva@noe.example.at", password)
            #expect(answer9.status == .seeOther)
            served.clock.advance(minutes: 90)
            let answer10 = try await browser.get("/workspace")
            #expect(answer10.status == .ok)
            served.clock.advance(minutes: 121)
            let answer11 = try await browser.get("/workspace")
            #expect(answer11.status == .seeOther)
        }
    }

    @Test func anEditorOfOneNodeCannotSignInAtAnother() async throws {
        let vienna = try await Self.served(region: "AT13")
        let lowerAustria = try await Self.served(region: "AT12")
        let (_, password) = try await vienna.accounts.add(name: "Eva", email: "eva@wien.example.at", role: .editor)
        try await lowerAustria.serve { browser in
            let answer12 = try await browser.signIn("eva@wien.example.at", password)
            #expect(answer12.status == .unauthorized)
        }
        try await vienna.serve { browser in
            let answer13 = try await browser.signIn("eva@wien.example.at", password)
            #expect(answer13.status == .seeOther)
        }
    }

    @Test func anOperatorsSessionOpensTheInquiryDeskAndItsFormsCarryTheToken() async throws {
        let served = try await Self.served()
        let (_, operatorPassword) = try await served.accounts.add(
            name: "Olga Kovács", email: "olga@example.hu", role: .operator)
        let (_, editorPassword) = try await served.accounts.add(name: "Eva", email: "eva@example.at", role: .editor)
        try await served.serve { browser in
            let sent = try await browser.post("/inquiry", WebInquiryTests.valid)
            #expect(sent.status == .ok || sent.status == .seeOther, "\(sent.status)")
            // Signed in as an editor: not the inquiry desk.
            _ = try await browser.signIn("eva@example.at", editorPassword)
            let asEditor = try await browser.get("/operator/inquiries")
            #expect(asEditor.status == .unauthorized)
            #expect(asEditor.body.contains("/workspace/sign-in"))
            browser.cookies = [:]
            _ = try await browser.signIn("olga@example.hu", operatorPassword)
            let list = try await browser.get("/operator/inquiries")
            #expect(list.status == .ok)
            let link = try #require(list.body.range(of: "href=\"/operator/inquiries/"))
            let id = String(list.body[link.upperBound...].prefix { $0 != "?" && $0 != "\"" })
            let page = try await browser.get("/operator/inquiries/\(id)")
            let csrf = try #require(Browser.formValue("csrf", in: page.body))
            let before = try await served.desk.inquiry(id).history.count
            // A state change without the session's form token is refused and changes nothing…
            let forged = try await browser.post(
                "/operator/inquiries/\(id)/status", [("state", "in-contact"), ("note", "forged")])
            #expect(forged.status == .forbidden)
            #expect(try await served.desk.inquiry(id).history.count == before)
            // …with it, it is recorded under the operator's name.
            let changed = try await browser.post(
                "/operator/inquiries/\(id)/status", [("csrf", csrf), ("state", "in-contact"), ("note", "Angerufen")])
            #expect(changed.status == .ok)
            let history = try await served.desk.inquiry(id).history
            #expect(history.count == before + 1)
            #expect(history.last?.operatorName == "Olga Kovács", "\(history)")
        }
    }
}
