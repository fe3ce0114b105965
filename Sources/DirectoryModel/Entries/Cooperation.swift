import Foundation

/// A best-practice cooperation between a company, public body or NGO and one or more social
/// enterprises — what the partners show to convince the next client.
public struct Cooperation: Hashable, Sendable {
    public var id: EntryID
    public var title: LocalizedText
    public var description: LocalizedText
    /// The social enterprises in the directory (by id) that took part; at least one.
    public var enterprises: [EntryID]
    /// Partners outside the directory: the client and others.
    public var partners: [OutsidePartner]
    /// Products and services of the directory (by id) that were involved.
    public var products: [EntryID]
    /// How the cooperation was contracted.
    public var contracting: [ContractingMethod]
    public var regions: [NUTSCode]
    public var period: Period?
    /// The volume in words, e.g. `{de: "2.400 Stück pro Jahr"}`.
    public var volume: LocalizedText
    /// The contract value, where it may be published.
    public var contractValue: Money?
    public var outcome: Outcome?
    public var quote: ClientQuote?
    /// Marks a cooperation the partners showcase.
    /// Pictures, the first shown on cards; at most `EntryLimits.pictures`.
    public var pictures: [PictureReference] = []
    public var lighthouse: Bool

    public init(
        id: EntryID, title: LocalizedText = LocalizedText(), description: LocalizedText = LocalizedText(),
        enterprises: [EntryID] = [], partners: [OutsidePartner] = [], products: [EntryID] = [],
        contracting: [ContractingMethod] = [], regions: [NUTSCode] = [], period: Period? = nil,
        volume: LocalizedText = LocalizedText(), contractValue: Money? = nil, outcome: Outcome? = nil,
        quote: ClientQuote? = nil, lighthouse: Bool = false
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.enterprises = enterprises
        self.partners = partners
        self.products = products
        self.contracting = contracting
        self.regions = regions
        self.period = period
        self.volume = volume
        self.contractValue = contractValue
        self.outcome = outcome
        self.quote = quote
        self.lighthouse = lighthouse
    }
}

/// A partner of a cooperation that is not in the directory, named as it wants to be named.
public struct OutsidePartner: Hashable, Sendable {
    public var name: String?
    public var type: PartnerType?
    public var country: CountryCode?
    public var website: WebURL?

    public init(name: String? = nil, type: PartnerType? = nil, country: CountryCode? = nil, website: WebURL? = nil) {
        self.name = name
        self.type = type
        self.country = country
        self.website = website
    }
}

/// When a cooperation ran; no `end` means it is ongoing.
public struct Period: Hashable, Sendable {
    public var start: PartialDate?
    public var end: PartialDate?

    public init(start: PartialDate? = nil, end: PartialDate? = nil) {
        self.start = start
        self.end = end
    }
}

/// An amount of money.
public struct Money: Hashable, Sendable {
    public var amount: Decimal?
    public var currency: CurrencyCode?

    public init(amount: Decimal? = nil, currency: CurrencyCode? = nil) {
        self.amount = amount
        self.currency = currency
    }
}

/// What a cooperation achieved.
public struct Outcome: Hashable, Sendable {
    public var integrationPlacesCreated: Int?
    public var summary: LocalizedText

    public init(integrationPlacesCreated: Int? = nil, summary: LocalizedText = LocalizedText()) {
        self.integrationPlacesCreated = integrationPlacesCreated
        self.summary = summary
    }
}

/// A quote from the client, with who said it.
public struct ClientQuote: Hashable, Sendable {
    public var text: LocalizedText
    public var author: String?
    /// The author's role, e.g. `{de: "Leiterin Beschaffung, Stadt Graz"}`.
    public var role: LocalizedText

    public init(text: LocalizedText = LocalizedText(), author: String? = nil, role: LocalizedText = LocalizedText()) {
        self.text = text
        self.author = author
        self.role = role
    }
}
