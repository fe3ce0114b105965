/// A checked inquiry: what a company, public body or NGO needs, and how to reach them. It holds
/// personal data, so it is never part of the signed catalogue: it stays at the node that received
/// it and the nodes it is referred to.
public struct InquirySubmission: Hashable, Sendable, Codable {
    /// What is needed, in the asker's words.
    public var need: String
    public var quantity: String?
    /// The day it is wanted by (`YYYY-MM-DD`).
    public var wantedBy: String?
    public var deliveryRegion: NUTSCode
    public var categories: [CPVCode]
    public var sectors: [NACECode]
    public var organisationType: OrganisationType
    public var organisation: String?
    public var contactName: String
    public var email: EmailAddress
    public var phone: PhoneNumber?
    /// The language the asker wants to be answered in.
    public var language: LanguageTag
    /// The entry whose page the inquiry was started from, if any.
    public var about: InquiryTopic?

    public init(
        need: String, quantity: String? = nil, wantedBy: String? = nil, deliveryRegion: NUTSCode,
        categories: [CPVCode] = [], sectors: [NACECode] = [], organisationType: OrganisationType,
        organisation: String? = nil, contactName: String, email: EmailAddress, phone: PhoneNumber? = nil,
        language: LanguageTag, about: InquiryTopic? = nil
    ) {
        self.need = need
        self.quantity = quantity
        self.wantedBy = wantedBy
        self.deliveryRegion = deliveryRegion
        self.categories = categories
        self.sectors = sectors
        self.organisationType = organisationType
        self.organisation = organisation
        self.contactName = contactName
        self.email = email
        self.phone = phone
        self.language = language
        self.about = about
    }
}

extension InquirySubmission {
    /// The submission as a draft again, to check it against this node's limits.
    public var draft: InquiryDraft {
        var draft = InquiryDraft()
        draft.need = need
        draft.quantity = quantity
        draft.wantedBy = wantedBy
        draft.deliveryRegion = deliveryRegion.rawValue
        draft.categories = categories.map(\.rawValue)
        draft.sectors = sectors.map(\.rawValue)
        draft.organisationType = organisationType.rawValue
        draft.organisation = organisation
        draft.contactName = contactName
        draft.email = email.rawValue
        draft.phone = phone?.rawValue
        draft.language = language.rawValue
        draft.consent = true
        draft.about = about?.description
        return draft
    }
}
