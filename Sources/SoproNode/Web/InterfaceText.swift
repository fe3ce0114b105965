import DirectoryModel
import Foundation

/// Every string of the web pages' interface in German, Hungarian and English. Content (names,
/// descriptions) comes from the entries; these are the words around it.
enum InterfaceText {
    /// The page languages, in the order the language switch shows them.
    static let languages: [LanguageTag] = [.german, .hungarian, .english]

    /// Key → text per language. A test checks that every key has all three.
    static let table: [String: [LanguageTag: String]] = [
        "siteName": [
            .german: "Sozialwirtschaft-Katalog", .hungarian: "Szociális gazdaság katalógus",
            .english: "Social Enterprise Catalogue",
        ],
        "siteTagline": [
            .german: "Soziale Unternehmen, ihre Produkte und Kooperationen in Ostösterreich und Westungarn",
            .hungarian:
                "Szociális vállalkozások, termékeik és együttműködéseik Kelet-Ausztriában és Nyugat-Magyarországon",
            .english: "Social enterprises, their products and cooperations in Eastern Austria and Western Hungary",
        ],
        "intro": [
            .german:
                "Arbeitsintegrierende soziale Unternehmen stellen Produkte her und bieten Dienstleistungen an – und schaffen dabei Arbeitsplätze für Menschen, die am Arbeitsmarkt benachteiligt sind. Dieser Katalog zeigt sie, was sie anbieten und wie Unternehmen und öffentliche Auftraggeber mit ihnen zusammenarbeiten. Die Partnerregionen pflegen ihn gemeinsam.",
            .hungarian:
                "A munkaerőpiaci integrációt segítő szociális vállalkozások termékeket állítanak elő és szolgáltatásokat nyújtanak – és közben munkahelyet teremtenek a munkaerőpiacon hátrányos helyzetű embereknek. Ez a katalógus bemutatja őket, kínálatukat, és azt, hogyan dolgoznak velük együtt vállalatok és közbeszerzők. A partnerrégiók közösen gondozzák.",
            .english:
                "Work-integration social enterprises make products and provide services – and create jobs for people who are disadvantaged on the labour market. This catalogue shows who they are, what they offer, and how companies and public buyers work with them. The partner regions keep it together.",
        ],
        "skipToContent": [
            .german: "Zum Inhalt springen", .hungarian: "Ugrás a tartalomhoz", .english: "Skip to content",
        ],
        "mainNav": [.german: "Hauptnavigation", .hungarian: "Főmenü", .english: "Main navigation"],
        "navHome": [.german: "Start", .hungarian: "Kezdőlap", .english: "Home"],
        "navSearch": [.german: "Suchen", .hungarian: "Keresés", .english: "Search"],
        "navFederation": [.german: "Verbund", .hungarian: "Hálózat", .english: "Federation"],
        "languageSwitch": [.german: "Sprache", .hungarian: "Nyelv", .english: "Language"],
        "searchLabel": [
            .german: "Katalog durchsuchen", .hungarian: "Keresés a katalógusban", .english: "Search the catalogue",
        ],
        "searchPlaceholder": [
            .german: "z. B. Holz, Catering, Textil", .hungarian: "pl. fa, étkeztetés, textil",
            .english: "e.g. wood, catering, textiles",
        ],
        "searchButton": [.german: "Suchen", .hungarian: "Keresés", .english: "Search"],
        "lighthouseCooperations": [
            .german: "Vorzeige-Kooperationen", .hungarian: "Kiemelt együttműködések",
            .english: "Lighthouse cooperations",
        ],
        "lighthouseProducts": [
            .german: "Vorzeige-Produkte und -Dienstleistungen", .hungarian: "Kiemelt termékek és szolgáltatások",
            .english: "Lighthouse products and services",
        ],
        "countsTitle": [
            .german: "Einträge nach Region", .hungarian: "Bejegyzések régiónként", .english: "Entries by region",
        ],
        "recentTitle": [.german: "Zuletzt geändert", .hungarian: "Legutóbb módosítva", .english: "Recently updated"],
        "region": [.german: "Region", .hungarian: "Régió", .english: "Region"],
        "total": [.german: "Gesamt", .hungarian: "Összesen", .english: "Total"],
        "noRegion": [.german: "ohne Region", .hungarian: "régió nélkül", .english: "no region"],
        "kind.enterprise": [
            .german: "Soziale Unternehmen", .hungarian: "Szociális vállalkozások", .english: "Social enterprises",
        ],
        "kind.product": [
            .german: "Produkte und Dienstleistungen", .hungarian: "Termékek és szolgáltatások",
            .english: "Products and services",
        ],
        "kind.cooperation": [.german: "Kooperationen", .hungarian: "Együttműködések", .english: "Cooperations"],
        "kindOne.enterprise": [
            .german: "Soziales Unternehmen", .hungarian: "Szociális vállalkozás", .english: "Social enterprise",
        ],
        "kindOne.product": [
            .german: "Produkt oder Dienstleistung", .hungarian: "Termék vagy szolgáltatás",
            .english: "Product or service",
        ],
        "kindOne.cooperation": [.german: "Kooperation", .hungarian: "Együttműködés", .english: "Cooperation"],
        "facet.kind": [.german: "Art", .hungarian: "Típus", .english: "Kind"],
        "facet.region": [.german: "Region", .hungarian: "Régió", .english: "Region"],
        "facet.category": [
            .german: "Produktkategorie (CPV)", .hungarian: "Termékkategória (CPV)", .english: "Product category (CPV)",
        ],
        "facet.sector": [.german: "Branche (NACE)", .hungarian: "Ágazat (NACE)", .english: "Sector (NACE)"],
        "facet.socialModel": [.german: "Sozialmodell", .hungarian: "Szociális modell", .english: "Social model"],
        "facet.targetGroup": [.german: "Zielgruppe", .hungarian: "Célcsoport", .english: "Target group"],
        "facet.sustainability": [.german: "Nachhaltigkeit", .hungarian: "Fenntarthatóság", .english: "Sustainability"],
        "facet.deliveryArea": [.german: "Liefergebiet", .hungarian: "Szállítási terület", .english: "Delivery area"],
        "filtersTitle": [.german: "Eingrenzen", .hungarian: "Szűkítés", .english: "Refine"],
        "activeFilters": [.german: "Aktive Filter", .hungarian: "Aktív szűrők", .english: "Active filters"],
        "removeFilter": [.german: "Filter entfernen", .hungarian: "Szűrő eltávolítása", .english: "Remove filter"],
        "clearAll": [
            .german: "Alle Filter entfernen", .hungarian: "Összes szűrő törlése", .english: "Clear all filters",
        ],
        "resultsCount": [.german: "{n} Einträge", .hungarian: "{n} bejegyzés", .english: "{n} entries"],
        "resultsFor": [
            .german: "Ergebnisse für „{q}“", .hungarian: "Találatok erre: „{q}”", .english: "Results for “{q}”",
        ],
        "browseTitle": [.german: "Alle Einträge", .hungarian: "Összes bejegyzés", .english: "All entries"],
        "nextPage": [.german: "Weitere Ergebnisse", .hungarian: "További találatok", .english: "More results"],
        "firstPage": [
            .german: "Zur ersten Seite", .hungarian: "Vissza az első oldalra", .english: "Back to the first page",
        ],
        "nothingFound": [.german: "Nichts gefunden", .hungarian: "Nincs találat", .english: "Nothing found"],
        "nothingFoundHint": [
            .german: "Kein Eintrag passt zu dieser Suche. Vielleicht hilft eines davon:",
            .hungarian: "Egyetlen bejegyzés sem felel meg a keresésnek. Talán ezek segítenek:",
            .english: "No entry matches this search. One of these may help:",
        ],
        "suggestFewerWords": [
            .german: "Nur nach „{q}“ suchen", .hungarian: "Keresés csak erre: „{q}”", .english: "Search only for “{q}”",
        ],
        "suggestNoFilters": [
            .german: "Ohne Filter suchen", .hungarian: "Keresés szűrők nélkül", .english: "Search without filters",
        ],
        "suggestBrowse": [
            .german: "Alle Einträge durchsehen", .hungarian: "Az összes bejegyzés böngészése",
            .english: "Browse all entries",
        ],
        "suggestSpelling": [
            .german: "Prüfen Sie die Schreibweise oder versuchen Sie ein allgemeineres Wort. Akzente sind egal.",
            .hungarian: "Ellenőrizze a helyesírást, vagy próbáljon általánosabb szót. Az ékezetek nem számítanak.",
            .english: "Check the spelling or try a more general word. Accents do not matter.",
        ],
        "fallbackMarker": [.german: "auf {language}", .hungarian: "{language} nyelven", .english: "in {language}"],
        "language.de": [.german: "Deutsch", .hungarian: "német", .english: "German"],
        "language.hu": [.german: "Ungarisch", .hungarian: "magyar", .english: "Hungarian"],
        "language.en": [.german: "Englisch", .hungarian: "angol", .english: "English"],
        "lighthouse": [.german: "Vorzeigebeispiel", .hungarian: "Kiemelt példa", .english: "Lighthouse example"],
        "updated": [.german: "geändert", .hungarian: "módosítva", .english: "updated"],
        "provenanceTitle": [.german: "Herkunft", .hungarian: "Eredet", .english: "Provenance"],
        "publishedBy": [.german: "Veröffentlicht von", .hungarian: "Közzétette", .english: "Published by"],
        "lastChange": [.german: "Letzte Änderung", .hungarian: "Utolsó módosítás", .english: "Last change"],
        "byEditor": [.german: "durch {editor}", .hungarian: "szerkesztő: {editor}", .english: "by {editor}"],
        "signedNote": [
            .german: "Jede Angabe ist von der Region, die sie eingetragen hat, digital signiert.",
            .hungarian: "Minden adatot az azt rögzítő régió digitálisan aláírt.",
            .english: "Every value is digitally signed by the region that entered it.",
        ],
        "conflictsNote": [
            .german:
                "Gleichzeitige Änderungen aus mehreren Regionen: {n} abweichende Werte werden für die Redaktion aufbewahrt.",
            .hungarian: "Több régió egyidejű módosításai: {n} eltérő értéket a szerkesztők számára megőrzünk.",
            .english: "Concurrent edits from several regions: {n} differing values are kept for the editors.",
        ],
        "profile": [.german: "Profil", .hungarian: "Profil", .english: "Profile"],
        "socialModel": [.german: "Sozialmodell", .hungarian: "Szociális modell", .english: "Social model"],
        "labourMarket": [.german: "Arbeitsmarkt", .hungarian: "Munkaerőpiac", .english: "Labour market"],
        "targetGroups": [.german: "Zielgruppen", .hungarian: "Célcsoportok", .english: "Target groups"],
        "sectors": [.german: "Branchen", .hungarian: "Ágazatok", .english: "Sectors"],
        "founded": [.german: "Gegründet", .hungarian: "Alapítva", .english: "Founded"],
        "employees": [.german: "Beschäftigte", .hungarian: "Foglalkoztatottak", .english: "Employees"],
        "integrationPlaces": [
            .german: "Integrationsarbeitsplätze", .hungarian: "Integrációs munkahelyek", .english: "Integration places",
        ],
        "legalForm": [.german: "Rechtsform", .hungarian: "Jogi forma", .english: "Legal form"],
        "certifications": [.german: "Zertifizierungen", .hungarian: "Tanúsítványok", .english: "Certifications"],
        "workingLanguages": [.german: "Arbeitssprachen", .hungarian: "Munkanyelvek", .english: "Working languages"],
        "capacity": [.german: "Kapazität", .hungarian: "Kapacitás", .english: "Capacity"],
        "contact": [.german: "Kontakt", .hungarian: "Kapcsolat", .english: "Contact"],
        "address": [.german: "Adresse", .hungarian: "Cím", .english: "Address"],
        "email": [.german: "E-Mail", .hungarian: "E-mail", .english: "Email"],
        "phone": [.german: "Telefon", .hungarian: "Telefon", .english: "Phone"],
        "website": [.german: "Website", .hungarian: "Weboldal", .english: "Website"],
        "productsOf": [
            .german: "Produkte und Dienstleistungen", .hungarian: "Termékek és szolgáltatások",
            .english: "Products and services",
        ],
        "cooperationsOf": [.german: "Kooperationen", .hungarian: "Együttműködések", .english: "Cooperations"],
        "madeBy": [.german: "Angeboten von", .hungarian: "Kínálja", .english: "Offered by"],
        "productType": [.german: "Art", .hungarian: "Típus", .english: "Type"],
        "categories": [.german: "Kategorien (CPV)", .hungarian: "Kategóriák (CPV)", .english: "Categories (CPV)"],
        "sustainability": [.german: "Nachhaltigkeit", .hungarian: "Fenntarthatóság", .english: "Sustainability"],
        "deliveryArea": [.german: "Liefergebiet", .hungarian: "Szállítási terület", .english: "Delivery area"],
        "ordering": [.german: "Bestellung", .hungarian: "Rendelés", .english: "Ordering"],
        "minimumQuantity": [.german: "Mindestmenge", .hungarian: "Minimális mennyiség", .english: "Minimum quantity"],
        "leadTime": [.german: "Lieferzeit", .hungarian: "Átfutási idő", .english: "Lead time"],
        "days": [.german: "{n} Tage", .hungarian: "{n} nap", .english: "{n} days"],
        "price": [.german: "Preis", .hungarian: "Ár", .english: "Price"],
        "priceOnRequest": [.german: "auf Anfrage", .hungarian: "kérésre", .english: "on request"],
        "partners": [.german: "Partner", .hungarian: "Partnerek", .english: "Partners"],
        "socialEnterprises": [
            .german: "Soziale Unternehmen", .hungarian: "Szociális vállalkozások", .english: "Social enterprises",
        ],
        "clientsAndPartners": [
            .german: "Auftraggeber und Partner", .hungarian: "Megrendelők és partnerek",
            .english: "Clients and partners",
        ],
        "contracting": [.german: "Vergabe", .hungarian: "Beszerzési mód", .english: "Contracting"],
        "regions": [.german: "Regionen", .hungarian: "Régiók", .english: "Regions"],
        "period": [.german: "Zeitraum", .hungarian: "Időszak", .english: "Period"],
        "volume": [.german: "Umfang", .hungarian: "Terjedelem", .english: "Volume"],
        "contractValue": [.german: "Auftragswert", .hungarian: "Szerződéses érték", .english: "Contract value"],
        "outcome": [.german: "Ergebnis", .hungarian: "Eredmény", .english: "Outcome"],
        "placesCreated": [
            .german: "Geschaffene Integrationsplätze", .hungarian: "Létrehozott integrációs helyek",
            .english: "Integration places created",
        ],
        "quote": [
            .german: "Stimme des Auftraggebers", .hungarian: "A megrendelő szavai", .english: "What the client says",
        ],
        "productsUsed": [
            .german: "Produkte und Dienstleistungen", .hungarian: "Termékek és szolgáltatások",
            .english: "Products and services",
        ],
        "federationTitle": [
            .german: "Der Verbund der Knoten", .hungarian: "A csomópontok hálózata",
            .english: "The federation of nodes",
        ],
        "federationIntro": [
            .german:
                "Jede Partnerregion betreibt einen eigenen Knoten; die Knoten tauschen signierte Änderungen aus, bis alle denselben Katalog halten. Stimmen die Prüfsummen überein, ist der Verbund einig.",
            .hungarian:
                "Minden partnerrégió saját csomópontot működtet; a csomópontok aláírt változásokat cserélnek, amíg mindegyik ugyanazt a katalógust tartalmazza. Ha az ellenőrzőösszegek egyeznek, a hálózat egységes.",
            .english:
                "Each partner region runs its own node; the nodes exchange signed changes until all hold the same catalogue. When the digests agree, the federation agrees.",
        ],
        "thisNode": [.german: "Dieser Knoten", .hungarian: "Ez a csomópont", .english: "This node"],
        "name": [.german: "Name", .hungarian: "Név", .english: "Name"],
        "mode": [.german: "Betrieb", .hungarian: "Üzemmód", .english: "Mode"],
        "mode.node": [.german: "Regionaler Knoten", .hungarian: "Regionális csomópont", .english: "Regional node"],
        "mode.mirror": [
            .german: "Spiegel (nur lesen)", .hungarian: "Tükör (csak olvasás)", .english: "Mirror (read-only)",
        ],
        "author": [.german: "Autoren-ID", .hungarian: "Szerzőazonosító", .english: "Author id"],
        "digest": [
            .german: "Prüfsumme des Katalogs", .hungarian: "A katalógus ellenőrzőösszege", .english: "Catalogue digest",
        ],
        "changesHeld": [.german: "Gespeicherte Änderungen", .hungarian: "Tárolt változások", .english: "Changes held"],
        "peers": [.german: "Nachbarknoten", .hungarian: "Szomszédos csomópontok", .english: "Peers"],
        "noPeers": [
            .german: "Dieser Knoten hat keine Nachbarknoten.", .hungarian: "Ennek a csomópontnak nincsenek szomszédai.",
            .english: "This node has no peers.",
        ],
        "lastSync": [.german: "Letzter Abgleich", .hungarian: "Utolsó szinkronizálás", .english: "Last sync"],
        "never": [.german: "noch nie", .hungarian: "még soha", .english: "never"],
        "behind": [.german: "Rückstand", .hungarian: "Lemaradás", .english: "Behind"],
        "lastError": [.german: "Letzter Fehler", .hungarian: "Utolsó hiba", .english: "Last error"],
        "inStep": [.german: "im Gleichstand", .hungarian: "naprakész", .english: "in step"],
        "changesBehind": [
            .german: "{n} Änderungen zurück", .hungarian: "{n} változással lemaradva", .english: "{n} changes behind",
        ],
        "entriesByOrigin": [
            .german: "Einträge nach veröffentlichender Region", .hungarian: "Bejegyzések a közzétevő régió szerint",
            .english: "Entries by publishing region",
        ],
        "authorsTitle": [
            .german: "Regionen und ihre Änderungen", .hungarian: "Régiók és változásaik",
            .english: "Regions and their changes",
        ],
        "entries": [.german: "Einträge", .hungarian: "Bejegyzések", .english: "Entries"],
        "notFoundTitle": [
            .german: "Seite nicht gefunden", .hungarian: "Az oldal nem található", .english: "Page not found",
        ],
        "notFoundText": [
            .german: "Diese Seite gibt es nicht (mehr). Vielleicht wurde der Eintrag zurückgezogen.",
            .hungarian: "Ez az oldal nem létezik (már). Lehet, hogy a bejegyzést visszavonták.",
            .english: "This page does not exist (any more). The entry may have been withdrawn.",
        ],
        "footerNote": [
            .german: "Ein gemeinsamer Katalog der Partnerregionen – ohne zentralen Server, von jeder Region signiert.",
            .hungarian: "A partnerrégiók közös katalógusa – központi szerver nélkül, minden régió aláírásával.",
            .english: "A shared catalogue of the partner regions – no central server, signed by each region.",
        ],
        "machineReadable": [.german: "Daten (JSON)", .hungarian: "Adatok (JSON)", .english: "Data (JSON)"],
        "feed": [
            .german: "Änderungen als Feed", .hungarian: "Változások hírcsatornaként", .english: "Changes as a feed",
        ],
        "yes": [.german: "ja", .hungarian: "igen", .english: "yes"],
        "feedTitle": [
            .german: "Sozialwirtschaft-Katalog: zuletzt geändert",
            .hungarian: "Szociális gazdaság katalógus: legutóbb módosítva",
            .english: "Social Enterprise Catalogue: recently updated",
        ],
        "feedTitleRegion": [
            .german: "Sozialwirtschaft-Katalog: zuletzt geändert in {region}",
            .hungarian: "Szociális gazdaság katalógus: legutóbb módosítva – {region}",
            .english: "Social Enterprise Catalogue: recently updated in {region}",
        ],
        "feedSubtitle": [
            .german: "Die zuletzt veröffentlichten oder geänderten Einträge, neueste zuerst.",
            .hungarian: "A legutóbb közzétett vagy módosított bejegyzések, a legújabb elöl.",
            .english: "The entries published or changed last, newest first.",
        ],
        "feedAll": [.german: "Alle Regionen", .hungarian: "Minden régió", .english: "All regions"],
        "refineResults": [
            .german: "Ergebnisse eingrenzen", .hungarian: "Találatok szűkítése", .english: "Refine the results",
        ],
        "backToResults": [
            .german: "Zurück zu den Ergebnissen", .hungarian: "Vissza a találatokhoz", .english: "Back to the results",
        ],
    ]

    /// The text for `key` in `language`; `{name}` placeholders are replaced from `values`.
    static func text(_ key: String, _ language: LanguageTag, _ values: [String: String] = [:]) -> String {
        var text = table[key]?[language] ?? table[key]?[.english] ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// Every key's text in `language`, for templates (`{{t.searchButton}}`).
    static func all(in language: LanguageTag) -> [String: String] {
        table.mapValues { $0[language] ?? $0[.english] ?? "" }
    }
}
