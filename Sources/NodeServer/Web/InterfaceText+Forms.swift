import DirectoryModel

extension InterfaceText {
    /// The words of the workspace's entry forms and entry pages.
    static let formTable: [String: [LanguageTag: String]] = [
        "formSection.basics": [.german: "Grunddaten", .hungarian: "Alapadatok", .english: "Basics"],
        "formSection.place": [.german: "Ort", .hungarian: "Helyszín", .english: "Place"],
        "formSection.contact": [.german: "Kontakt", .hungarian: "Kapcsolat", .english: "Contact"],
        "formSection.work": [
            .german: "Tätigkeit und Beschäftigung", .hungarian: "Tevékenység és foglalkoztatás",
            .english: "Work and employment",
        ],
        "formSection.register": [.german: "Register", .hungarian: "Nyilvántartás", .english: "Registers"],
        "formSection.pictures": [.german: "Bilder", .hungarian: "Képek", .english: "Pictures"],
        "formSection.classification": [.german: "Einordnung", .hungarian: "Besorolás", .english: "Classification"],
        "formSection.order": [.german: "Bestellung", .hungarian: "Rendelés", .english: "Ordering"],
        "formSection.images": [
            .german: "Bilder aus dem Netz", .hungarian: "Képek a webről", .english: "Images on the web",
        ],
        "formSection.partners": [
            .german: "Partner außerhalb des Katalogs", .hungarian: "Katalóguson kívüli partnerek",
            .english: "Partners outside the catalogue",
        ],
        "formSection.contract": [.german: "Auftrag", .hungarian: "Megbízás", .english: "Contract"],
        "formSection.outcome": [.german: "Ergebnis", .hungarian: "Eredmény", .english: "Outcome"],
        "entryField.name": [.german: "Name", .hungarian: "Név", .english: "Name"],
        "entryField.legalForm": [.german: "Rechtsform", .hungarian: "Jogi forma", .english: "Legal form"],
        "entryField.socialModel": [.german: "Sozialmodell", .hungarian: "Szociális modell", .english: "Social model"],
        "entryField.labourMarket": [.german: "Arbeitsmarkt", .hungarian: "Munkaerőpiac", .english: "Labour market"],
        "entryField.targetGroups": [.german: "Zielgruppen", .hungarian: "Célcsoportok", .english: "Target groups"],
        "entryField.description": [.german: "Beschreibung", .hungarian: "Leírás", .english: "Description"],
        "entryField.lighthouse": [
            .german: "Vorzeigebeispiel der Partner", .hungarian: "A partnerek kiemelt példája",
            .english: "A lighthouse example of the partners",
        ],
        "entryField.region": [.german: "Region", .hungarian: "Régió", .english: "Region"],
        "entryField.address.street": [
            .german: "Straße und Hausnummer", .hungarian: "Utca, házszám", .english: "Street and number",
        ],
        "entryField.address.postalCode": [.german: "Postleitzahl", .hungarian: "Irányítószám", .english: "Postcode"],
        "entryField.address.locality": [.german: "Ort", .hungarian: "Település", .english: "Locality"],
        "entryField.address.country": [.german: "Land", .hungarian: "Ország", .english: "Country"],
        "entryField.geo.latitude": [
            .german: "Geografische Breite", .hungarian: "Földrajzi szélesség", .english: "Latitude",
        ],
        "entryField.geo.longitude": [
            .german: "Geografische Länge", .hungarian: "Földrajzi hosszúság", .english: "Longitude",
        ],
        "entryField.openingHours": [.german: "Öffnungszeiten", .hungarian: "Nyitvatartás", .english: "Opening hours"],
        "entryField.contact.email": [.german: "E-Mail", .hungarian: "E-mail", .english: "E-mail"],
        "entryField.contact.phone": [.german: "Telefon", .hungarian: "Telefon", .english: "Phone"],
        "entryField.contact.website": [.german: "Website", .hungarian: "Weboldal", .english: "Website"],
        "entryField.languages": [
            .german: "Arbeitssprachen", .hungarian: "Munkanyelvek", .english: "Working languages",
        ],
        "entryField.sectors": [.german: "Branchen (NACE)", .hungarian: "Ágazatok (NACE)", .english: "Sectors (NACE)"],
        "entryField.capacityNotes": [.german: "Kapazitäten", .hungarian: "Kapacitások", .english: "Capacity"],
        "entryField.founded": [.german: "Gründungsjahr", .hungarian: "Alapítás éve", .english: "Year founded"],
        "entryField.employees": [.german: "Beschäftigte", .hungarian: "Munkavállalók", .english: "Employees"],
        "entryField.integrationPlaces": [
            .german: "Integrationsplätze", .hungarian: "Integrációs helyek", .english: "Work-integration places",
        ],
        "entryField.disadvantagedStaffShare": [
            .german: "Anteil benachteiligter Beschäftigter (%)",
            .hungarian: "Hátrányos helyzetű munkavállalók aránya (%)", .english: "Share of disadvantaged staff (%)",
        ],
        "entryField.certifications": [
            .german: "Zertifizierungen", .hungarian: "Tanúsítványok", .english: "Certifications",
        ],
        "entryField.companyRegisterNumber": [
            .german: "Firmenbuchnummer", .hungarian: "Cégjegyzékszám", .english: "Company register number",
        ],
        "entryField.vatNumber": [.german: "UID-Nummer", .hungarian: "Közösségi adószám", .english: "VAT number"],
        "entryField.pictures": [.german: "Bilder", .hungarian: "Képek", .english: "Pictures"],
        "entryField.pictures.alt": [
            .german: "Bildbeschreibung (Alternativtext)", .hungarian: "Képleírás (alternatív szöveg)",
            .english: "Description of the picture (alternative text)",
        ],
        "entryField.type": [.german: "Art", .hungarian: "Típus", .english: "Type"],
        "entryField.enterprises": [
            .german: "Soziale Unternehmen", .hungarian: "Szociális vállalkozások", .english: "Social enterprises",
        ],
        "entryField.categories": [
            .german: "Kategorien (CPV)", .hungarian: "Kategóriák (CPV)", .english: "Categories (CPV)",
        ],
        "entryField.sustainability": [
            .german: "Nachhaltigkeit", .hungarian: "Fenntarthatóság", .english: "Sustainability",
        ],
        "entryField.deliveryArea": [
            .german: "Liefergebiet", .hungarian: "Szállítási terület", .english: "Delivery area",
        ],
        "entryField.order.minimumQuantity": [
            .german: "Mindestmenge", .hungarian: "Minimális mennyiség", .english: "Minimum quantity",
        ],
        "entryField.order.unit": [.german: "Einheit", .hungarian: "Egység", .english: "Unit"],
        "entryField.order.leadTimeDays": [
            .german: "Lieferzeit (Tage)", .hungarian: "Szállítási idő (nap)", .english: "Lead time (days)",
        ],
        "entryField.order.price.onRequest": [
            .german: "Preis auf Anfrage", .hungarian: "Ár kérésre", .english: "Price on request",
        ],
        "entryField.order.price.from": [.german: "Preis von", .hungarian: "Ár -tól", .english: "Price from"],
        "entryField.order.price.to": [.german: "Preis bis", .hungarian: "Ár -ig", .english: "Price to"],
        "entryField.order.price.currency": [.german: "Währung", .hungarian: "Pénznem", .english: "Currency"],
        "entryField.order.notes": [
            .german: "Hinweise zur Bestellung", .hungarian: "Megjegyzések a rendeléshez", .english: "Notes on ordering",
        ],
        "entryField.images": [
            .german: "Bilder aus dem Netz", .hungarian: "Képek a webről", .english: "Images on the web",
        ],
        "entryField.images.url": [
            .german: "Adresse des Bildes", .hungarian: "A kép címe", .english: "Address of the image",
        ],
        "entryField.images.alt": [
            .german: "Bildbeschreibung (Alternativtext)", .hungarian: "Képleírás (alternatív szöveg)",
            .english: "Description of the image (alternative text)",
        ],
        "entryField.title": [.german: "Titel", .hungarian: "Cím", .english: "Title"],
        "entryField.partners": [.german: "Partner", .hungarian: "Partnerek", .english: "Partners"],
        "entryField.partners.name": [.german: "Name", .hungarian: "Név", .english: "Name"],
        "entryField.partners.type": [.german: "Art", .hungarian: "Típus", .english: "Type"],
        "entryField.partners.country": [.german: "Land", .hungarian: "Ország", .english: "Country"],
        "entryField.partners.website": [.german: "Website", .hungarian: "Weboldal", .english: "Website"],
        "entryField.products": [
            .german: "Produkte und Dienstleistungen", .hungarian: "Termékek és szolgáltatások",
            .english: "Products and services",
        ],
        "entryField.contracting": [.german: "Vergabe", .hungarian: "Beszerzési mód", .english: "Contracting"],
        "entryField.regions": [.german: "Regionen", .hungarian: "Régiók", .english: "Regions"],
        "entryField.period.start": [.german: "Beginn", .hungarian: "Kezdete", .english: "Start"],
        "entryField.period.end": [.german: "Ende", .hungarian: "Vége", .english: "End"],
        "entryField.volume": [.german: "Umfang", .hungarian: "Terjedelem", .english: "Volume"],
        "entryField.contractValue.amount": [
            .german: "Auftragswert", .hungarian: "Szerződéses érték", .english: "Contract value",
        ],
        "entryField.contractValue.currency": [
            .german: "Währung des Auftragswerts", .hungarian: "A szerződéses érték pénzneme",
            .english: "Currency of the contract value",
        ],
        "entryField.outcome.integrationPlacesCreated": [
            .german: "Geschaffene Integrationsplätze", .hungarian: "Létrehozott integrációs helyek",
            .english: "Work-integration places created",
        ],
        "entryField.outcome.summary": [.german: "Ergebnis", .hungarian: "Eredmény", .english: "Outcome"],
        "entryField.quote.text": [
            .german: "Zitat des Auftraggebers", .hungarian: "A megrendelő idézete", .english: "The client's quote",
        ],
        "entryField.quote.author": [
            .german: "Zitiert wird", .hungarian: "Az idézet szerzője", .english: "Quoted person",
        ],
        "entryField.quote.role": [
            .german: "Funktion der zitierten Person", .hungarian: "Az idézett személy beosztása",
            .english: "Role of the quoted person",
        ],
        "entryHint.geo.latitude": [
            .german: "Grad nach WGS 84, z. B. 48,2082", .hungarian: "Fok (WGS 84), pl. 47,6833",
            .english: "Degrees (WGS 84), e.g. 48.2082",
        ],
        "entryHint.geo.longitude": [
            .german: "Grad nach WGS 84, z. B. 16,3738", .hungarian: "Fok (WGS 84), pl. 17,6351",
            .english: "Degrees (WGS 84), e.g. 16.3738",
        ],
        "entryHint.openingHours": [
            .german: "Wie in OpenStreetMap, z. B. Mo-Fr 08:00-16:00; Sa 09:00-12:00",
            .hungarian: "Ahogy az OpenStreetMapben, pl. Mo-Fr 08:00-16:00",
            .english: "As in OpenStreetMap, e.g. Mo-Fr 08:00-16:00; Sa 09:00-12:00",
        ],
        "entryHint.contact.phone": [
            .german: "International, z. B. +43 2742 123456", .hungarian: "Nemzetközi formában, pl. +36 1 234 5678",
            .english: "International, e.g. +43 2742 123456",
        ],
        "entryHint.contact.website": [
            .german: "Mit https://", .hungarian: "https:// előtaggal", .english: "With https://",
        ],
        "entryHint.address.country": [
            .german: "Zwei Buchstaben, z. B. AT oder HU", .hungarian: "Két betű, pl. AT vagy HU",
            .english: "Two letters, e.g. AT or HU",
        ],
        "entryHint.disadvantagedStaffShare": [
            .german: "Ab 30 % dürfen öffentliche Auftraggeber Aufträge vorbehalten (Richtlinie 2014/24/EU, Art. 20)",
            .hungarian: "30 %-tól a közbeszerzők fenntartott szerződést köthetnek (2014/24/EU irányelv, 20. cikk)",
            .english: "From 30 % public buyers may reserve contracts (Directive 2014/24/EU, Art. 20)",
        ],
        "entryHint.certifications": [.german: "Eine pro Zeile", .hungarian: "Soronként egy", .english: "One per line"],
        "entryHint.period.start": [
            .german: "JJJJ, JJJJ-MM oder JJJJ-MM-TT", .hungarian: "ÉÉÉÉ, ÉÉÉÉ-HH vagy ÉÉÉÉ-HH-NN",
            .english: "YYYY, YYYY-MM or YYYY-MM-DD",
        ],
        "entryHint.period.end": [
            .german: "Leer lassen, solange die Kooperation läuft",
            .hungarian: "Hagyja üresen, amíg az együttműködés tart",
            .english: "Leave empty while the cooperation goes on",
        ],
        "entryHint.vatNumber": [
            .german: "z. B. ATU12345678", .hungarian: "pl. HU12345678", .english: "e.g. ATU12345678",
        ],
        "entryHint.order.price.currency": [
            .german: "z. B. EUR oder HUF", .hungarian: "pl. EUR vagy HUF", .english: "e.g. EUR or HUF",
        ],
        "formNew.enterprise": [
            .german: "Neues soziales Unternehmen", .hungarian: "Új szociális vállalkozás",
            .english: "New social enterprise",
        ],
        "formNew.product": [
            .german: "Neues Produkt oder neue Dienstleistung", .hungarian: "Új termék vagy szolgáltatás",
            .english: "New product or service",
        ],
        "formNew.cooperation": [
            .german: "Neue Kooperation", .hungarian: "Új együttműködés", .english: "New cooperation",
        ],
        "formEdit": [.german: "Bearbeiten: {name}", .hungarian: "Szerkesztés: {name}", .english: "Edit: {name}"],
        "formIntro": [
            .german:
                "Pflichtfelder sind markiert. Nichts wird veröffentlicht, solange ein Problem besteht; die Vorschau zeigt die öffentliche Seite.",
            .hungarian:
                "A kötelező mezők jelölve vannak. Amíg probléma van, semmi sem jelenik meg; az előnézet a nyilvános oldalt mutatja.",
            .english:
                "Required fields are marked. Nothing is published while a problem remains; the preview shows the public page.",
        ],
        "formEntryPage": [
            .german: "Eintrag in der Redaktion", .hungarian: "A bejegyzés a szerkesztőségben",
            .english: "The entry in the workspace",
        ],
        "formProblemsOne": [
            .german: "1 Problem verhindert die Veröffentlichung", .hungarian: "1 probléma akadályozza a közzétételt",
            .english: "1 problem keeps this from being published",
        ],
        "formProblems": [
            .german: "{n} Probleme verhindern die Veröffentlichung",
            .hungarian: "{n} probléma akadályozza a közzétételt",
            .english: "{n} problems keep this from being published",
        ],
        "formConflictsHeading": [
            .german: "Inzwischen von jemand anderem geändert", .hungarian: "Időközben más módosította",
            .english: "Changed meanwhile by someone else",
        ],
        "formConflictsNote": [
            .german:
                "Nichts wurde veröffentlicht. Prüfen Sie diese Felder: wenn Sie erneut veröffentlichen, gilt Ihr Wert.",
            .hungarian:
                "Semmi sem jelent meg. Ellenőrizze ezeket a mezőket: ha újra közzéteszi, az Ön értéke érvényes.",
            .english: "Nothing was published. Check these fields: if you publish again, your value stands.",
        ],
        "formConflictNow": [.german: "jetzt", .hungarian: "most", .english: "now"],
        "formConflictMine": [.german: "Ihrer", .hungarian: "az Öné", .english: "yours"],
        "formDuplicatesHeading": [
            .german: "Diesen Eintrag gibt es vielleicht schon", .hungarian: "Ez a bejegyzés talán már létezik",
            .english: "This entry may exist already",
        ],
        "formDuplicatesConfirm": [
            .german: "Es ist ein anderes Unternehmen: trotzdem anlegen",
            .hungarian: "Ez egy másik vállalkozás: mégis létrehozom",
            .english: "It is a different enterprise: create it anyway",
        ],
        "formCheck": [.german: "Prüfen", .hungarian: "Ellenőrzés", .english: "Check"],
        "formPreview": [.german: "Vorschau", .hungarian: "Előnézet", .english: "Preview"],
        "formPublish": [.german: "Veröffentlichen", .hungarian: "Közzététel", .english: "Publish"],
        "formBackToForm": [
            .german: "Weiter bearbeiten", .hungarian: "Szerkesztés folytatása", .english: "Go on editing",
        ],
        "formPreviewTitle": [
            .german: "Vorschau – noch nicht veröffentlicht.", .hungarian: "Előnézet – még nincs közzétéve.",
            .english: "Preview – not published yet.",
        ],
        "formPreviewNote": [
            .german: "So wird die öffentliche Seite aussehen.", .hungarian: "Így fog kinézni a nyilvános oldal.",
            .english: "This is how the public page will look.",
        ],
        "formRequired": [.german: "Pflichtfeld", .hungarian: "kötelező", .english: "required"],
        "formNone": [.german: "– keine Angabe –", .hungarian: "– nincs megadva –", .english: "– none –"],
        "formChosen": [.german: "{n} gewählt", .hungarian: "{n} kiválasztva", .english: "{n} chosen"],
        "formOtherCodes": [
            .german: "Weitere Codes (durch Leerzeichen getrennt)", .hungarian: "További kódok (szóközzel elválasztva)",
            .english: "Further codes (separated by spaces)",
        ],
        "formFind.enterprise": [
            .german: "Unternehmen suchen (Name oder ID)", .hungarian: "Vállalkozás keresése (név vagy azonosító)",
            .english: "Find an enterprise (name or id)",
        ],
        "formFind.product": [
            .german: "Produkt suchen (Name oder ID)", .hungarian: "Termék keresése (név vagy azonosító)",
            .english: "Find a product (name or id)",
        ],
        "formFindButton": [.german: "Suchen", .hungarian: "Keresés", .english: "Find"],
        "formNoneFound": [.german: "Nichts gefunden.", .hungarian: "Nincs találat.", .english: "Nothing found."],
        "formOpen": [.german: "ansehen", .hungarian: "megtekintés", .english: "view"],
        "formRow.pictures": [.german: "Bild {n}", .hungarian: "{n}. kép", .english: "Picture {n}"],
        "formRow.images": [.german: "Bild {n}", .hungarian: "{n}. kép", .english: "Image {n}"],
        "formRow.partners": [.german: "Partner {n}", .hungarian: "{n}. partner", .english: "Partner {n}"],
        "formMore.images": [.german: "Weiteres Bild", .hungarian: "További kép", .english: "Another image"],
        "formMore.partners": [.german: "Weiterer Partner", .hungarian: "További partner", .english: "Another partner"],
        "formRemovePicture": [
            .german: "Dieses Bild entfernen", .hungarian: "A kép eltávolítása", .english: "Remove this picture",
        ],
        "formPicturesNote": [
            .german:
                "Bilder werden mit sopro-node publish hochgeladen; hier lassen sie sich beschreiben und entfernen.",
            .hungarian: "A képeket a sopro-node publish tölti fel; itt leírhatók és eltávolíthatók.",
            .english: "Pictures are uploaded with sopro-node publish; here they can be described and removed.",
        ],
        "formFallback": [
            .german: "Leer – die Seite zeigt stattdessen ({language})",
            .hungarian: "Üres – az oldal helyette ezt mutatja ({language})",
            .english: "Empty – the page shows instead ({language})",
        ],
        "formEmpty": [.german: "(leer)", .hungarian: "(üres)", .english: "(empty)"],
        "formYes": [.german: "ja", .hungarian: "igen", .english: "yes"],
        "formNo": [.german: "nein", .hungarian: "nem", .english: "no"],
        "entryRetracted": [
            .german: "zurückgezogen: im Katalog nicht sichtbar", .hungarian: "visszavonva: nem látható a katalógusban",
            .english: "retracted: not shown in the catalogue",
        ],
        "entryPublished": [.german: "veröffentlicht", .hungarian: "közzétéve", .english: "published"],
        "entryUnreadable": [
            .german: "nicht sichtbar: der zusammengeführte Eintrag hat Probleme",
            .hungarian: "nem látható: az egyesített bejegyzésnek problémái vannak",
            .english: "not shown: the merged entry has problems",
        ],
        "entryNotice.published": [
            .german: "Veröffentlicht. Die anderen Knoten erhalten die Änderung mit der nächsten Synchronisation.",
            .hungarian: "Közzétéve. A többi csomópont a következő szinkronizáláskor kapja meg.",
            .english: "Published. The other nodes receive the change with the next synchronisation.",
        ],
        "entryNotice.retracted": [.german: "Zurückgezogen.", .hungarian: "Visszavonva.", .english: "Retracted."],
        "entryNotice.restored": [.german: "Wiederhergestellt.", .hungarian: "Visszaállítva.", .english: "Restored."],
        "entryNotice.kept": [
            .german: "Der gewählte Wert gilt jetzt.", .hungarian: "A választott érték érvényes.",
            .english: "The chosen value now stands.",
        ],
        "entryNotice.stale": [
            .german: "Nichts geändert: inzwischen hat sich der Eintrag schon geändert.",
            .hungarian: "Nem változott semmi: a bejegyzés időközben már megváltozott.",
            .english: "Nothing changed: the entry had changed meanwhile.",
        ],
        "entryEdit": [.german: "Bearbeiten", .hungarian: "Szerkesztés", .english: "Edit"],
        "entryPublicPage": [.german: "Öffentliche Seite", .hungarian: "Nyilvános oldal", .english: "Public page"],
        "entryRetract": [.german: "Zurückziehen …", .hungarian: "Visszavonás …", .english: "Retract …"],
        "entryRestore": [.german: "Wiederherstellen …", .hungarian: "Visszaállítás …", .english: "Restore …"],
        "entryProblems": [
            .german: "Probleme des zusammengeführten Eintrags", .hungarian: "Az egyesített bejegyzés problémái",
            .english: "Problems of the merged entry",
        ],
        "entryConflicts": [
            .german: "Gleichzeitige Änderungen", .hungarian: "Egyidejű módosítások", .english: "Concurrent changes",
        ],
        "entryNoConflicts": [
            .german: "Keine: jedes Feld hat einen Wert.", .hungarian: "Nincs: minden mezőnek egy értéke van.",
            .english: "None: every field has one value.",
        ],
        "entryStanding": [.german: "Gilt", .hungarian: "Érvényes", .english: "Stands"],
        "entryLost": [.german: "Unterlegen", .hungarian: "Alulmaradt", .english: "Lost"],
        "entryKeep": [
            .german: "Diesen Wert behalten", .hungarian: "Ezt az értéket tartom meg", .english: "Keep this value",
        ],
        "entryHistory": [
            .german: "Wer jedes Feld geändert hat", .hungarian: "Ki módosította az egyes mezőket",
            .english: "Who changed each field",
        ],
        "entryEarlier": [
            .german: "{n} frühere Werte", .hungarian: "{n} korábbi érték", .english: "{n} earlier values",
        ],
        "entryEarlierOne": [.german: "1 früherer Wert", .hungarian: "1 korábbi érték", .english: "1 earlier value"],
        "entryField.geo": [.german: "Lage", .hungarian: "Helyzet", .english: "Position"],
        "entryField.order.price": [.german: "Preis", .hungarian: "Ár", .english: "Price"],
        "entryField.period": [.german: "Zeitraum", .hungarian: "Időszak", .english: "Period"],
        "entryField.contractValue": [
            .german: "Auftragswert", .hungarian: "Szerződés értéke", .english: "Contract value",
        ],
        "entryField": [.german: "Feld", .hungarian: "Mező", .english: "Field"],
        "entryValue": [.german: "Wert", .hungarian: "Érték", .english: "Value"],
        "entryWho": [.german: "Wer", .hungarian: "Ki", .english: "Who"],
        "entryWhere": [.german: "Wo", .hungarian: "Hol", .english: "Where"],
        "entryWhen": [.german: "Wann", .hungarian: "Mikor", .english: "When"],
        "confirm.retract.title": [
            .german: "{name} zurückziehen?", .hungarian: "Visszavonja: {name}?", .english: "Retract {name}?",
        ],
        "confirm.retract.note": [
            .german:
                "Der Eintrag verschwindet auf allen Knoten aus dem Katalog. Seine Werte und seine Geschichte bleiben erhalten; er lässt sich wiederherstellen.",
            .hungarian:
                "A bejegyzés minden csomóponton eltűnik a katalógusból. Értékei és története megmaradnak; visszaállítható.",
            .english:
                "The entry disappears from the catalogue on every node. Its values and history stay; it can be restored.",
        ],
        "confirm.retract.button": [
            .german: "Ja, zurückziehen", .hungarian: "Igen, visszavonom", .english: "Yes, retract",
        ],
        "confirm.restore.title": [
            .german: "{name} wiederherstellen?", .hungarian: "Visszaállítja: {name}?", .english: "Restore {name}?",
        ],
        "confirm.restore.note": [
            .german: "Der Eintrag erscheint wieder auf allen Knoten im Katalog, mit seinen zusammengeführten Werten.",
            .hungarian: "A bejegyzés minden csomóponton újra megjelenik a katalógusban, egyesített értékeivel.",
            .english: "The entry appears again in the catalogue on every node, with its merged values.",
        ],
        "confirm.restore.button": [
            .german: "Ja, wiederherstellen", .hungarian: "Igen, visszaállítom", .english: "Yes, restore",
        ],
        "confirmCancel": [.german: "Abbrechen", .hungarian: "Mégse", .english: "Cancel"],
        "workspaceNew": [.german: "Neuer Eintrag", .hungarian: "Új bejegyzés", .english: "New entry"],
        "workspaceNewEnterprise": [
            .german: "Soziales Unternehmen", .hungarian: "Szociális vállalkozás", .english: "Social enterprise",
        ],
        "workspaceNewProduct": [
            .german: "Produkt oder Dienstleistung", .hungarian: "Termék vagy szolgáltatás",
            .english: "Product or service",
        ],
        "workspaceNewCooperation": [.german: "Kooperation", .hungarian: "Együttműködés", .english: "Cooperation"],
    ]
}
