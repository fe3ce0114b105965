import Foundation

/// A product or service offered by one or more social enterprises.
public struct Product: Hashable, Sendable {
    public var id: EntryID
    /// Product or service; required.
    public var type: ProductType?
    public var name: LocalizedText
    public var description: LocalizedText
    /// The enterprises (by id) that offer it; at least one.
    public var enterprises: [EntryID]
    /// What it is in procurement terms, as CPV codes.
    public var categories: [CPVCode]
    public var sustainability: [SustainabilityAttribute]
    /// The regions it can be delivered to or provided in.
    public var deliveryArea: [NUTSCode]
    public var order: OrderInformation?
    public var images: [ImageReference]
    /// Marks a best-practice product the partners showcase.
    /// Pictures, the first shown on cards; at most `EntryLimits.pictures`.
    public var pictures: [PictureReference] = []
    public var lighthouse: Bool

    public init(
        id: EntryID, type: ProductType? = nil, name: LocalizedText = LocalizedText(),
        description: LocalizedText = LocalizedText(), enterprises: [EntryID] = [], categories: [CPVCode] = [],
        sustainability: [SustainabilityAttribute] = [], deliveryArea: [NUTSCode] = [],
        order: OrderInformation? = nil, images: [ImageReference] = [], lighthouse: Bool = false
    ) {
        self.id = id
        self.type = type
        self.name = name
        self.description = description
        self.enterprises = enterprises
        self.categories = categories
        self.sustainability = sustainability
        self.deliveryArea = deliveryArea
        self.order = order
        self.images = images
        self.lighthouse = lighthouse
    }
}

/// What a buyer needs to know to order.
public struct OrderInformation: Hashable, Sendable {
    /// The smallest quantity accepted, in `unit`.
    public var minimumQuantity: Int?
    /// The unit quantities and prices refer to, e.g. `{de: Stück, hu: darab, en: pieces}`.
    public var unit: LocalizedText
    /// Typical time from order to delivery, in days.
    public var leadTimeDays: Int?
    public var price: Price?
    public var notes: LocalizedText

    public init(
        minimumQuantity: Int? = nil, unit: LocalizedText = LocalizedText(), leadTimeDays: Int? = nil,
        price: Price? = nil, notes: LocalizedText = LocalizedText()
    ) {
        self.minimumQuantity = minimumQuantity
        self.unit = unit
        self.leadTimeDays = leadTimeDays
        self.price = price
        self.notes = notes
    }
}

/// A price: on request, or a range `from`–`to` (either end may be open) in a currency, per unit.
public struct Price: Hashable, Sendable {
    public var onRequest: Bool
    public var from: Decimal?
    public var to: Decimal?
    public var currency: CurrencyCode?

    public init(onRequest: Bool = false, from: Decimal? = nil, to: Decimal? = nil, currency: CurrencyCode? = nil) {
        self.onRequest = onRequest
        self.from = from
        self.to = to
        self.currency = currency
    }
}

/// An image shown with a product, by URL, with alternative text for people who cannot see it.
public struct ImageReference: Hashable, Sendable {
    public var url: WebURL
    public var alt: LocalizedText

    public init(url: WebURL, alt: LocalizedText = LocalizedText()) {
        self.url = url
        self.alt = alt
    }
}
