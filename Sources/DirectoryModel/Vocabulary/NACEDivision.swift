/// A division of NACE Rev. 2 — the first two digits of a NACE code — with its title in German,
/// Hungarian and English, so facets and matching can name a sector ("16 Manufacture of wood …")
/// at a finer grain than the 21 sections, without shipping the whole classification.
///
/// The titles are the published ones, in full and unshortened, taken from:
/// - English: Eurostat's NACE Rev. 2 structure as exported from RAMON (`NACE_REV2`, English,
///   downloaded 2020-10-21), kept as `pkg/data/nace_rev2.csv` in github.com/data-cleaning/validate
///   (the trailing space of division 72 dropped).
/// - German: ÖNACE 2008 of Statistik Austria (its CTI export `OENACE2008_DE_CTI.csv`, level 2), kept in
///   github.com/simonabler/oenace-json. WZ 2008 of Destatis (`source/WZ_2008_DE_2025-09-29.xml` in
///   github.com/bandbyte/wz-code) has the same titles, except that 46 reads "Großhandel (ohne Handel
///   mit Kraftfahrzeugen)" there and 65 and 70 keep a line-break hyphen.
/// - Hungarian: TEÁOR'08 of the KSH (`teaor08_tartalom_2021_06_01.xlsx`, column "Megnevezés"), kept
///   in github.com/artanisdesign/teaor-xls-to-json.
public struct NACEDivision: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The two digits, e.g. `16`.
    public let code: String
    /// The division's title (after the published NACE Rev. 2, ÖNACE 2008 and TEÁOR'08 titles).
    public let label: LocalizedText

    /// The division with the two-digit `code`, or `nil` when NACE Rev. 2 has no such division.
    public init?(code: String) {
        guard let division = Self.byCode[code] else { return nil }
        self = division
    }

    private init(_ code: String, de: String, hu: String, en: String) {
        self.code = code
        self.label = [.german: de, .hungarian: hu, .english: en]
    }

    /// The section that holds the division (`C` for 16); `nil` only if the two tables disagree
    /// (a test checks that they do not).
    public var section: NACESection? { NACESection(division: code) }

    public var description: String { code }

    public static func < (lhs: NACEDivision, rhs: NACEDivision) -> Bool { lhs.code < rhs.code }

    private static let byCode: [String: NACEDivision] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.code, $0) })

    /// All 88 divisions of NACE Rev. 2, in code order.
    public static let all: [NACEDivision] = [
        .init(
            "01", de: "Landwirtschaft, Jagd und damit verbundene Tätigkeiten",
            hu: "Növénytermesztés, állattenyésztés, vadgazdálkodás és kapcsolódó szolgáltatások",
            en: "Crop and animal production, hunting and related service activities"),
        .init("02", de: "Forstwirtschaft und Holzeinschlag", hu: "Erdőgazdálkodás", en: "Forestry and logging"),
        .init("03", de: "Fischerei und Aquakultur", hu: "Halászat, halgazdálkodás", en: "Fishing and aquaculture"),
        .init("05", de: "Kohlenbergbau", hu: "Szénbányászat", en: "Mining of coal and lignite"),
        .init(
            "06", de: "Gewinnung von Erdöl und Erdgas", hu: "Kőolaj-, földgázkitermelés",
            en: "Extraction of crude petroleum and natural gas"),
        .init("07", de: "Erzbergbau", hu: "Fémtartalmú érc bányászata", en: "Mining of metal ores"),
        .init(
            "08", de: "Gewinnung von Steinen und Erden, sonstiger Bergbau", hu: "Egyéb bányászat",
            en: "Other mining and quarrying"),
        .init(
            "09", de: "Erbringung von Dienstleistungen für den Bergbau und für die Gewinnung von Steinen und Erden",
            hu: "Bányászati szolgáltatás", en: "Mining support service activities"),
        .init(
            "10", de: "Herstellung von Nahrungs- und Futtermitteln", hu: "Élelmiszergyártás",
            en: "Manufacture of food products"),
        .init("11", de: "Getränkeherstellung", hu: "Italgyártás", en: "Manufacture of beverages"),
        .init("12", de: "Tabakverarbeitung", hu: "Dohánytermék gyártása", en: "Manufacture of tobacco products"),
        .init("13", de: "Herstellung von Textilien", hu: "Textília gyártása", en: "Manufacture of textiles"),
        .init(
            "14", de: "Herstellung von Bekleidung", hu: "Ruházati termék gyártása",
            en: "Manufacture of wearing apparel"),
        .init(
            "15", de: "Herstellung von Leder, Lederwaren und Schuhen", hu: "Bőr, bőrtermék, lábbeli gyártása",
            en: "Manufacture of leather and related products"),
        .init(
            "16", de: "Herstellung von Holz-, Flecht-, Korb- und Korkwaren (ohne Möbel)",
            hu: "Fafeldolgozás (kivéve: bútor), fonottáru gyártása",
            en: "Manufacture of wood and of products of wood and cork, except furniture; "
                + "manufacture of articles of straw and plaiting materials"),
        .init(
            "17", de: "Herstellung von Papier, Pappe und Waren daraus", hu: "Papír, papírtermék gyártása",
            en: "Manufacture of paper and paper products"),
        .init(
            "18", de: "Herstellung von Druckerzeugnissen; Vervielfältigung von bespielten Ton-, Bild- und Datenträgern",
            hu: "Nyomdai és egyéb sokszorosítási tevékenység", en: "Printing and reproduction of recorded media"),
        .init(
            "19", de: "Kokerei und Mineralölverarbeitung", hu: "Kokszgyártás, kőolaj-feldolgozás",
            en: "Manufacture of coke and refined petroleum products"),
        .init(
            "20", de: "Herstellung von chemischen Erzeugnissen", hu: "Vegyi anyag, -termék gyártása",
            en: "Manufacture of chemicals and chemical products"),
        .init(
            "21", de: "Herstellung von pharmazeutischen Erzeugnissen", hu: "Gyógyszergyártás",
            en: "Manufacture of basic pharmaceutical products and pharmaceutical preparations"),
        .init(
            "22", de: "Herstellung von Gummi- und Kunststoffwaren", hu: "Gumi-, műanyag termék gyártása",
            en: "Manufacture of rubber and plastic products"),
        .init(
            "23", de: "Herstellung von Glas und Glaswaren, Keramik, Verarbeitung von Steinen und Erden",
            hu: "Nemfém ásványi termék gyártása", en: "Manufacture of other non-metallic mineral products"),
        .init(
            "24", de: "Metallerzeugung und -bearbeitung", hu: "Fémalapanyag gyártása",
            en: "Manufacture of basic metals"),
        .init(
            "25", de: "Herstellung von Metallerzeugnissen", hu: "Fémfeldolgozási termék gyártása",
            en: "Manufacture of fabricated metal products, except machinery and equipment"),
        .init(
            "26", de: "Herstellung von Datenverarbeitungsgeräten, elektronischen und optischen Erzeugnissen",
            hu: "Számítógép, elektronikai, optikai termék gyártása",
            en: "Manufacture of computer, electronic and optical products"),
        .init(
            "27", de: "Herstellung von elektrischen Ausrüstungen", hu: "Villamos berendezés gyártása",
            en: "Manufacture of electrical equipment"),
        .init(
            "28", de: "Maschinenbau", hu: "Gép, gépi berendezés gyártása",
            en: "Manufacture of machinery and equipment n.e.c."),
        .init(
            "29", de: "Herstellung von Kraftwagen und Kraftwagenteilen", hu: "Közúti jármű gyártása",
            en: "Manufacture of motor vehicles, trailers and semi-trailers"),
        .init(
            "30", de: "Sonstiger Fahrzeugbau", hu: "Egyéb jármű gyártása",
            en: "Manufacture of other transport equipment"),
        .init("31", de: "Herstellung von Möbeln", hu: "Bútorgyártás", en: "Manufacture of furniture"),
        .init(
            "32", de: "Herstellung von sonstigen Waren", hu: "Egyéb feldolgozóipari tevékenység",
            en: "Other manufacturing"),
        .init(
            "33", de: "Reparatur und Installation von Maschinen und Ausrüstungen",
            hu: "Ipari gép, berendezés, eszköz javítása, üzembe helyezése",
            en: "Repair and installation of machinery and equipment"),
        .init(
            "35", de: "Energieversorgung", hu: "Villamosenergia-, gáz-, gőzellátás, légkondicionálás",
            en: "Electricity, gas, steam and air conditioning supply"),
        .init(
            "36", de: "Wasserversorgung", hu: "Víztermelés, -kezelés, -ellátás",
            en: "Water collection, treatment and supply"),
        .init("37", de: "Abwasserentsorgung", hu: "Szennyvíz gyűjtése, kezelése", en: "Sewerage"),
        .init(
            "38", de: "Sammlung, Behandlung und Beseitigung von Abfällen; Rückgewinnung", hu: "Hulladékgazdálkodás",
            en: "Waste collection, treatment and disposal activities; materials recovery"),
        .init(
            "39", de: "Beseitigung von Umweltverschmutzungen und sonstige Entsorgung",
            hu: "Szennyeződésmentesítés, egyéb hulladékkezelés",
            en: "Remediation activities and other waste management services"),
        .init("41", de: "Hochbau", hu: "Épületek építése", en: "Construction of buildings"),
        .init("42", de: "Tiefbau", hu: "Egyéb építmény építése", en: "Civil engineering"),
        .init(
            "43", de: "Vorbereitende Baustellenarbeiten, Bauinstallation und sonstiges Ausbaugewerbe",
            hu: "Speciális szaképítés", en: "Specialised construction activities"),
        .init(
            "45", de: "Handel mit Kraftfahrzeugen; Instandhaltung und Reparatur von Kraftfahrzeugen",
            hu: "Gépjármű-, motorkerékpár kereskedelme, javítása",
            en: "Wholesale and retail trade and repair of motor vehicles and motorcycles"),
        .init(
            "46", de: "Großhandel (ohne Handel mit Kraftfahrzeugen und Krafträdern)",
            hu: "Nagykereskedelem (kivéve: jármű, motorkerékpár)",
            en: "Wholesale trade, except of motor vehicles and motorcycles"),
        .init(
            "47", de: "Einzelhandel (ohne Handel mit Kraftfahrzeugen)",
            hu: "Kiskereskedelem (kivéve: gépjármű, motorkerékpár)",
            en: "Retail trade, except of motor vehicles and motorcycles"),
        .init(
            "49", de: "Landverkehr und Transport in Rohrfernleitungen", hu: "Szárazföldi, csővezetékes szállítás",
            en: "Land transport and transport via pipelines"),
        .init("50", de: "Schifffahrt", hu: "Vízi szállítás", en: "Water transport"),
        .init("51", de: "Luftfahrt", hu: "Légi szállítás", en: "Air transport"),
        .init(
            "52", de: "Lagerei sowie Erbringung von sonstigen Dienstleistungen für den Verkehr",
            hu: "Raktározás, szállítást kiegészítő tevékenység",
            en: "Warehousing and support activities for transportation"),
        .init(
            "53", de: "Post-, Kurier- und Expressdienste", hu: "Postai, futárpostai tevékenység",
            en: "Postal and courier activities"),
        .init("55", de: "Beherbergung", hu: "Szálláshely-szolgáltatás", en: "Accommodation"),
        .init("56", de: "Gastronomie", hu: "Vendéglátás", en: "Food and beverage service activities"),
        .init("58", de: "Verlagswesen", hu: "Kiadói tevékenység", en: "Publishing activities"),
        .init(
            "59",
            de: "Herstellung, Verleih und Vertrieb von Filmen und Fernsehprogrammen; Kinos; "
                + "Tonstudios und Verlegen von Musik",
            hu: "Film, videó gyártás, televízióműsor gyártása, hangfelvétel kiadás",
            en: "Motion picture, video and television programme production, "
                + "sound recording and music publishing activities"),
        .init(
            "60", de: "Rundfunkveranstalter", hu: "Műsorösszeállítás, műsorszolgáltatás",
            en: "Programming and broadcasting activities"),
        .init("61", de: "Telekommunikation", hu: "Távközlés", en: "Telecommunications"),
        .init(
            "62", de: "Erbringung von Dienstleistungen der Informationstechnologie",
            hu: "Információ-technológiai szolgáltatás", en: "Computer programming, consultancy and related activities"),
        .init(
            "63", de: "Informationsdienstleistungen", hu: "Információs szolgáltatás",
            en: "Information service activities"),
        .init(
            "64", de: "Erbringung von Finanzdienstleistungen",
            hu: "Pénzügyi közvetítés, kivéve: biztosítási, nyugdíjpénztári tevékenység",
            en: "Financial service activities, except insurance and pension funding"),
        .init(
            "65", de: "Versicherungen, Rückversicherungen und Pensionskassen (ohne Sozialversicherung)",
            hu: "Biztosítás, viszontbiztosítás, nyugdíjalapok (kivéve: kötelező társadalombiztosítás)",
            en: "Insurance, reinsurance and pension funding, except compulsory social security"),
        .init(
            "66", de: "Mit Finanz- und Versicherungsdienstleistungen verbundene Tätigkeiten",
            hu: "Egyéb pénzügyi tevékenység",
            en: "Activities auxiliary to financial services and insurance activities"),
        .init("68", de: "Grundstücks- und Wohnungswesen", hu: "Ingatlanügyletek", en: "Real estate activities"),
        .init(
            "69", de: "Rechts- und Steuerberatung, Wirtschaftsprüfung",
            hu: "Jogi, számviteli, adószakértői tevékenység", en: "Legal and accounting activities"),
        .init(
            "70", de: "Verwaltung und Führung von Unternehmen und Betrieben; Unternehmensberatung",
            hu: "Üzletvezetési, vezetői tanácsadás",
            en: "Activities of head offices; management consultancy activities"),
        .init(
            "71", de: "Architektur- und Ingenieurbüros; technische, physikalische und chemische Untersuchung",
            hu: "Mérnöki és építészmérnöki tevékenység; műszaki vizsgálat, elemzés",
            en: "Architectural and engineering activities; technical testing and analysis"),
        .init(
            "72", de: "Forschung und Entwicklung", hu: "Tudományos kutatás, fejlesztés",
            en: "Scientific research and development"),
        .init("73", de: "Werbung und Marktforschung", hu: "Reklám, piackutatás", en: "Advertising and market research"),
        .init(
            "74", de: "Sonstige freiberufliche, wissenschaftliche und technische Tätigkeiten",
            hu: "Egyéb szakmai, tudományos, műszaki tevékenység",
            en: "Other professional, scientific and technical activities"),
        .init("75", de: "Veterinärwesen", hu: "Állat-egészségügyi ellátás", en: "Veterinary activities"),
        .init(
            "77", de: "Vermietung von beweglichen Sachen", hu: "Kölcsönzés, operatív lízing",
            en: "Rental and leasing activities"),
        .init(
            "78", de: "Vermittlung und Überlassung von Arbeitskräften", hu: "Munkaerőpiaci szolgáltatás",
            en: "Employment activities"),
        .init(
            "79", de: "Reisebüros, Reiseveranstalter und Erbringung sonstiger Reservierungsdienstleistungen",
            hu: "Utazásközvetítés, utazásszervezés, egyéb foglalás",
            en: "Travel agency, tour operator and other reservation service and related activities"),
        .init(
            "80", de: "Wach- und Sicherheitsdienste sowie Detekteien", hu: "Biztonsági, nyomozói tevékenység",
            en: "Security and investigation activities"),
        .init(
            "81", de: "Gebäudebetreuung; Garten- und Landschaftsbau", hu: "Építmény üzemeltetés, zöldterület-kezelés",
            en: "Services to buildings and landscape activities"),
        .init(
            "82", de: "Erbringung von wirtschaftlichen Dienstleistungen für Unternehmen und Privatpersonen a. n. g.",
            hu: "Adminisztratív-, kiegészítő egyéb üzleti szolgáltatás",
            en: "Office administrative, office support and other business support activities"),
        .init(
            "84", de: "Öffentliche Verwaltung, Verteidigung; Sozialversicherung",
            hu: "Közigazgatás, védelem; kötelező társadalombiztosítás",
            en: "Public administration and defence; compulsory social security"),
        .init("85", de: "Erziehung und Unterricht", hu: "Oktatás", en: "Education"),
        .init("86", de: "Gesundheitswesen", hu: "Humán-egészségügyi ellátás", en: "Human health activities"),
        .init(
            "87", de: "Heime (ohne Erholungs- und Ferienheime)", hu: "Bentlakásos, nem kórházi ápolás",
            en: "Residential care activities"),
        .init(
            "88", de: "Sozialwesen (ohne Heime)", hu: "Szociális ellátás bentlakás nélkül",
            en: "Social work activities without accommodation"),
        .init(
            "90", de: "Kreative, künstlerische und unterhaltende Tätigkeiten",
            hu: "Alkotó-, művészeti-, szórakoztató tevékenység", en: "Creative, arts and entertainment activities"),
        .init(
            "91", de: "Bibliotheken, Archive, Museen, botanische und zoologische Gärten",
            hu: "Könyvtári, levéltári, múzeumi, egyéb kulturális tevékenység",
            en: "Libraries, archives, museums and other cultural activities"),
        .init(
            "92", de: "Spiel-, Wett- und Lotteriewesen", hu: "Szerencsejáték, fogadás",
            en: "Gambling and betting activities"),
        .init(
            "93", de: "Erbringung von Dienstleistungen des Sports, der Unterhaltung und der Erholung",
            hu: "Sport-, szórakoztató-, szabadidős tevékenység",
            en: "Sports activities and amusement and recreation activities"),
        .init(
            "94",
            de: "Interessenvertretungen sowie kirchliche und sonstige religiöse Vereinigungen "
                + "(ohne Sozialwesen und Sport)",
            hu: "Érdekképviselet", en: "Activities of membership organisations"),
        .init(
            "95", de: "Reparatur von Datenverarbeitungsgeräten und Gebrauchsgütern",
            hu: "Számítógép, személyi-, háztartási cikk javítása",
            en: "Repair of computers and personal and household goods"),
        .init(
            "96", de: "Erbringung von sonstigen überwiegend persönlichen Dienstleistungen",
            hu: "Egyéb személyi szolgáltatás", en: "Other personal service activities"),
        .init(
            "97", de: "Private Haushalte mit Hauspersonal", hu: "Háztartási alkalmazottat foglalkoztató magánháztartás",
            en: "Activities of households as employers of domestic personnel"),
        .init(
            "98",
            de: "Herstellung von Waren und Erbringung von Dienstleistungen durch private Haushalte für den Eigenbedarf "
                + "ohne ausgeprägten Schwerpunkt",
            hu: "Háztartás termék-előállítása, szolgáltatása saját fogyasztásra",
            en: "Undifferentiated goods- and services-producing activities of private households for own use"),
        .init(
            "99", de: "Exterritoriale Organisationen und Körperschaften", hu: "Területen kívüli szervezet",
            en: "Activities of extraterritorial organisations and bodies"),
    ]
}
