import DirectoryModel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import SyncProtocol
import Testing

@testable import Brokerage
@testable import NodeServer
@testable import SoproNode

/// A referral sent again after its inquiry was erased is not stored, and a referral's payload
/// is read strictly. Measured before: send 201, replay 200, erase, replay 201 (the person's
/// data was back); a payload with a member given twice was taken (the last one won).
@Suite struct ReferralReplayTests {
    static func message(
        from sender: NodeKey, to receiver: NodeKey, submission: InquirySubmission, consent: Inquiry.Consent
    )
        -> ReferralMessage
    {
        ReferralMessage(
            referral: UUID().uuidString, inquiry: "x", from: sender.authorID.rawValue, fromName: "AT13",
            to: receiver.authorID.rawValue, sentAt: 1_795_737_600_000, operatorName: "anna", note: nil,
            submission: submission, receivedAt: 0, consent: consent)
    }

    func post(_ client: some TestClientProtocol, _ referral: SignedReferral) async throws -> (Int, String) {
        try await client.execute(
            uri: "/v1/referrals", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(data: try JSONEncoder().encode(referral))
        ) { (Int($0.status.code), String(buffer: $0.body)) }
    }

    @Test func aReplayedReferralDoesNotBringErasedDataBack() async throws {
        let (members, _) = try await FederationLiveTests.makeMembers()
        let receiverKey = try #require(members[0].key)
        let senderKey = try #require(members[1].key)
        let receiver = try InquiryTests.desk(for: members[0].node)
        let sender = try InquiryTests.desk(for: members[1].node)
        let draft = try JSONDecoder().decode(InquiryDraft.self, from: Data(InquiryTests.validJSON.utf8))
        let inquiry = try #require(
            try await sender.submit(draft, channel: .form, consentStatement: "Ja, auch an Partnerregionen", client: "x")
        )
        let referral = try SignedReferral.sign(
            Self.message(from: senderKey, to: receiverKey, submission: inquiry.submission, consent: inquiry.consent),
            key: senderKey)
        try await buildApplication(node: members[0].node, inquiries: receiver).test(.router) { client in
            #expect(try await post(client, referral).0 == 201)
            #expect(try await post(client, referral).0 == 200)
            let email = try EmailAddress(parsing: "anna.berger@example.org")
            #expect(try await receiver.erase(email: email) == 1)
            let (status, body) = try await post(client, referral)
            #expect(status == 410, "\(body)")
            #expect(body.contains("erased"), "\(body)")
            #expect(try await receiver.list(state: nil).isEmpty, "nothing was stored again")
            #expect(try await receiver.store.inquiries(email: email).isEmpty)
        }
    }

    @Test func aPayloadWithADuplicateMemberIsRefused() async throws {
        let (members, _) = try await FederationLiveTests.makeMembers()
        let receiverKey = try #require(members[0].key)
        let senderKey = try #require(members[1].key)
        let receiver = try InquiryTests.desk(for: members[0].node)
        let draft = try JSONDecoder().decode(InquiryDraft.self, from: Data(InquiryTests.validJSON.utf8))
        let sender = try InquiryTests.desk(for: members[1].node)
        let inquiry = try #require(
            try await sender.submit(draft, channel: .form, consentStatement: "Ja, auch an Partnerregionen", client: "x")
        )
        let genuine = try SignedReferral.sign(
            Self.message(from: senderKey, to: receiverKey, submission: inquiry.submission, consent: inquiry.consent),
            key: senderKey)
        // The same member twice: a lenient reader takes the last, another reader the first.
        let text = String(decoding: genuine.payload, as: UTF8.self)
        let doubled = Data(
            text.replacingOccurrences(
                of: #""operatorName":"anna""#, with: #""operatorName":"anna","operatorName":"mallory""#
            ).utf8)
        #expect(doubled != genuine.payload)
        let referral = SignedReferral(
            payload: doubled, signature: try senderKey.signature(for: doubled, context: SignedReferral.context))
        try await buildApplication(node: members[0].node, inquiries: receiver).test(.router) { client in
            let (status, body) = try await post(client, referral)
            #expect(status == 422, "\(body)")
            #expect(body.contains("malformed-referral") && body.contains("duplicate"), "\(body)")
            #expect(try await receiver.list(state: nil).isEmpty)
        }
    }
}
