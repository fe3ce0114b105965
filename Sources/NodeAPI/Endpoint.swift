package import HTTPTypes

/// Every endpoint the node serves, in one list: the controllers register exactly these (an
/// exhaustive switch per controller), and a test checks `/openapi.json` against them.
package enum Endpoint: String, CaseIterable, Sendable {
    case health, metrics, openAPI, node, heads, pull, push, changeAt, forks, pushForks, entries, entry, publish, retract
    case federation, offerFederation, memberCard, feed
    case submitInquiry, inquiries, inquiry, inquiryStatus, referInquiry, cooperationDraft, receiveReferral
    case exportPersonalData, erasePersonalData
    case uploadPicture, picture

    package var method: HTTPRequest.Method {
        switch self {
        case .pull, .push, .pushForks, .offerFederation, .publish, .retract, .submitInquiry, .inquiryStatus,
            .referInquiry,
            .receiveReferral,
            .exportPersonalData, .erasePersonalData, .uploadPicture:
            .post
        default: .get
        }
    }

    /// The path as Hummingbird routes it (`:name` parameters).
    package var path: String {
        switch self {
        case .health: "/healthz"
        case .metrics: "/metrics"
        case .openAPI: "/openapi.json"
        case .node: "/v1/node"
        case .heads: "/v1/sync/heads"
        case .pull: "/v1/sync/pull"
        case .push: "/v1/sync/push"
        case .changeAt: "/v1/sync/changes/:author/:seq"
        case .forks, .pushForks: "/v1/sync/forks"
        case .federation, .offerFederation: "/v1/federation"
        case .memberCard: "/v1/federation/card"
        case .feed: "/v1/sync/feed"
        case .entries: "/v1/entries"
        case .entry: "/v1/entries/:kind/:id"
        case .publish: "/v1/publish"
        case .retract: "/v1/retract"
        case .submitInquiry, .inquiries: "/v1/inquiries"
        case .inquiry: "/v1/inquiries/:id"
        case .inquiryStatus: "/v1/inquiries/:id/status"
        case .referInquiry: "/v1/inquiries/:id/refer"
        case .cooperationDraft: "/v1/inquiries/:id/cooperation-draft"
        case .receiveReferral: "/v1/referrals"
        case .exportPersonalData: "/v1/personal-data/export"
        case .erasePersonalData: "/v1/personal-data/erase"
        case .uploadPicture: "/v1/pictures"
        case .picture: "/v1/pictures/:sha256"
        }
    }

    /// The path as OpenAPI writes it (`{name}` parameters).
    package var openAPIPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map {
            $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0)
        }.joined(separator: "/")
    }
}

extension Endpoint {
    /// Whether `path` (without query) is this endpoint's path, parameters matching any segment.
    package func matches(_ path: String) -> Bool {
        let pattern = self.path.split(separator: "/")
        let segments = path.split(separator: "/")
        guard pattern.count == segments.count else { return false }
        return zip(pattern, segments).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
    }
}
