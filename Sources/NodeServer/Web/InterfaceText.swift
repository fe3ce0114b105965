import DirectoryModel
import Foundation

/// Every string of the web pages' interface in German, Hungarian and English. Content (names,
/// descriptions) comes from the entries; these are the words around it.
enum InterfaceText {
    /// The page languages, in the order the language switch shows them.
    static let languages: [LanguageTag] = [.german, .hungarian, .english]

    /// Key → text per language, the pages' and the workspace forms'. A test checks that every
    /// key has all three.
    static let table: [String: [LanguageTag: String]] = pageTable.merging(formTable) { page, _ in page }

    static let pageTable: [String: [LanguageTag: String]] = [
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
        "facet.reserved": [
            .german: "Vorbehaltene Aufträge (Art. 20)", .hungarian: "Fenntartott szerződés (20. cikk)",
            .english: "Reserved contracts (Art. 20)",
        ],
        "reservedFacetEligible": [
            .german: "geeignet (mind. 30 % benachteiligte Beschäftigte)",
            .hungarian: "jogosult (legalább 30 % hátrányos helyzetű munkavállaló)",
            .english: "eligible (at least 30 % disadvantaged staff)",
        ],
        "mapTitle": [
            .german: "Karte: die Einträge dieser Seite", .hungarian: "Térkép: az oldal bejegyzései",
            .english: "Map: the entries on this page",
        ],
        "mapCaption": [
            .german:
                "{placed} von {n} Einträgen dieser Seite auf der Karte (Produkte beim herstellenden Unternehmen). Umrisse: Natural Earth.",
            .hungarian:
                "Az oldal {n} bejegyzéséből {placed} a térképen (a termékek a gyártó vállalkozásnál). Körvonalak: Natural Earth.",
            .english:
                "{placed} of the {n} entries on this page on the map (products at the enterprise that makes them). Outlines: Natural Earth.",
        ],
        "workspaceTitle": [
            .german: "Redaktion", .hungarian: "Szerkesztőség", .english: "Editors' workspace",
        ],
        "workspaceSignIn": [.german: "Anmelden", .hungarian: "Bejelentkezés", .english: "Sign in"],
        "workspaceSignInIntro": [
            .german: "Für die Redakteurinnen und Redakteure dieses Knotens. Ein Konto richtet die Betreiberin ein.",
            .hungarian: "A csomópont szerkesztőinek. A fiókot az üzemeltető hozza létre.",
            .english: "For this node's editors. The operator creates accounts.",
        ],
        "workspaceEmail": [.german: "E-Mail-Adresse", .hungarian: "E-mail-cím", .english: "E-mail address"],
        "workspacePassword": [.german: "Passwort", .hungarian: "Jelszó", .english: "Password"],
        "workspaceRefused": [
            .german: "E-Mail-Adresse oder Passwort ist falsch.",
            .hungarian: "Az e-mail-cím vagy a jelszó hibás.",
            .english: "The e-mail address or the password is wrong.",
        ],
        "workspaceLocked": [
            .german:
                "Zu viele falsche Passwörter: Anmelden ist bis {time} UTC gesperrt. Die Betreiberin kann das Passwort zurücksetzen.",
            .hungarian:
                "Túl sok hibás jelszó: a bejelentkezés {time} UTC-ig zárolva. Az üzemeltető visszaállíthatja a jelszót.",
            .english:
                "Too many wrong passwords: signing in is locked until {time} UTC. The operator can reset the password.",
        ],
        "workspaceTooMany": [
            .german: "Zu viele Anmeldeversuche von dieser Adresse. Bitte in einigen Minuten erneut versuchen.",
            .hungarian: "Túl sok bejelentkezési kísérlet erről a címről. Kérjük, próbálja újra néhány perc múlva.",
            .english: "Too many sign-in attempts from this address. Please try again in a few minutes.",
        ],
        "workspaceFormExpired": [
            .german: "Das Formular ist abgelaufen oder kam nicht von dieser Seite. Bitte erneut senden.",
            .hungarian: "Az űrlap lejárt, vagy nem erről az oldalról érkezett. Kérjük, küldje el újra.",
            .english: "The form has expired or did not come from this site. Please send it again.",
        ],
        "workspaceSignedInAs": [
            .german: "Angemeldet als {name} ({role}).", .hungarian: "Bejelentkezve: {name} ({role}).",
            .english: "Signed in as {name} ({role}).",
        ],
        "role.editor": [.german: "Redaktion", .hungarian: "szerkesztő", .english: "editor"],
        "role.operator": [.german: "Betrieb", .hungarian: "üzemeltető", .english: "operator"],
        "workspaceRegionEntries": [
            .german: "Die Einträge dieser Region", .hungarian: "A régió bejegyzései",
            .english: "This region's entries",
        ],
        "workspaceInquiries": [.german: "Anfragen", .hungarian: "Megkeresések", .english: "Inquiries"],
        "workspaceAttention": [
            .german: "Zu bearbeiten: {n} von {scanned} Einträgen dieser Region",
            .hungarian: "Teendők: a régió {scanned} bejegyzéséből {n}",
            .english: "Needs attention: {n} of this region's {scanned} entries",
        ],
        "workspaceAllGood": [
            .german: "Nichts offen: keine Probleme, Konflikte, fehlenden Übersetzungen oder Dubletten.",
            .hungarian: "Nincs teendő: nincs hiba, ütközés, hiányzó fordítás vagy ismétlődés.",
            .english: "Nothing open: no problems, conflicts, missing translations or duplicates.",
        ],
        "workspaceMore": [
            .german: "Die ersten {n} sind gezeigt.", .hungarian: "Az első {n} látható.",
            .english: "The first {n} are shown.",
        ],
        "workspaceMoreProblems": [
            .german: "und {n} weitere Probleme", .hungarian: "és további {n} hiba", .english: "and {n} more problems",
        ],
        "workspaceMissing": [
            .german: "Name oder Beschreibung fehlt auf: {languages}",
            .hungarian: "A név vagy a leírás hiányzik: {languages}",
            .english: "Name or description missing in: {languages}",
        ],
        "workspaceDuplicate": [
            .german: "Möglicherweise dasselbe Unternehmen wie", .hungarian: "Valószínűleg ugyanaz a vállalkozás, mint",
            .english: "Possibly the same enterprise as",
        ],
        "workspaceSignOut": [.german: "Abmelden", .hungarian: "Kijelentkezés", .english: "Sign out"],
        "mapTiles": [
            .german: "Kartenbild: {attribution}", .hungarian: "Térképalap: {attribution}",
            .english: "Map tiles: {attribution}",
        ],
        "embedMore": [
            .german: "Alle Ergebnisse im Katalog", .hungarian: "Az összes találat a katalógusban",
            .english: "All results in the catalogue",
        ],
        "sortLabel": [.german: "Sortieren nach", .hungarian: "Rendezés", .english: "Sort by"],
        "sortButton": [.german: "Sortieren", .hungarian: "Rendezés", .english: "Sort"],
        "sort.relevance": [.german: "Relevanz", .hungarian: "Relevancia", .english: "Relevance"],
        "sort.updated": [
            .german: "Zuletzt aktualisiert", .hungarian: "Legutóbb frissített", .english: "Recently updated",
        ],
        "sort.name": [.german: "Name", .hungarian: "Név", .english: "Name"],
        "facet.certification": [.german: "Zertifizierung", .hungarian: "Tanúsítvány", .english: "Certification"],
        "facet.contracting": [.german: "Vergabeart", .hungarian: "Beszerzési mód", .english: "Contracting"],
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
        "openingHours": [.german: "Öffnungszeiten", .hungarian: "Nyitvatartás", .english: "Opening hours"],
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
        "digestMismatch": [
            .german: "Gleiche Stände, aber andere Prüfsumme", .hungarian: "Azonos állapot, de eltérő ellenőrzőösszeg",
            .english: "Same heads, different digest",
        ],
        "forksTitle": [.german: "Gabelungen", .hungarian: "Elágazások", .english: "Forks"],
        "forksIntro": [
            .german:
                "Diese Regionen haben zwei verschiedene Änderungen mit derselben Nummer signiert. Ihr Protokoll gilt auf jedem Knoten nur bis vor die Gabelung.",
            .hungarian:
                "Ezek a régiók két különböző változást írtak alá ugyanazzal a sorszámmal. Naplójuk minden csomóponton csak az elágazás előttig érvényes.",
            .english:
                "These regions signed two different changes with one number. On every node their log counts only up to the fork.",
        ],
        "forkAt": [.german: "ab Nummer {n}", .hungarian: "a(z) {n}. sorszámtól", .english: "from number {n}"],
        "rosterTitle": [.german: "Mitgliederliste", .hungarian: "Taglista", .english: "Roster"],
        "rosterInForce": [
            .german:
                "Version {v} der Mitgliederliste von {federation}; {t} Mitglieder müssen jede nächste Version signieren.",
            .hungarian:
                "A(z) {federation} taglistájának {v}. változata; minden következő változatot {t} tagnak kell aláírnia.",
            .english: "Version {v} of the roster of {federation}; {t} members must sign each next version.",
        ],
        "noRoster": [
            .german: "Dieser Knoten folgt keiner Mitgliederliste: er vertraut den Autoren seiner Konfiguration.",
            .hungarian: "Ez a csomópont nem követ taglistát: a konfigurációjában felsorolt szerzőkben bízik.",
            .english: "This node follows no roster: it trusts the authors its configuration lists.",
        ],
        "rosterWaiting": [
            .german: "Dieser Knoten folgt der Genesis {id}, hält sie aber noch nicht gültig: {problem}",
            .hungarian: "Ez a csomópont a(z) {id} genezist követi, de még nincs érvényes példánya: {problem}",
            .english: "This node follows genesis {id} but holds no valid copy of it yet: {problem}",
        ],
        "memberStatus": [.german: "Status", .hungarian: "Állapot", .english: "Status"],
        "member": [.german: "Mitglied", .hungarian: "Tag", .english: "Member"],
        "formerPartner": [.german: "ehemaliger Partner", .hungarian: "korábbi partner", .english: "Former partner"],
        "keyEvents": [.german: "Schlüsselwechsel", .hungarian: "Kulcscserék", .english: "Key events"],
        "proposalsTitle": [
            .german: "Vorschläge, die Zustimmungen sammeln", .hungarian: "Jóváhagyásra váró javaslatok",
            .english: "Proposals collecting approvals",
        ],
        "proposalLine": [
            .german: "Version {v}{changes}: {n} von {needed} nötigen Zustimmungen ({by})",
            .hungarian: "{v}. változat{changes}: {n} / {needed} szükséges jóváhagyás ({by})",
            .english: "Version {v}{changes}: {n} of {needed} approvals needed ({by})",
        ],
        "joining": [.german: "Beitritt", .hungarian: "csatlakozik", .english: "joining"],
        "leaving": [.german: "Austritt", .hungarian: "kilép", .english: "leaving"],
        "rosterForkLine": [
            .german: "Version {v} ist zweimal gültig signiert; keine der beiden gilt.",
            .hungarian: "A(z) {v}. változatot kétszer írták alá érvényesen; egyik sem érvényes.",
            .english: "Version {v} is validly signed twice; neither counts.",
        ],
        "keyEventLine": [
            .german: "{region} Nr. {seq} ({reason}): Schlüssel {old} gilt bis Änderung {last}, danach signiert {new}.",
            .hungarian:
                "{region} {seq}. ({reason}): a(z) {old} kulcs a(z) {last}. változásig érvényes, utána {new} ír alá.",
            .english: "{region} #{seq} ({reason}): key {old} counts up to change {last}; {new} signs from then on.",
        ],
        "reason.rotation": [.german: "geplant", .hungarian: "tervezett", .english: "planned"],
        "reason.revocation": [.german: "widerrufen", .hungarian: "visszavonva", .english: "revoked"],
        "reason.fork": [.german: "Gabelung gelöst", .hungarian: "elágazás feloldva", .english: "fork resolved"],
        "keyForkLine": [
            .german: "{region}: zwei gültige Schlüsselwechsel Nr. {seq}; keiner gilt.",
            .hungarian: "{region}: két érvényes {seq}. kulcscsere; egyik sem érvényes.",
            .english: "{region}: two valid key events #{seq}; neither counts.",
        ],
        "notSigning": [
            .german:
                "Dieser Knoten signiert noch nicht: er wartet auf die Bestätigung seines letzten eigenen Stands durch {peers}.",
            .hungarian: "Ez a csomópont még nem ír alá: saját utolsó állapotának megerősítésére vár ettől: {peers}.",
            .english: "This node does not sign yet: it waits for {peers} to confirm its own latest change.",
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

        // The inquiry form.
        "navInquiry": [.german: "Anfrage stellen", .hungarian: "Ajánlatkérés", .english: "Make an inquiry"],
        "inquiryTitle": [
            .german: "Ihre Idee, ein soziales Unternehmen macht es",
            .hungarian: "Az Ön ötlete – egy szociális vállalkozás megvalósítja",
            .english: "Your idea, made by a social enterprise",
        ],
        "inquiryIntro": [
            .german:
                "Beschreiben Sie, was Sie brauchen – ein Produkt, eine Dienstleistung oder eine Idee, die erst entwickelt werden soll. Die Partnerregion sucht das soziale Unternehmen, das es herstellen kann, auch über die Grenze, und meldet sich bei Ihnen.",
            .hungarian:
                "Írja le, mire van szüksége – termékre, szolgáltatásra vagy egy még kidolgozandó ötletre. A partnerrégió megkeresi azt a szociális vállalkozást, amely elkészíti, akár a határon túl is, és felveszi Önnel a kapcsolatot.",
            .english:
                "Describe what you need – a product, a service, or an idea still to be developed. The partner region finds the social enterprise that can make it, across the border too, and gets back to you.",
        ],
        "field.need": [.german: "Was brauchen Sie?", .hungarian: "Mire van szüksége?", .english: "What do you need?"],
        "hint.need": [
            .german: "Zum Beispiel: 300 Holzspielzeug-Sets für unsere Kindergärten bis März.",
            .hungarian: "Például: 300 fa játékkészlet az óvodáinknak márciusig.",
            .english: "For example: 300 wooden toy sets for our kindergartens by March.",
        ],
        "field.quantity": [.german: "Menge", .hungarian: "Mennyiség", .english: "Quantity"],
        "field.wantedBy": [.german: "Gewünscht bis", .hungarian: "Határidő", .english: "Wanted by"],
        "field.deliveryRegion": [.german: "Lieferregion", .hungarian: "Szállítási régió", .english: "Delivery region"],
        "field.categories": [
            .german: "Kategorien", .hungarian: "Kategóriák", .english: "Categories",
        ],
        "hint.categories": [
            .german: "Was Sie suchen: eine oder mehrere Kategorien der öffentlichen Beschaffung (CPV).",
            .hungarian: "Amit keres: egy vagy több közbeszerzési kategória (CPV).",
            .english: "What you are looking for: one or more public procurement categories (CPV).",
        ],
        "field.organisationType": [.german: "Sie sind", .hungarian: "Ön", .english: "You are"],
        "field.organisation": [.german: "Organisation", .hungarian: "Szervezet", .english: "Organisation"],
        "field.contactName": [.german: "Ansprechperson", .hungarian: "Kapcsolattartó", .english: "Contact person"],
        "field.email": [.german: "E-Mail", .hungarian: "E-mail", .english: "E-mail"],
        "field.phone": [.german: "Telefon", .hungarian: "Telefon", .english: "Phone"],
        "field.language": [.german: "Antwort auf", .hungarian: "Válasz nyelve", .english: "Answer in"],
        "field.consent": [.german: "Einwilligung", .hungarian: "Hozzájárulás", .english: "Consent"],
        "optional": [.german: "optional", .hungarian: "nem kötelező", .english: "optional"],
        "consentStatement": [
            .german:
                "Ich bin einverstanden, dass die Partnerregion meine Angaben speichert, um mich zu dieser Anfrage zu kontaktieren, und sie dazu an die Partnerregionen des Katalogs weitergibt. Geschlossene Anfragen werden nach der Aufbewahrungsfrist gelöscht; ich kann jederzeit Auskunft oder Löschung verlangen.",
            .hungarian:
                "Hozzájárulok, hogy a partnerrégió az adataimat e megkeresés ügyében való kapcsolatfelvétel céljából tárolja, és ehhez a katalógus partnerrégióinak továbbítsa. A lezárt megkereséseket a megőrzési idő után töröljük; bármikor kérhetek tájékoztatást vagy törlést.",
            .english:
                "I agree that the partner region stores my details to contact me about this inquiry and passes them to the catalogue's partner regions for that purpose. Closed inquiries are erased after the retention period; I can ask for a copy or erasure at any time.",
        ],
        "sendInquiry": [.german: "Anfrage senden", .hungarian: "Megkeresés küldése", .english: "Send the inquiry"],
        "chooseOne": [.german: "Bitte wählen", .hungarian: "Kérjük, válasszon", .english: "Please choose"],
        "formHasProblems": [
            .german: "Bitte korrigieren Sie {n} Angaben:", .hungarian: "Kérjük, javítson {n} adatot:",
            .english: "Please correct {n} fields:",
        ],
        "thanksTitle": [
            .german: "Danke – Ihre Anfrage ist angekommen", .hungarian: "Köszönjük – megkeresése megérkezett",
            .english: "Thank you – your inquiry has arrived",
        ],
        "thanksText": [
            .german: "Die Partnerregion meldet sich bei Ihnen. Ihre Referenz: {reference}.",
            .hungarian: "A partnerrégió felveszi Önnel a kapcsolatot. Hivatkozási szám: {reference}.",
            .english: "The partner region will get back to you. Your reference: {reference}.",
        ],
        "rateLimited": [
            .german: "Zu viele Anfragen von Ihrer Adresse. Bitte versuchen Sie es in {n} Sekunden wieder.",
            .hungarian: "Túl sok megkeresés érkezett az Ön címéről. Kérjük, próbálja újra {n} másodperc múlva.",
            .english: "Too many inquiries from your address. Please try again in {n} seconds.",
        ],
        "err.required": [
            .german: "Bitte ausfüllen.", .hungarian: "Kérjük, töltse ki.", .english: "Please fill this in.",
        ],
        "err.tooShort": [
            .german: "Bitte mindestens {n} Zeichen.", .hungarian: "Legalább {n} karakter szükséges.",
            .english: "Please write at least {n} characters.",
        ],
        "err.tooLong": [
            .german: "Höchstens {n} Zeichen.", .hungarian: "Legfeljebb {n} karakter.",
            .english: "At most {n} characters.",
        ],
        "err.tooManyBytes": [
            .german: "Zu lang: höchstens {n} Byte (UTF-8).", .hungarian: "Túl hosszú: legfeljebb {n} bájt (UTF-8).",
            .english: "Too long: at most {n} bytes (UTF-8).",
        ],
        "err.tooMany": [
            .german: "Höchstens {n} Werte.", .hungarian: "Legfeljebb {n} érték.", .english: "At most {n} values.",
        ],
        "err.malformed": [
            .german: "Das ist keine gültige Angabe: {detail}", .hungarian: "Érvénytelen adat: {detail}",
            .english: "This is not valid: {detail}",
        ],
        "err.malformed.email": [
            .german: "Das ist keine gültige E-Mail-Adresse.", .hungarian: "Ez nem érvényes e-mail-cím.",
            .english: "This is not a valid e-mail address.",
        ],
        "err.malformed.phone": [
            .german: "Das ist keine gültige Telefonnummer (z. B. +43 1 4000 1234).",
            .hungarian: "Ez nem érvényes telefonszám (pl. +36 96 123 456).",
            .english: "This is not a valid phone number (e.g. +43 1 4000 1234).",
        ],
        "err.malformed.wantedBy": [
            .german: "Bitte ein Datum angeben (JJJJ-MM-TT).", .hungarian: "Kérjük, adjon meg dátumot (ÉÉÉÉ-HH-NN).",
            .english: "Please give a date (YYYY-MM-DD).",
        ],
        "err.malformed.categories": [
            .german: "Kein gültiger CPV-Code: {detail}", .hungarian: "Érvénytelen CPV-kód: {detail}",
            .english: "Not a valid CPV code: {detail}",
        ],
        "err.inThePast": [
            .german: "Dieses Datum liegt in der Vergangenheit.", .hungarian: "Ez a dátum már elmúlt.",
            .english: "This date has passed.",
        ],
        "err.notOffered": [
            .german: "Bitte einen der angebotenen Werte wählen.",
            .hungarian: "Kérjük, a felajánlott értékek közül válasszon.",
            .english: "Please choose one of the values offered.",
        ],
        "err.refusedCharacter": [
            .german: "Enthält ein unzulässiges Steuer- oder unsichtbares Zeichen ({character}).",
            .hungarian: "Nem megengedett vezérlő- vagy láthatatlan karaktert tartalmaz ({character}).",
            .english: "Contains a control or invisible character that is not allowed ({character}).",
        ],
        "err.consentMissing": [
            .german: "Ohne Ihre Einwilligung können wir Sie nicht kontaktieren.",
            .hungarian: "Hozzájárulása nélkül nem tudjuk felvenni Önnel a kapcsolatot.",
            .english: "Without your consent we cannot contact you.",
        ],
        // Operators' pages.
        "operatorTitle": [.german: "Anfragen", .hungarian: "Megkeresések", .english: "Inquiries"],
        "received": [.german: "Eingegangen", .hungarian: "Beérkezett", .english: "Received"],
        "state": [.german: "Stand", .hungarian: "Állapot", .english: "State"],
        "source": [.german: "Herkunft", .hungarian: "Forrás", .english: "Source"],
        "source.form": [.german: "Formular", .hungarian: "Űrlap", .english: "Form"],
        "source.api": [
            .german: "Partnerseite (API)", .hungarian: "Partneroldal (API)", .english: "Partner site (API)",
        ],
        "source.referral": [
            .german: "Weitergeleitet von {from}", .hungarian: "Továbbította: {from}", .english: "Referred by {from}",
        ],
        "noInquiries": [.german: "Keine Anfragen.", .hungarian: "Nincs megkeresés.", .english: "No inquiries."],
        "allStates": [.german: "Alle", .hungarian: "Mind", .english: "All"],
        "matchesTitle": [
            .german: "Passende Unternehmen", .hungarian: "Illeszkedő vállalkozások", .english: "Matching enterprises",
        ],
        "matchingProducts": [
            .german: "Passende Produkte", .hungarian: "Illeszkedő termékek", .english: "Matching products",
        ],
        "score": [.german: "Punkte", .hungarian: "Pontszám", .english: "Score"],
        "historyTitle": [.german: "Verlauf", .hungarian: "Előzmények", .english: "History"],
        "referralsTitle": [.german: "Weiterleitungen", .hungarian: "Továbbítások", .english: "Referrals"],
        "changeState": [.german: "Stand ändern", .hungarian: "Állapot módosítása", .english: "Change the state"],
        "note": [.german: "Notiz", .hungarian: "Megjegyzés", .english: "Note"],
        "save": [.german: "Speichern", .hungarian: "Mentés", .english: "Save"],
        "referTitle": [
            .german: "An eine Partnerregion weiterleiten", .hungarian: "Továbbítás partnerrégiónak",
            .english: "Refer to a partner region",
        ],
        "refer": [.german: "Weiterleiten", .hungarian: "Továbbítás", .english: "Refer"],
        "consentGiven": [
            .german: "Einwilligung erteilt am {date}", .hungarian: "Hozzájárulás: {date}",
            .english: "Consent given on {date}",
        ],
        "draftCooperation": [
            .german: "Entwurf eines Kooperationseintrags", .hungarian: "Együttműködési bejegyzés tervezete",
            .english: "Draft cooperation entry",
        ],
        "reason.words": [.german: "erwähnt {value}", .hungarian: "említi: {value}", .english: "mentions {value}"],
        "reason.category": [
            .german: "Kategorie {value} passt", .hungarian: "{value} kategória egyezik",
            .english: "category {value} matches",
        ],
        "reason.categoryDivision": [
            .german: "CPV-Abteilung {value}", .hungarian: "{value} CPV-főcsoport", .english: "in CPV division {value}",
        ],
        "reason.sector": [
            .german: "Branche {value} passt", .hungarian: "{value} ágazat egyezik", .english: "sector {value} matches",
        ],
        "reason.deliversTo": [
            .german: "liefert nach {value}", .hungarian: "szállít ide: {value}", .english: "delivers to {value}",
        ],
        "reason.basedIn": [.german: "Sitz in {value}", .hungarian: "székhely: {value}", .english: "based in {value}"],
        "reason.sameCountry": [
            .german: "im selben Land ({value})", .hungarian: "ugyanabban az országban ({value})",
            .english: "in the same country ({value})",
        ],
        "reason.askedAbout": [
            .german: "die Anfrage kam von seiner Seite", .hungarian: "a megkeresés az oldaláról indult",
            .english: "the inquiry was started from its page",
        ],
        "field.about": [.german: "Anfrage zu", .hungarian: "A megkeresés tárgya", .english: "Asking about"],
        "reservedContracts": [
            .german: "Vorbehaltene Aufträge (Art. 20 RL 2014/24/EU)",
            .hungarian: "Fenntartott szerződés (2014/24/EU irányelv, 20. cikk)",
            .english: "Reserved contracts (Art. 20, Directive 2014/24/EU)",
        ],
        "reservedEligible": [
            .german: "geeignet – {share} % benachteiligte Beschäftigte (mindestens 30 %)",
            .hungarian: "jogosult – a hátrányos helyzetű munkavállalók aránya {share} % (legalább 30 %)",
            .english: "eligible – {share} % disadvantaged staff (at least 30 %)",
        ],
        "reservedNotEligible": [
            .german: "nicht geeignet – {share} % benachteiligte Beschäftigte (mindestens 30 % nötig)",
            .hungarian: "nem jogosult – a hátrányos helyzetű munkavállalók aránya {share} % (legalább 30 % kell)",
            .english: "not eligible – {share} % disadvantaged staff (at least 30 % needed)",
        ],
        "reservedThroughMaker": [
            .german: "geeignet über das herstellende Unternehmen: {makers}",
            .hungarian: "jogosult a gyártó vállalkozáson keresztül: {makers}",
            .english: "eligible through the enterprise that makes it: {makers}",
        ],
        "priceFrom": [.german: "ab {amount}", .hungarian: "{amount}-tól", .english: "from {amount}"],
        "priceUpTo": [.german: "bis {amount}", .hungarian: "legfeljebb {amount}", .english: "up to {amount}"],
        "downloadCSV": [
            .german: "Katalog herunterladen (CSV)", .hungarian: "A katalógus letöltése (CSV)",
            .english: "Download the catalogue (CSV)",
        ],
        "openEntry": [.german: "Eintrag öffnen", .hungarian: "A bejegyzés megnyitása", .english: "open the entry"],
        "askAboutThis": [
            .german: "Dazu anfragen", .hungarian: "Érdeklődés erről", .english: "Ask about this",
        ],
        "askAboutThisHint": [
            .german:
                "Beschreiben Sie Ihren Bedarf – die Region, die diesen Eintrag veröffentlicht hat, antwortet Ihnen.",
            .hungarian: "Írja le, mire van szüksége – a bejegyzést közzétevő régió válaszol Önnek.",
            .english: "Describe what you need – the region that published this entry will answer you.",
        ],
        "noResultsAsk": [
            .german: "Nichts gefunden? Beschreiben Sie, was Sie suchen – wir finden ein passendes Sozialunternehmen.",
            .hungarian: "Nincs találat? Írja le, mit keres – megkeressük a megfelelő szociális vállalkozást.",
            .english:
                "Nothing found? Describe what you are looking for – we will find a social enterprise that can do it.",
        ],
        "reason.reservedContracts": [
            .german: "für vorbehaltene öffentliche Aufträge geeignet",
            .hungarian: "fenntartott közbeszerzésre jogosult",
            .english: "eligible for reserved public contracts",
        ],
        "reason.product": [
            .german: "stellt „{value}“ her", .hungarian: "gyártja: „{value}”", .english: "makes “{value}”",
        ],
        "operatorSignIn": [
            .german: "Anmeldung mit Redaktions-Token erforderlich (Benutzername: Ihr Name, Passwort: Token).",
            .hungarian: "Szerkesztői tokennel kell bejelentkezni (felhasználónév: az Ön neve, jelszó: a token).",
            .english: "Sign in with an editor token (user name: your name, password: the token).",
        ],
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

    /// The strings for templates: each under its key, and keys with dots also nested by their
    /// parts, because Mustache reads `{{t.field.need}}` as `t` → `field` → `need` (with the flat
    /// table alone, such a tag rendered nothing: the operators' list had three empty column
    /// headers). A part that is a string key itself is left flat.
    static func templateValues(in language: LanguageTag) -> [String: Any] {
        templateValuesByLanguage[language] ?? nestedValues(in: language)
    }

    /// Built once per language: every page starts from them. Never changed after, so shared.
    nonisolated(unsafe) private static let templateValuesByLanguage: [LanguageTag: [String: Any]] =
        Dictionary(uniqueKeysWithValues: languages.map { ($0, nestedValues(in: $0)) })

    private static func nestedValues(in language: LanguageTag) -> [String: Any] {
        let flat = all(in: language)
        var nested: [String: Any] = flat
        func insert(_ parts: ArraySlice<Substring>, _ value: String, into dictionary: inout [String: Any]) {
            guard let first = parts.first.map(String.init) else { return }
            if parts.count == 1 {
                if dictionary[first] == nil { dictionary[first] = value }
                return
            }
            guard dictionary[first] == nil || dictionary[first] is [String: Any] else { return }
            var group = dictionary[first] as? [String: Any] ?? [:]
            insert(parts.dropFirst(), value, into: &group)
            dictionary[first] = group
        }
        for (key, value) in flat.sorted(by: { $0.key < $1.key }) where key.contains(".") {
            insert(key.split(separator: ".")[...], value, into: &nested)
        }
        return nested
    }
}
