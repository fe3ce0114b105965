/// A division of the Common Procurement Vocabulary — the first two digits of a CPV code — with
/// its label in German, Hungarian and English, so facets and matching can name a category
/// ("39 Furniture …") without shipping the whole 9,000-code vocabulary.
public struct CPVDivision: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The two digits, e.g. `39`.
    public let code: String
    /// The division's label (after the official CPV 2008 labels, shortened where they are long).
    public let label: LocalizedText

    /// The division with the two-digit `code`, or `nil` when CPV has no such division.
    public init?(code: String) {
        guard let division = Self.byCode[code] else { return nil }
        self = division
    }

    init(uncheckedCode code: String) {
        self.code = code
        self.label = LocalizedText()
    }

    private init(_ code: String, de: String, hu: String, en: String) {
        self.code = code
        self.label = [.german: de, .hungarian: hu, .english: en]
    }

    /// Whether the division is supplies (03–44, 48), works (45) or services (50–98).
    public enum ContractType: String, Sendable, CaseIterable {
        case supplies, works, services
    }

    public var contractType: ContractType {
        switch code {
        case "45": .works
        case "48": .supplies
        case _ where code < "45": .supplies
        default: .services
        }
    }

    public var description: String { code }

    /// The division's own code in the vocabulary (`39000000-2` for division 39), for a buyer who
    /// chooses a category by name rather than typing a code.
    /// `nil` only for a division without a check digit in the table (none; a test checks all 45).
    public var rootCode: CPVCode? {
        guard let digit = Self.rootCheckDigits[code] else { return nil }
        return try? CPVCode(parsing: "\(code)000000-\(digit)")
    }

    /// The check digits of the divisions' own codes, as published in CPV 2008.
    private static let rootCheckDigits: [String: Character] = [
        "03": "1", "09": "3", "14": "1", "15": "8", "16": "5", "18": "9", "19": "6", "22": "0", "24": "4",
        "30": "9", "31": "6", "32": "3", "33": "0", "34": "7", "35": "4", "37": "8", "38": "5", "39": "2",
        "41": "9", "42": "6", "43": "3", "44": "0", "45": "7", "48": "8", "50": "5", "51": "9", "55": "0",
        "60": "8", "63": "9", "64": "6", "65": "3", "66": "0", "70": "1", "71": "8", "72": "5", "73": "2",
        "75": "6", "76": "3", "77": "0", "79": "4", "80": "4", "85": "9", "90": "7", "92": "1", "98": "3",
    ]

    public static func < (lhs: CPVDivision, rhs: CPVDivision) -> Bool { lhs.code < rhs.code }

    private static let byCode: [String: CPVDivision] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.code, $0) })

    /// All 45 divisions of CPV 2008, in code order.
    public static let all: [CPVDivision] = [
        .init(
            "03", de: "Land-, forstwirtschaftliche und Fischereierzeugnisse",
            hu: "Mezőgazdasági, tenyésztési, halászati, erdészeti és kapcsolódó termékek",
            en: "Agricultural, farming, fishing, forestry and related products"),
        .init(
            "09", de: "Mineralölerzeugnisse, Brennstoffe, Elektrizität und andere Energiequellen",
            hu: "Kőolajtermékek, tüzelőanyag, villamos energia és egyéb energiaforrások",
            en: "Petroleum products, fuel, electricity and other sources of energy"),
        .init(
            "14", de: "Bergbauerzeugnisse, unedle Metalle und zugehörige Erzeugnisse",
            hu: "Bányászati termékek, nem nemesfémek és kapcsolódó termékek",
            en: "Mining, basic metals and related products"),
        .init(
            "15", de: "Nahrungsmittel, Getränke, Tabak und zugehörige Erzeugnisse",
            hu: "Élelmiszerek, italok, dohány és kapcsolódó termékek",
            en: "Food, beverages, tobacco and related products"),
        .init("16", de: "Landwirtschaftliche Maschinen", hu: "Mezőgazdasági gépek", en: "Agricultural machinery"),
        .init(
            "18", de: "Bekleidung, Schuhe, Reisegepäck und Zubehör", hu: "Ruházat, lábbeli, bőrönd és kiegészítők",
            en: "Clothing, footwear, luggage articles and accessories"),
        .init(
            "19", de: "Leder und Textilgewebe, Kunststoff- und Gummimaterialien",
            hu: "Bőr és textil, műanyag és gumi anyagok",
            en: "Leather and textile fabrics, plastic and rubber materials"),
        .init(
            "22", de: "Drucksachen und verwandte Erzeugnisse", hu: "Nyomtatott és kapcsolódó termékek",
            en: "Printed matter and related products"),
        .init("24", de: "Chemische Erzeugnisse", hu: "Vegyi termékek", en: "Chemical products"),
        .init(
            "30", de: "Büromaschinen, Computer, Ausrüstung und Zubehör (ohne Möbel und Software)",
            hu: "Irodai és számítástechnikai gépek, berendezések és kellékek (bútorok és szoftverek nélkül)",
            en: "Office and computing machinery, equipment and supplies except furniture and software packages"),
        .init(
            "31", de: "Elektrische Maschinen, Geräte, Ausstattung und Verbrauchsartikel; Beleuchtung",
            hu: "Elektromos gépek, készülékek, berendezések és fogyóeszközök; világítás",
            en: "Electrical machinery, apparatus, equipment and consumables; lighting"),
        .init(
            "32", de: "Funk-, Fernseh-, Kommunikations- und Fernmeldeausrüstung",
            hu: "Rádió-, televízió-, kommunikációs, távközlési és kapcsolódó berendezések",
            en: "Radio, television, communication, telecommunication and related equipment"),
        .init(
            "33", de: "Medizinische Ausrüstung, Arzneimittel und Körperpflegeprodukte",
            hu: "Orvosi berendezések, gyógyszerek és testápolási termékek",
            en: "Medical equipments, pharmaceuticals and personal care products"),
        .init(
            "34", de: "Transportmittel und Erzeugnisse für Transportzwecke",
            hu: "Szállítóeszközök és a szállításhoz kapcsolódó termékek",
            en: "Transport equipment and auxiliary products to transportation"),
        .init(
            "35", de: "Sicherheits-, Feuerwehr-, Polizei- und Verteidigungsausrüstung",
            hu: "Biztonsági, tűzoltó-, rendőrségi és védelmi felszerelések",
            en: "Security, fire-fighting, police and defence equipment"),
        .init(
            "37", de: "Musikinstrumente, Sportartikel, Spiele, Spielzeug, Handwerks- und Künstlerbedarf",
            hu: "Hangszerek, sportáruk, játékok, kézműipari és művészeti anyagok és kellékek",
            en: "Musical instruments, sport goods, games, toys, handicraft, art materials and accessories"),
        .init(
            "38", de: "Laborausstattung, optische und Präzisionsgeräte (ohne Brillen)",
            hu: "Laboratóriumi, optikai és precíziós berendezések (szemüvegek nélkül)",
            en: "Laboratory, optical and precision equipments (excl. glasses)"),
        .init(
            "39", de: "Möbel (einschl. Büromöbel), Einrichtung, Haushaltsgeräte und Reinigungsmittel",
            hu: "Bútorok (irodabútorokkal együtt), berendezési tárgyak, háztartási gépek és tisztítószerek",
            en: "Furniture (incl. office furniture), furnishings, domestic appliances and cleaning products"),
        .init(
            "41", de: "Gesammeltes und gereinigtes Wasser", hu: "Összegyűjtött és tisztított víz",
            en: "Collected and purified water"),
        .init("42", de: "Industriemaschinen", hu: "Ipari gépek", en: "Industrial machinery"),
        .init(
            "43", de: "Bergbau- und Baumaschinen", hu: "Bányászati, kőfejtő és építőipari gépek",
            en: "Machinery for mining, quarrying, construction equipment"),
        .init(
            "44", de: "Konstruktionen und Baumaterialien; Bauzubehör (ohne Elektrogeräte)",
            hu: "Építési szerkezetek és anyagok; építési segédtermékek (elektromos készülékek nélkül)",
            en: "Construction structures and materials; auxiliary products to construction"),
        .init("45", de: "Bauarbeiten", hu: "Építési munkák", en: "Construction work"),
        .init(
            "48", de: "Softwarepakete und Informationssysteme", hu: "Szoftvercsomagok és információs rendszerek",
            en: "Software package and information systems"),
        .init(
            "50", de: "Reparatur- und Wartungsdienste", hu: "Javítási és karbantartási szolgáltatások",
            en: "Repair and maintenance services"),
        .init(
            "51", de: "Installationsdienste (ohne Software)", hu: "Szerelési szolgáltatások (szoftverek nélkül)",
            en: "Installation services (except software)"),
        .init(
            "55", de: "Dienstleistungen von Hotels, Restaurants und Einzelhandel",
            hu: "Szállodai, éttermi és kiskereskedelmi szolgáltatások",
            en: "Hotel, restaurant and retail trade services"),
        .init(
            "60", de: "Transportdienste (ohne Abfalltransporte)",
            hu: "Szállítási szolgáltatások (hulladékszállítás nélkül)",
            en: "Transport services (excl. waste transport)"),
        .init(
            "63", de: "Unterstützende Transportdienste; Reisebürodienste",
            hu: "Kiegészítő és kisegítő szállítási szolgáltatások; utazási irodák",
            en: "Supporting and auxiliary transport services; travel agencies services"),
        .init(
            "64", de: "Post- und Fernmeldedienste", hu: "Postai és távközlési szolgáltatások",
            en: "Postal and telecommunications services"),
        .init("65", de: "Versorgungsleistungen", hu: "Közművek", en: "Public utilities"),
        .init(
            "66", de: "Finanz- und Versicherungsdienstleistungen", hu: "Pénzügyi és biztosítási szolgáltatások",
            en: "Financial and insurance services"),
        .init(
            "70", de: "Dienstleistungen des Grundstücks- und Wohnungswesens", hu: "Ingatlan-szolgáltatások",
            en: "Real estate services"),
        .init(
            "71", de: "Architektur-, Bau-, Ingenieur- und Prüfdienstleistungen",
            hu: "Építészeti, építőipari, mérnöki és ellenőrzési szolgáltatások",
            en: "Architectural, construction, engineering and inspection services"),
        .init(
            "72", de: "IT-Dienste: Beratung, Softwareentwicklung, Internet und Support",
            hu: "Informatikai szolgáltatások: tanácsadás, szoftverfejlesztés, internet és támogatás",
            en: "IT services: consulting, software development, Internet and support"),
        .init(
            "73", de: "Forschungs- und Entwicklungsdienste und zugehörige Beratung",
            hu: "Kutatási és fejlesztési szolgáltatások és kapcsolódó tanácsadás",
            en: "Research and development services and related consultancy services"),
        .init(
            "75", de: "Dienstleistungen der Verwaltung, Verteidigung und Sozialversicherung",
            hu: "Közigazgatási, védelmi és társadalombiztosítási szolgáltatások",
            en: "Administration, defence and social security services"),
        .init(
            "76", de: "Dienstleistungen für die Erdöl- und Erdgasindustrie", hu: "Olaj- és gázipari szolgáltatások",
            en: "Services related to the oil and gas industry"),
        .init(
            "77", de: "Dienstleistungen in Land-, Forst- und Gartenwirtschaft, Aquakultur und Imkerei",
            hu: "Mezőgazdasági, erdészeti, kertészeti, akvakultúra- és méhészeti szolgáltatások",
            en: "Agricultural, forestry, horticultural, aquacultural and apicultural services"),
        .init(
            "79", de: "Unternehmensdienste: Recht, Marketing, Beratung, Personal, Druck und Sicherheit",
            hu: "Üzleti szolgáltatások: jog, marketing, tanácsadás, toborzás, nyomdai és biztonsági szolgáltatások",
            en: "Business services: law, marketing, consulting, recruitment, printing and security"),
        .init(
            "80", de: "Allgemeine und berufliche Bildung", hu: "Oktatási és képzési szolgáltatások",
            en: "Education and training services"),
        .init(
            "85", de: "Gesundheits- und Sozialwesen", hu: "Egészségügyi és szociális szolgáltatások",
            en: "Health and social work services"),
        .init(
            "90", de: "Abwasser-, Abfall-, Reinigungs- und Umweltdienste",
            hu: "Szennyvíz-, hulladék-, takarítási és környezetvédelmi szolgáltatások",
            en: "Sewage, refuse, cleaning and environmental services"),
        .init(
            "92", de: "Dienstleistungen für Erholung, Kultur und Sport",
            hu: "Szabadidős, kulturális és sportszolgáltatások",
            en: "Recreational, cultural and sporting services"),
        .init(
            "98", de: "Sonstige gemeinschaftliche, soziale und persönliche Dienste",
            hu: "Egyéb közösségi, szociális és személyi szolgáltatások",
            en: "Other community, social and personal services"),
    ]
}
