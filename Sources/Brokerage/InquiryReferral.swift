package import CatalogueStore
package import DirectoryModel
package import Foundation
package import SyncProtocol

/// What a node sends a partner region's node when it refers an inquiry to it: the inquiry, the
/// consent carried with it, who refers it to whom and when. Encoded once as JSON by the sender
/// and signed by its node key in the `sopro/referral/v1` context; the receiver checks the
/// signature over exactly the bytes that arrived before it reads them as a referral.
package struct ReferralMessage: Hashable, Sendable, Codable {
    /// The referral's own id (a UUID): the receiving node stores the inquiry under it, so a
    /// referral sent twice is stored once.
    package var referral: String
    /// The inquiry's id at the sending node.
    package var inquiry: String
    /// The sending node's author id and name.
    package var from: String
    package var fromName: String
    /// The receiving node's author id.
    package var to: String
    /// When it was sent (ms since 1970, the sender's clock).
    package var sentAt: Int64
    /// The operator who referred it, and their note for the partner region.
    package var operatorName: String
    package var note: String?
    package var submission: InquirySubmission
    /// When the inquiry first arrived (ms), and the asker's consent.
    package var receivedAt: Int64
    package var consent: Inquiry.Consent
}

/// A referral on the wire: `{"payload": base64 JSON bytes, "signature": base64 Ed25519}`.
package struct SignedReferral: Hashable, Sendable, Codable {
    package var payload: Data
    package var signature: Data

    package static let context = SignatureContext(name: "sopro/referral/v1")
    /// The largest payload a node reads (an inquiry is a few KiB at most).
    package static let maximumPayloadBytes = 64 * 1024

    package init(payload: Data, signature: Data) {
        self.payload = payload
        self.signature = signature
    }

    /// Encodes `message` and signs the bytes with `key`.
    package static func sign(_ message: ReferralMessage, key: NodeKey) throws -> SignedReferral {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let payload = try encoder.encode(message)
        return SignedReferral(payload: payload, signature: try key.signature(for: payload, context: context))
    }

    /// Reads the payload and checks it: sent by a trusted author (not this node), signed by
    /// that author's key over these exact bytes, addressed to `recipient`, stamped within
    /// `maximumAge` before and `maximumSkew` after `now`.
    package func verified(
        recipient: AuthorID, roster: AuthorRoster, now: Int64, maximumSkew: Int64, maximumAge: Int64
    ) throws -> ReferralMessage {
        guard payload.count <= Self.maximumPayloadBytes else {
            throw InquiryError(.malformedReferral("the payload exceeds \(Self.maximumPayloadBytes) bytes"))
        }
        // Strictly first: JSONDecoder takes a member given twice (the last one wins), so the
        // signed bytes could be read differently by another reader.
        do {
            _ = try StrictJSONParser().parse(payload)
        } catch {
            throw InquiryError(.malformedReferral("the payload is not strict JSON: \(error)"))
        }
        let message: ReferralMessage
        do {
            message = try JSONDecoder().decode(ReferralMessage.self, from: payload)
        } catch let error as DecodingError {
            throw InquiryError(.malformedReferral(error.describedWithPath(root: "the payload")))
        } catch {
            throw InquiryError(.malformedReferral("\(error)"))
        }
        guard let sender = try? AuthorID(parsing: message.from), sender != recipient, roster.contains(sender) else {
            throw InquiryError(.untrustedSender(message.from))
        }
        guard let publicKey = try? sender.publicKey,
            Self.context.isValid(signature: signature, of: payload, by: publicKey)
        else { throw InquiryError(.badSignature) }
        guard message.to == recipient.rawValue else { throw InquiryError(.notAddressedHere(message.to)) }
        guard message.sentAt <= now + maximumSkew, message.sentAt >= now - maximumAge else {
            throw InquiryError(.stale)
        }
        guard message.consent.referral else { throw InquiryError(.noConsentForReferral) }
        return message
    }
}

/// How a referral gets to the partner node; HTTP in production, a stub in tests.
package protocol ReferralTransport: Sendable {
    /// Delivers `referral` to the node at `peer`; throws when it was not accepted.
    func deliver(_ referral: SignedReferral, to peer: Peer) async throws
}
