import DirectoryModel

/// An inquiry as a node keeps it: the submission, where it came from, the consent given, where
/// it stands, what operators did with it, and where it was referred. Personal data: it lives in
/// the receiving node's store (and the stores of nodes it is referred to), never in the signed
/// catalogue, and is erased on request or after the retention period once closed.
public struct Inquiry: Hashable, Sendable, Codable {
    /// How the inquiry reached this node.
    public struct Source: Hashable, Sendable, Codable {
        public enum Channel: String, Hashable, Sendable, Codable {
            /// This node's web form.
            case form
            /// `POST /v1/inquiries` (a form on another site).
            case api
            /// Referred by another region's node.
            case referral
        }

        public var channel: Channel
        /// For a referral: the referring node's author id and name, the referral's id, and the
        /// inquiry's id at the node that first received it.
        public var fromAuthor: String?
        public var fromName: String?
        public var referralID: String?
        public var originalID: String?

        public init(
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
    public struct Consent: Hashable, Sendable, Codable {
        /// When it was given (ms since 1970).
        public var at: Int64
        /// The statement agreed to, in the language it was shown in.
        public var statement: String
        /// Whether it covers passing the inquiry to partner regions.
        public var referral: Bool

        public init(at: Int64, statement: String, referral: Bool = true) {
            self.at = at
            self.statement = statement
            self.referral = referral
        }
    }

    /// A state change or a note, by an operator.
    public struct Event: Hashable, Sendable, Codable {
        public var at: Int64
        public var operatorName: String
        /// The new state, when the state changed.
        public var state: InquiryState?
        public var note: String?

        public init(at: Int64, operatorName: String, state: InquiryState? = nil, note: String? = nil) {
            self.at = at
            self.operatorName = operatorName
            self.state = state
            self.note = note
        }
    }

    /// A referral to another region's node.
    public struct Referral: Hashable, Sendable, Codable {
        public var id: String
        /// The receiving node's author id and name.
        public var toAuthor: String
        public var toName: String
        public var at: Int64
        public var operatorName: String
        public var note: String?

        public init(id: String, toAuthor: String, toName: String, at: Int64, operatorName: String, note: String?) {
            self.id = id
            self.toAuthor = toAuthor
            self.toName = toName
            self.at = at
            self.operatorName = operatorName
            self.note = note
        }
    }

    public var id: String
    public var submission: InquirySubmission
    /// When this node received it (ms since 1970).
    public var receivedAt: Int64
    public var source: Source
    public var consent: Consent
    public var state: InquiryState
    public var history: [Event]
    public var referrals: [Referral]
    /// When it was last closed (ms); retention counts from here.
    public var closedAt: Int64?

    public init(
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
    public var updatedAt: Int64 {
        max(receivedAt, history.last?.at ?? 0, referrals.map(\.at).max() ?? 0)
    }

    /// Moves it to `state` with an optional note; closing stamps `closedAt`, reopening clears it.
    public mutating func record(_ event: Event) {
        history.append(event)
        if let newState = event.state {
            state = newState
            closedAt = newState == .closed ? event.at : nil
        }
    }
}
