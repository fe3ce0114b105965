/// A section of NACE Rev. 2 (A–U) with the divisions it holds and its label in German,
/// Hungarian and English, so the sector facet can name what a code means.
public struct NACESection: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The section letter, e.g. `C`.
    public let letter: String
    /// The two-digit divisions of the section (`10` … `33` for C).
    public let divisions: [String]
    public let label: LocalizedText

    public init?(letter: String) {
        guard let section = Self.all.first(where: { $0.letter == letter }) else { return nil }
        self = section
    }

    /// The section that holds the two-digit `division`, or `nil` if NACE has no such division.
    public init?(division: String) {
        guard let section = Self.all.first(where: { $0.divisions.contains(division) }) else { return nil }
        self = section
    }

    private init(_ letter: String, _ divisions: [Int], de: String, hu: String, en: String) {
        self.letter = letter
        self.divisions = divisions.map { $0 < 10 ? "0\($0)" : "\($0)" }
        self.label = [.german: de, .hungarian: hu, .english: en]
    }

    public var description: String { letter }

    public static func < (lhs: NACESection, rhs: NACESection) -> Bool { lhs.letter < rhs.letter }

    /// The 21 sections and their 88 divisions.
    public static let all: [NACESection] = [
        .init(
            "A", [1, 2, 3], de: "Land- und Forstwirtschaft, Fischerei",
            hu: "Mezőgazdaság, erdőgazdálkodás, halászat", en: "Agriculture, forestry and fishing"),
        .init(
            "B", [5, 6, 7, 8, 9], de: "Bergbau und Gewinnung von Steinen und Erden", hu: "Bányászat, kőfejtés",
            en: "Mining and quarrying"),
        .init("C", Array(10...33), de: "Herstellung von Waren", hu: "Feldolgozóipar", en: "Manufacturing"),
        .init(
            "D", [35], de: "Energieversorgung", hu: "Villamosenergia-, gáz-, gőzellátás, légkondicionálás",
            en: "Electricity, gas, steam and air conditioning supply"),
        .init(
            "E", [36, 37, 38, 39], de: "Wasserversorgung; Abwasser- und Abfallentsorgung",
            hu: "Vízellátás; szennyvíz gyűjtése, kezelése, hulladékgazdálkodás",
            en: "Water supply; sewerage, waste management and remediation"),
        .init("F", [41, 42, 43], de: "Bau", hu: "Építőipar", en: "Construction"),
        .init(
            "G", [45, 46, 47], de: "Handel; Instandhaltung und Reparatur von Kraftfahrzeugen",
            hu: "Kereskedelem, gépjárműjavítás", en: "Wholesale and retail trade; repair of motor vehicles"),
        .init(
            "H", [49, 50, 51, 52, 53], de: "Verkehr und Lagerei", hu: "Szállítás, raktározás",
            en: "Transportation and storage"),
        .init(
            "I", [55, 56], de: "Beherbergung und Gastronomie", hu: "Szálláshely-szolgáltatás, vendéglátás",
            en: "Accommodation and food service activities"),
        .init(
            "J", [58, 59, 60, 61, 62, 63], de: "Information und Kommunikation", hu: "Információ, kommunikáció",
            en: "Information and communication"),
        .init(
            "K", [64, 65, 66], de: "Finanz- und Versicherungsdienstleistungen", hu: "Pénzügyi, biztosítási tevékenység",
            en: "Financial and insurance activities"),
        .init("L", [68], de: "Grundstücks- und Wohnungswesen", hu: "Ingatlanügyletek", en: "Real estate activities"),
        .init(
            "M", [69, 70, 71, 72, 73, 74, 75], de: "Freiberufliche, wissenschaftliche und technische Dienstleistungen",
            hu: "Szakmai, tudományos, műszaki tevékenység", en: "Professional, scientific and technical activities"),
        .init(
            "N", [77, 78, 79, 80, 81, 82], de: "Sonstige wirtschaftliche Dienstleistungen",
            hu: "Adminisztratív és szolgáltatást támogató tevékenység",
            en: "Administrative and support service activities"),
        .init(
            "O", [84], de: "Öffentliche Verwaltung, Verteidigung; Sozialversicherung",
            hu: "Közigazgatás, védelem; kötelező társadalombiztosítás",
            en: "Public administration and defence; compulsory social security"),
        .init("P", [85], de: "Erziehung und Unterricht", hu: "Oktatás", en: "Education"),
        .init(
            "Q", [86, 87, 88], de: "Gesundheits- und Sozialwesen", hu: "Humán-egészségügyi, szociális ellátás",
            en: "Human health and social work activities"),
        .init(
            "R", [90, 91, 92, 93], de: "Kunst, Unterhaltung und Erholung", hu: "Művészet, szórakoztatás, szabadidő",
            en: "Arts, entertainment and recreation"),
        .init(
            "S", [94, 95, 96], de: "Sonstige Dienstleistungen", hu: "Egyéb szolgáltatás", en: "Other service activities"
        ),
        .init(
            "T", [97, 98], de: "Private Haushalte mit Hauspersonal; Eigenbedarf privater Haushalte",
            hu: "Háztartás munkaadói tevékenysége; saját fogyasztásra végzett termelés",
            en: "Activities of households as employers and for own use"),
        .init(
            "U", [99], de: "Exterritoriale Organisationen und Körperschaften", hu: "Területen kívüli szervezet",
            en: "Activities of extraterritorial organisations and bodies"),
    ]
}
