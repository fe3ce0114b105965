package import AsyncHTTPClient
package import Brokerage
package import CatalogueStore
import Foundation
package import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NodeAPI
import NodeClient
import Replication

/// Sends referrals with `POST {peer}/v1/referrals`, on the node's shared HTTP client, which
/// follows no redirect: a 3xx is a failure naming the peer and the status.
package struct HTTPReferralTransport: ReferralTransport {
    let client: HTTPClient
    let timeout: TimeAmount

    package init(client: HTTPClient = .sopro, timeout: TimeAmount = .seconds(20)) {
        self.client = client
        self.timeout = timeout
    }

    package func deliver(_ referral: SignedReferral, to peer: Peer) async throws {
        var request = HTTPClientRequest(url: peer.url + Endpoint.receiveReferral.path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(referral)))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: timeout)
        } catch {
            throw InquiryError(.referralFailed(peer: peer.name, detail: "\(error)"))
        }
        if (300..<400).contains(Int(response.status.code)) {
            throw InquiryError(
                .referralFailed(
                    peer: peer.name,
                    detail:
                        "the peer answered \(response.status.code) (to \(response.headers.first(name: "Location")?.prefix(200) ?? "nowhere")); redirects are not followed"
                ))
        }
        let body = try? await response.body.collect(upTo: 1 << 20)
        guard (200..<300).contains(Int(response.status.code)) else {
            struct Problem: Decodable { var detail: String? }
            let detail = body.flatMap { try? JSONDecoder().decode(Problem.self, from: Data(buffer: $0)).detail }
            throw InquiryError(
                .referralFailed(peer: peer.name, detail: "answered \(response.status.code) \(detail ?? "")"))
        }
    }
}
