package import Brokerage

/// `POST /v1/inquiries` answer (202).
package struct InquiryReceipt: Codable, Sendable {
    package var received: Bool
    /// A short reference the asker can quote.
    package var reference: String

    package init(received: Bool, reference: String) {
        self.received = received
        self.reference = reference
    }
}

/// `GET /v1/inquiries` and `POST /v1/personal-data/export` answer.
package struct InquiryList: Codable, Sendable {
    package var inquiries: [Inquiry]

    package init(inquiries: [Inquiry]) {
        self.inquiries = inquiries
    }
}

/// `GET /v1/inquiries/{id}` answer: the inquiry and its matches.
package struct InquiryDetail: Codable, Sendable {
    package var inquiry: Inquiry
    package var matches: InquiryMatches

    package init(inquiry: Inquiry, matches: InquiryMatches) {
        self.inquiry = inquiry
        self.matches = matches
    }
}

/// `POST /v1/inquiries/{id}/status` request.
package struct InquiryStatusBody: Codable, Sendable {
    package var state: String?
    package var note: String?

    package init(state: String? = nil, note: String? = nil) {
        self.state = state
        self.note = note
    }
}

/// `POST /v1/inquiries/{id}/refer` request: the partner region and a note.
package struct InquiryReferralBody: Codable, Sendable {
    package var to: String
    package var note: String?

    package init(to: String, note: String? = nil) {
        self.to = to
        self.note = note
    }
}

/// `POST /v1/referrals` answer.
package struct ReferralReceipt: Codable, Sendable {
    package var id: String
    /// `false` when the referral had arrived before.
    package var new: Bool

    package init(id: String, new: Bool) {
        self.id = id
        self.new = new
    }
}

/// `POST /v1/personal-data/export` and `/erase` request.
package struct PersonalDataRequestBody: Codable, Sendable {
    package var email: String

    package init(email: String) {
        self.email = email
    }
}

/// `POST /v1/personal-data/erase` answer.
package struct PersonalDataErasure: Codable, Sendable {
    package var erased: Int

    package init(erased: Int) {
        self.erased = erased
    }
}
