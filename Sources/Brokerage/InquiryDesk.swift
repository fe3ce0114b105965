package import CatalogueStore
package import DirectoryModel
import Foundation
package import Logging
package import SyncProtocol

/// The brokerage desk of a regional node: takes inquiries in (its web form, the API, referrals
/// from trusted nodes), proposes matches from the whole catalogue, keeps each inquiry's state
/// and history, refers inquiries to partner regions, and answers requests about a person's
/// data. Inquiries never enter the signed catalogue, so mirrors never see them.
package struct InquiryDesk: Sendable {
    package let store: any InquiryStore
    let node: CatalogueNode
    let key: NodeKey
    /// Partner nodes by author id (from the configuration's peers).
    let peers: [Peer]
    let transport: any ReferralTransport
    let wallClock: WallClock
    let limiter: SubmissionRateLimiter
    /// Closed inquiries are erased this long after they were closed.
    package let retentionDays: Int
    let logger: Logger

    package init(
        store: any InquiryStore, node: CatalogueNode, peers: [Peer], transport: any ReferralTransport,
        wallClock: WallClock = .system, limiter: SubmissionRateLimiter = SubmissionRateLimiter(),
        retentionDays: Int = 365, logger: Logger = Logger(label: "sopro.inquiries")
    ) throws {
        guard case .regional(let key, _) = node.mode else { throw InquiryError(.readOnly) }
        self.store = store
        self.node = node
        self.key = key
        self.peers = peers
        self.transport = transport
        self.wallClock = wallClock
        self.limiter = limiter
        self.retentionDays = retentionDays
        self.logger = logger
    }

    /// A referral older than this is refused (a replay; the sender can send it again).
    static let maximumReferralAge: Int64 = 7 * 24 * 3600 * 1000

    /// Today at this node, `YYYY-MM-DD` (UTC).
    var today: String {
        Date(timeIntervalSince1970: Double(wallClock.milliseconds) / 1000).formatted(.iso8601.year().month().day())
    }

    // MARK: Taking inquiries in

    /// Checks and stores a submission from the form or the API. `consentStatement` is the text
    /// the asker agreed to. A filled-in honeypot field (invisible to people) is accepted
    /// silently and stored nowhere: a bot learns nothing.
    package func submit(
        _ draft: InquiryDraft, channel: Inquiry.Source.Channel, consentStatement: String, client: String,
        honeypot: String? = nil
    ) async throws -> Inquiry? {
        let now = wallClock.milliseconds
        if let retryAfter = limiter.admit(client, now: now) {
            throw InquiryError(.rateLimited(retryAfterSeconds: retryAfter))
        }
        let submission: InquirySubmission
        do {
            submission = try draft.validated(today: today).get()
        } catch {
            // A refused form does not use up the asker's allowance (it has its own bound).
            limiter.countAsRefused(client, at: now)
            throw error
        }
        if let honeypot, !honeypot.isEmpty {
            logger.info(
                "an inquiry with the honeypot field filled in was dropped", metadata: ["inquiry.client": "\(client)"])
            return nil
        }
        let inquiry = Inquiry(
            id: UUID().uuidString.lowercased(), submission: submission, receivedAt: now,
            source: .init(channel: channel), consent: .init(at: now, statement: consentStatement))
        _ = try await store.insert(inquiry)
        logger.debug("inquiry received", metadata: ["inquiry.id": "\(inquiry.id)", "inquiry.channel": "\(channel)"])
        return inquiry
    }

    /// Takes a referral from a partner node (see `SignedReferral.verified`); stores it under the
    /// referral's id, once. Returns the inquiry and whether it is new.
    package func receive(_ referral: SignedReferral) async throws -> (inquiry: Inquiry, isNew: Bool) {
        let now = wallClock.milliseconds
        let message = try referral.verified(
            recipient: key.authorID, roster: node.acceptance.roster, now: now,
            maximumSkew: node.acceptance.maximumSkewMilliseconds, maximumAge: Self.maximumReferralAge)
        // The receiving node applies its own limits to what it stores.
        _ = try message.submission.draft.validated(today: "0000-01-01").mapError {
            InquiryError(.malformedReferral($0.description))
        }.get()
        guard let id = UUID(uuidString: message.referral)?.uuidString.lowercased() else {
            throw InquiryError(.malformedReferral("referral: not a UUID"))
        }
        let inquiry = Inquiry(
            id: id, submission: message.submission, receivedAt: now,
            source: .init(
                channel: .referral, fromAuthor: message.from, fromName: message.fromName, referralID: id,
                originalID: message.inquiry),
            consent: message.consent,
            history: [.init(at: now, operatorName: "\(message.operatorName) (\(message.fromName))", note: message.note)]
        )
        // A referral replayed after its inquiry was erased is not stored again.
        guard try await !store.wasErased(id: id) else { throw InquiryError(.erased(id)) }
        let isNew = try await store.insert(inquiry)
        if isNew {
            logger.debug(
                "inquiry referred here", metadata: ["inquiry.id": "\(id)", "referral.from": "\(message.fromName)"])
        }
        guard let stored = try await store.inquiry(id: id) else { throw InquiryError(.erased(id)) }
        return (stored, isNew)
    }

    /// The partner regions an inquiry can be referred to: trusted authors other than this
    /// node that have a peer address.
    package var partners: [TrustedAuthor] {
        node.acceptance.roster.all.filter { author in
            author.id != key.authorID && peers.contains { $0.authorID == author.id }
        }
    }

    // MARK: Working on inquiries

    package func inquiry(_ id: String) async throws -> Inquiry {
        guard let inquiry = try await store.inquiry(id: id) else { throw InquiryError.notFound(id) }
        return inquiry
    }

    package func list(state: InquiryState?, limit: Int = 100) async throws -> [Inquiry] {
        try await store.list(state: state, limit: limit)
    }

    package func matches(for inquiry: Inquiry) async throws -> InquiryMatches {
        try await InquiryMatcher(store: node.store).matches(for: inquiry.submission)
    }

    /// Moves an inquiry to `state` and/or adds a note, as `operatorName`.
    package func record(_ id: String, state: InquiryState?, note: String?, operatorName: String) async throws -> Inquiry
    {
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        let event = Inquiry.Event(
            at: wallClock.milliseconds, operatorName: operatorName, state: state,
            note: note?.isEmpty == false ? String(note?.prefix(4000) ?? "") : nil)
        guard let inquiry = try await store.update(id: id, { $0.record(event) }) else {
            throw InquiryError.notFound(id)
        }
        return inquiry
    }

    /// Refers an inquiry to the partner node of `target` (a NUTS region or an author id from
    /// the trusted authors): signs it with this node's key and delivers it; records the referral
    /// once the partner has accepted it.
    package func refer(_ id: String, to target: String, note: String?, operatorName: String) async throws -> Inquiry {
        let inquiry = try await self.inquiry(id)
        guard inquiry.consent.referral else { throw InquiryError(.noConsentForReferral) }
        let roster = node.acceptance.roster
        guard
            let partner = roster.all.first(where: {
                ($0.id.rawValue == target || $0.region.caseInsensitiveCompare(target) == .orderedSame)
                    && $0.id != key.authorID
            })
        else { throw InquiryError(.unknownRegion(target)) }
        guard let peer = peers.first(where: { $0.authorID == partner.id }) else {
            throw InquiryError(.noPeerAddress("\(partner.name) (\(partner.region))"))
        }
        let now = wallClock.milliseconds
        let referralID = UUID().uuidString.lowercased()
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        let message = ReferralMessage(
            referral: referralID, inquiry: inquiry.id, from: key.authorID.rawValue, fromName: node.name,
            to: partner.id.rawValue, sentAt: now, operatorName: operatorName,
            note: note?.isEmpty == false ? note : nil, submission: inquiry.submission,
            receivedAt: inquiry.receivedAt, consent: inquiry.consent)
        try await transport.deliver(try SignedReferral.sign(message, key: key), to: peer)
        let referral = Inquiry.Referral(
            id: referralID, toAuthor: partner.id.rawValue, toName: partner.name, at: now, operatorName: operatorName,
            note: message.note)
        guard let updated = try await store.update(id: id, { $0.referrals.append(referral) }) else {
            throw InquiryError.notFound(id)
        }
        logger.debug("inquiry referred", metadata: ["inquiry.id": "\(id)", "referral.to": "\(partner.name)"])
        return updated
    }

    /// An inquiry as the draft of a cooperation entry file, naming `enterprises` (default: the
    /// best match) and `products`; without the asker's personal data.
    package func cooperationDraft(
        _ id: String, enterprises: [String] = [], products: [String] = []
    ) async throws
        -> String
    {
        let inquiry = try await self.inquiry(id)
        var enterprises = enterprises
        if enterprises.isEmpty, let best = try await matches(for: inquiry).enterprises.first {
            enterprises = [best.id]
        }
        return CooperationDraft.yaml(for: inquiry, enterprises: enterprises, products: products, today: today)
    }

    // MARK: Personal data

    package func export(email: EmailAddress) async throws -> [Inquiry] {
        try await store.inquiries(email: email)
    }

    package func erase(email: EmailAddress) async throws -> Int {
        let count = try await store.erase(email: email)
        // Erasures of personal data stay at `info`: the log is their only record.
        logger.info("inquiries erased on request", metadata: ["inquiry.count": "\(count)"])
        return count
    }

    /// Erases the inquiries closed longer ago than the retention period.
    package func eraseExpired() async throws -> Int {
        let cutoff = wallClock.milliseconds - Int64(retentionDays) * 24 * 3600 * 1000
        return try await store.eraseClosed(before: cutoff)
    }
}
