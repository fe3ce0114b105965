import Foundation

/// A social enterprise: a work-integration business of the second or third labour market.
///
/// Fields an editor has not filled are `nil` or empty rather than invented, because a merged
/// entry may hold only what has arrived so far; `validate()` says which are required.
public struct Enterprise: Hashable, Sendable {
    public var id: EntryID
    /// The enterprise's name; required in at least one language.
    public var name: LocalizedText
    /// The legal form as registered, e.g. `gemeinnützige GmbH`, `Verein`, `Nonprofit Kft.`.
    public var legalForm: String?
    public var socialModel: SocialModel?
    public var labourMarket: LabourMarket?
    public var targetGroups: [TargetGroup]
    /// The NUTS region the enterprise is based in; required.
    public var region: NUTSCode?
    public var address: Address?
    public var geo: GeoPosition?
    public var contact: Contact
    /// Economic activities as NACE Rev. 2 codes.
    public var sectors: [NACECode]
    public var description: LocalizedText
    /// The year the enterprise was founded.
    public var founded: Int?
    public var employees: Int?
    /// Places for people in (transitional or long-term) work integration.
    public var integrationPlaces: Int?
    /// The share of staff who are disabled or disadvantaged, in per cent (0–100).
    public var disadvantagedStaffShare: Double?
    /// The company register number, e.g. `FN 123456a` (AT) or `08-09-012345` (HU).
    public var companyRegisterNumber: String?
    public var vatNumber: VATNumber?
    /// What the enterprise can take on (volumes, free capacity, seasons).
    public var capacityNotes: LocalizedText
    /// When the enterprise is open to visitors and buyers, in OpenStreetMap's `opening_hours`
    /// syntax as written (`Mo-Fr 08:00-16:00; Sa 09:00-12:00`), as the map data it may come
    /// from records it.
    public var openingHours: String?
    public var certifications: [String]
    /// Languages the enterprise can work in with a client.
    public var languages: [LanguageTag]
    /// Marks a best-practice example the partners showcase.
    /// Pictures, the first shown on cards; at most `EntryLimits.pictures`.
    public var pictures: [PictureReference] = []
    public var lighthouse: Bool

    public init(
        id: EntryID, name: LocalizedText = LocalizedText(), legalForm: String? = nil, socialModel: SocialModel? = nil,
        labourMarket: LabourMarket? = nil, targetGroups: [TargetGroup] = [], region: NUTSCode? = nil,
        address: Address? = nil, geo: GeoPosition? = nil, contact: Contact = Contact(), sectors: [NACECode] = [],
        description: LocalizedText = LocalizedText(), founded: Int? = nil, employees: Int? = nil,
        integrationPlaces: Int? = nil, disadvantagedStaffShare: Double? = nil, companyRegisterNumber: String? = nil,
        vatNumber: VATNumber? = nil, capacityNotes: LocalizedText = LocalizedText(), certifications: [String] = [],
        languages: [LanguageTag] = [], lighthouse: Bool = false
    ) {
        self.id = id
        self.name = name
        self.legalForm = legalForm
        self.socialModel = socialModel
        self.labourMarket = labourMarket
        self.targetGroups = targetGroups
        self.region = region
        self.address = address
        self.geo = geo
        self.contact = contact
        self.sectors = sectors
        self.description = description
        self.founded = founded
        self.employees = employees
        self.integrationPlaces = integrationPlaces
        self.disadvantagedStaffShare = disadvantagedStaffShare
        self.companyRegisterNumber = companyRegisterNumber
        self.vatNumber = vatNumber
        self.capacityNotes = capacityNotes
        self.certifications = certifications
        self.languages = languages
        self.lighthouse = lighthouse
    }

    /// The share of disadvantaged staff a public buyer requires to reserve a contract for an
    /// enterprise (EU Directive 2014/24, Art. 20): at least 30 %.
    public static let reservedContractThreshold: Double = 30

    /// Whether a public buyer may reserve a contract for this enterprise under Art. 20 of
    /// Directive 2014/24; `nil` when the share is not known.
    public var qualifiesForReservedContracts: Bool? {
        disadvantagedStaffShare.map { $0 >= Self.reservedContractThreshold }
    }
}

/// A postal address.
public struct Address: Hashable, Sendable {
    public var street: String?
    public var postalCode: String?
    public var locality: String?
    public var country: CountryCode?

    public init(street: String? = nil, postalCode: String? = nil, locality: String? = nil, country: CountryCode? = nil)
    {
        self.street = street
        self.postalCode = postalCode
        self.locality = locality
        self.country = country
    }
}

/// A position in WGS 84 degrees, for the map.
public struct GeoPosition: Hashable, Sendable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// How to reach an enterprise.
public struct Contact: Hashable, Sendable {
    public var email: EmailAddress?
    public var phone: PhoneNumber?
    public var website: WebURL?

    public init(email: EmailAddress? = nil, phone: PhoneNumber? = nil, website: WebURL? = nil) {
        self.email = email
        self.phone = phone
        self.website = website
    }

    public var isEmpty: Bool { email == nil && phone == nil && website == nil }
}
