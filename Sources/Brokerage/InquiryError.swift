/// Why the inquiry desk refused something, said so the caller can act on it. The HTTP layer
/// maps it to a problem; the command line prints the message.
package struct InquiryError: Error, Hashable, Sendable, CustomStringConvertible {
    package enum Kind: Hashable, Sendable {
        case notFound(String)
        case rateLimited(retryAfterSeconds: Int)
        case untrustedSender(String)
        case badSignature
        case notAddressedHere(String)
        case stale
        case malformedReferral(String)
        case noConsentForReferral
        case unknownRegion(String)
        case noPeerAddress(String)
        case referralFailed(peer: String, detail: String)
        case readOnly
        case erased(String)
    }

    package let kind: Kind

    package init(_ kind: Kind) { self.kind = kind }

    package static func notFound(_ id: String) -> InquiryError { .init(.notFound(id)) }

    package var isNotFound: Bool {
        if case .notFound = kind { true } else { false }
    }

    package var description: String {
        switch kind {
        case .notFound(let id): "there is no inquiry \(id) at this node"
        case .rateLimited(let seconds):
            "too many inquiries from this address; try again in \(seconds) seconds"
        case .untrustedSender(let author): "the referral comes from \(author), which this node does not trust"
        case .badSignature: "the referral's signature does not verify with the sender's key"
        case .notAddressedHere(let author): "the referral is addressed to \(author), not to this node"
        case .stale: "the referral's time is too far from this node's clock"
        case .malformedReferral(let detail): "the referral cannot be read: \(detail)"
        case .noConsentForReferral:
            "the asker did not consent to their inquiry being passed to partner regions"
        case .unknownRegion(let region):
            "no trusted partner node for \(region); name a region or author id from trustedAuthors"
        case .noPeerAddress(let name):
            "this node has no address for \(name); add it as a peer with its author id (sopro-node peers add)"
        case .referralFailed(let peer, let detail): "\(peer) did not take the referral: \(detail)"
        case .readOnly: "a mirror takes no inquiries; they go to a regional node"
        case .erased(let id):
            "the inquiry of referral \(id) was erased at this node; a referral sent again is not stored"
        }
    }
}
