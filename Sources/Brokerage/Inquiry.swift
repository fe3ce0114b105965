package import DirectoryModel

/// An inquiry as a node keeps it: the submission, where it came from, the consent given, where
/// it stands, what operators did with it, and where it was referred. Personal data: it lives in
/// the receiving node's store (and the stores of nodes it is referred to), never in the signed
/// catalogue, and is erased on request or after the retention period once closed.
package struct Inquiry: Hashable, Sendable, Codable {
    /// How the inquiry reached this node.
    package struct Source: Hashable, Sendable, Codable {
        package enum Channel: String, Hashable, Sendable, Codable {
            /// This node's web form.
            case form
            /// `POST /v1/inquiries` (a form on another site).
            case api
            /// Referred by another region's node.
            case referral
        }

        package var channel: Channel
        /// For a referral: the referring node's author id and name, the referral's id, and the
        /// inquiry's id at the node that first received it.
        package var fromAuthor: String?
        package var fromName: String?
        package var referralID: String?
        package var originalID: String?

        package init(
            channel: Channel, fromAuthor: String? = nil, fromName: String? = nil, referralID: String? = nil,
            originalID: String? = nil
        ) {
            self.channel = channel
            self.fromAuthor = fromAuthor
            self.fromName = fromName
            self.referralID = referralID
            self.originalID = originalID
        }
    }

    /// The asker's consent to being contacted about the inquiry, as given on the form (and
    /// carried along with a referral).
    package struct Consent: Hashable, Sendable, Codable {
        /// When it was given (ms since 1970).
        package var at: Int64
        /// The statement agreed to, in the language it was shown in.
        package var statement: String
        /// Whether it covers passing the inquiry to partner regions.
        package var referral: Bool

        package init(at: Int64, statement: String, referral: Bool = true) {
            self.at = at
            self.statement = statement
            self.referral = referral
        }
    }

    /// A state change or a note, by an operator.
    package struct Event: Hashable, Sendable, Codable {
        package var at: Int64
        package var operatorName: String
        /// The new state, when the state changed.
        package var state: InquiryState?
        package var note: String?

        package init(at: Int64, operatorName: String, state: InquiryState? = nil, note: String? = nil) {
            self.at = at
            self.operatorName = operatorName
            self.state = state
            self.note = note
        }
    }

    /// A referral to another region's node.
    package struct Referral: Hashable, Sendable, Codable {
        package var id: String
        /// The receiving node's author id and name.
        package var toAuthor: String
        package var toName: String
        package var at: Int64
        package var operatorName: String
        package var note: String?

        package init(id: String, toAuthor: String, toName: String, at: Int64, operatorName: String, note: String?) {
            self.id = id
            self.toAuthor = toAuthor
            self.toName = toName
            self.at = at
            self.operatorName = operatorName
            self.note = note
        }
    }

    package var id: String
    package var submission: InquirySubmission
    /// When this node received it (ms since 1970).
    package var receivedAt: Int64
    package var source: Source
    package var consent: Consent
    package var state: InquiryState
    package var history: [Event]
    package var referrals: [Referral]
    /// When it was last closed (ms); retention counts from here.
    package var closedAt: Int64?

    package init(
        id: String, submission: InquirySubmission, receivedAt: Int64, source: Source, consent: Consent,
        state: InquiryState = .new, history: [Event] = [], referrals: [Referral] = [], closedAt: Int64? = nil
    ) {
        self.id = id
        self.submission = submission
        self.receivedAt = receivedAt
        self.source = source
        self.consent = consent
        self.state = state
        self.history = history
        self.referrals = referrals
        self.closedAt = closedAt
    }

    /// The latest moment anything happened to it.
    package var updatedAt: Int64 {
        max(receivedAt, history.last?.at ?? 0, referrals.map(\.at).max() ?? 0)
    }

    /// Moves it to `state` with an optional note; closing stamps `closedAt`, reopening clears it.
    package mutating func record(_ event: Event) {
        history.append(event)
        if let newState = event.state {
            state = newState
            closedAt = newState == .closed ? event.at : nil
        }
    }
}
