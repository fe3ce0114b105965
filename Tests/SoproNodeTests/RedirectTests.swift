import Foundation
import Hummingbird
import HummingbirdTesting
import SyncProtocol
import Synchronization
import Testing

@testable import Brokerage
@testable import CatalogueStore
@testable import Replication
@testable import SoproNode

/// Nodes never follow a redirect from a peer. Measured before: a peer answering 307 made the
/// node re-send a signed referral (name, e-mail, phone) to the address it named, and the
/// operator saw "referred"; sync requests followed too.
@Suite struct RedirectTests {
    final class Calls: Sendable {
        let count = Mutex(0)
    }

    /// A server that records every request, and one that redirects everything to it.
    static func withRedirectingPeer(_ body: @escaping @Sendable (Peer, Calls) async throws -> Void) async throws {
        let calls = Calls()
        let target = Router()
        target.post("/v1/referrals") { _, _ in
            calls.count.withLock { $0 += 1 }
            return Response(status: .created)
        }
        target.get("/v1/sync/heads") { _, _ in
            calls.count.withLock { $0 += 1 }
            return "{}"
        }
        try await Application(router: target, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            .test(.live) { targetClient in
                let targetPort = try #require(targetClient.port)
                let redirecting = Router()
                for path in ["/v1/referrals", "/v1/sync/heads"] {
                    let answer: @Sendable (Request, BasicRequestContext) async throws -> Response = { _, _ in
                        Response(
                            status: .temporaryRedirect,
                            headers: [.location: "http://127.0.0.1:\(targetPort)\(path)"])
                    }
                    redirecting.post(RouterPath(path), use: answer)
                    redirecting.get(RouterPath(path), use: answer)
                }
                try await Application(
                    router: redirecting, configuration: .init(address: .hostname("127.0.0.1", port: 0))
                ).test(.live) { client in
                    let port = try #require(client.port)
                    try await body(Peer(name: "redirecting-peer", url: "http://127.0.0.1:\(port)"), calls)
                }
            }
    }

    @Test func aReferralIsNotSentOnWhereAPeerRedirects() async throws {
        try await Self.withRedirectingPeer { peer, calls in
            let referral = SignedReferral(payload: Data("{}".utf8), signature: Data(count: 64))
            let error = await #expect(throws: InquiryError.self) {
                try await HTTPReferralTransport().deliver(referral, to: peer)
            }
            let text = error.map { "\($0)" } ?? ""
            #expect(text.contains("redirecting-peer"), "\(text)")
            #expect(text.contains("the peer answered 307"), "\(text)")
            #expect(text.contains("redirects are not followed"), "\(text)")
            #expect(calls.count.withLock { $0 } == 0, "the redirect's target was not called")
        }
    }

    @Test func syncDoesNotFollowARedirect() async throws {
        try await Self.withRedirectingPeer { peer, calls in
            await #expect(throws: (any Error).self) { try await HTTPPeerClient().heads(of: peer) }
            #expect(calls.count.withLock { $0 } == 0, "the redirect's target was not called")
        }
    }
}
