import DirectoryModel
import Foundation

/// The entry rules' problems in the editor's language. The rules (`DirectoryModel`) word them
/// in English, for files, the CLI and the API; the workspace says the common ones in German
/// and Hungarian too, matched by their wording. A message without a translation is shown as
/// written, marked as English (`lang="en"`).
enum ValidationMessageText {
    private struct Pattern: @unchecked Sendable {
        let regex: Regex<AnyRegexOutput>
        let texts: [LanguageTag: String]

        init(_ pattern: String, de: String, hu: String) {
            // The patterns are literals of this file; a test matches every one.
            regex = (try? Regex(pattern)) ?? Regex<AnyRegexOutput>(/(?!)/)
            texts = [.german: de, .hungarian: hu]
        }
    }

    /// In order: the first pattern that matches the whole message wins. `$1`… are its groups.
    private static let patterns: [Pattern] = [
        Pattern("is required", de: "ist auszufüllen", hu: "kötelező kitölteni"),
        Pattern(
            #"is required in at least one language \(de, hu or en\)"#,
            de: "ist in mindestens einer Sprache (de, hu oder en) auszufüllen",
            hu: "legalább egy nyelven (de, hu vagy en) kötelező kitölteni"),
        // The hint in brackets names the file form (`one of: …`, `a NUTS code`); the form shows
        // the choices.
        Pattern(#"is required \(.*\)"#, de: "ist auszufüllen", hu: "kötelező kitölteni"),
        Pattern("needs at least one element", de: "braucht mindestens eine Angabe", hu: "legalább egy elem szükséges"),
        Pattern("must not be empty", de: "darf nicht leer sein", hu: "nem lehet üres"),
        Pattern(
            #"is (\d+) characters long; at most (\d+) are allowed"#,
            de: "ist $1 Zeichen lang; höchstens $2 sind erlaubt", hu: "$1 karakter hosszú; legfeljebb $2 megengedett"),
        Pattern(
            #"has (\d+) elements; at most (\d+) are allowed"#,
            de: "hat $1 Angaben; höchstens $2 sind erlaubt", hu: "$1 elemet tartalmaz; legfeljebb $2 megengedett"),
        Pattern(
            #"expected a whole number, found .*"#, de: "erwartet eine ganze Zahl", hu: "egész számot kell megadni"),
        Pattern(#"expected a number, found .*"#, de: "erwartet eine Zahl", hu: "számot kell megadni"),
        Pattern(
            #"must be between (\S+) and (\S+), found (\S+)"#, de: "muss zwischen $1 und $2 liegen (angegeben: $3)",
            hu: "$1 és $2 között kell lennie (megadva: $3)"),
        Pattern(
            "must be a percentage between 0 and 100", de: "muss ein Prozentsatz zwischen 0 und 100 sein",
            hu: "0 és 100 közötti százalék kell legyen"),
        Pattern("must not be negative", de: "darf nicht negativ sein", hu: "nem lehet negatív"),
        Pattern(
            #"must not be less than from \((.*)\)"#, de: "darf nicht kleiner als „von“ ($1) sein",
            hu: "nem lehet kisebb a „-tól” értéknél ($1)"),
        Pattern(
            #"is required with a price range \(e\.g\. EUR\)"#, de: "ist bei einer Preisspanne anzugeben (z. B. EUR)",
            hu: "ársáv esetén meg kell adni (pl. EUR)"),
        Pattern(
            #"give either onRequest: true or a range \(from/to\), not both"#,
            de: "entweder „Preis auf Anfrage“ oder eine Preisspanne angeben, nicht beides",
            hu: "vagy „ár kérésre”, vagy ársáv – nem mindkettő"),
        Pattern(
            #"give onRequest: true or a range \(from and/or to, with currency\)"#,
            de: "„Preis auf Anfrage“ oder eine Preisspanne (von und/oder bis, mit Währung) angeben",
            hu: "„ár kérésre” vagy ársáv (-tól és/vagy -ig, pénznemmel) szükséges"),
        Pattern(#"is before the start \((.*)\)"#, de: "liegt vor dem Beginn ($1)", hu: "a kezdet ($1) előtti"),
        Pattern(
            #"contains (.*), which is not allowed here"#, de: "enthält ein hier unzulässiges Zeichen ($1)",
            hu: "itt nem megengedett karaktert tartalmaz ($1)"),
        Pattern(
            #""(.*)" is listed twice \(also at \[(\d+)\]\)"#, de: "„$1“ ist doppelt angegeben",
            hu: "„$1” kétszer szerepel"),
        Pattern(
            #"is (\S+), but the region (\S+) lies in (\S+)"#, de: "ist $1, aber die Region $2 liegt in $3",
            hu: "$1, de a(z) $2 régió itt található: $3"),
        Pattern(
            #""(.*)" is not an e-mail address.*"#, de: "„$1“ ist keine E-Mail-Adresse",
            hu: "„$1” nem e-mail-cím"),
        Pattern(
            #""(.*)" is not a web address.*add https:// in front"#,
            de: "„$1“ ist keine Webadresse: https:// voranstellen", hu: "„$1” nem webcím: írja elé: https://"),
        Pattern(
            #""(.*)" is not a web address.*"#, de: "„$1“ ist keine Webadresse (https://…)",
            hu: "„$1” nem webcím (https://…)"),
        Pattern(
            #""(.*)" is not a phone number in international form.*"#,
            de: "„$1“: bitte international mit + und Landesvorwahl angeben (z. B. +43 2742 123456)",
            hu: "„$1”: nemzetközi formában, + jellel és országkóddal adja meg (pl. +36 1 234 5678)"),
        Pattern(
            #""(.*)" is not a phone number.*"#, de: "„$1“ ist keine Telefonnummer",
            hu: "„$1” nem telefonszám"),
        Pattern(
            #""(.*)" is not an? (assigned )?ISO 3166-1 alpha-2 country code.*"#,
            de: "„$1“ ist kein Ländercode (zwei Buchstaben, z. B. AT)",
            hu: "„$1” nem országkód (két betű, pl. HU)"),
        Pattern(
            #""(.*)" is not an ISO 4217 currency code.*"#,
            de: "„$1“ ist kein Währungscode (drei Buchstaben, z. B. EUR)",
            hu: "„$1” nem pénznemkód (három betű, pl. HUF)"),
        Pattern(#""(.*)" is not a VAT number.*"#, de: "„$1“ ist keine UID-Nummer", hu: "„$1” nem közösségi adószám"),
        Pattern(
            #""(.*)" is not a CPV code.*"#, de: "„$1“ ist kein CPV-Code (8 Ziffern, Bindestrich, Prüfziffer)",
            hu: "„$1” nem CPV-kód (8 számjegy, kötőjel, ellenőrző számjegy)"),
        Pattern(
            #""(.*)" is not a NACE Rev\. 2 code.*"#, de: "„$1“ ist kein NACE-Code (z. B. 16, 16.2, 16.23)",
            hu: "„$1” nem NACE-kód (pl. 16, 16.2, 16.23)"),
        Pattern(
            #""(.*)" is not a NUTS code.*"#, de: "„$1“ ist kein NUTS-Regionscode (z. B. AT12)",
            hu: "„$1” nem NUTS-régiókód (pl. HU22)"),
        Pattern(
            #""(.*)" is not a BCP 47 language tag.*"#, de: "„$1“ ist kein Sprachcode (z. B. de, hu, en)",
            hu: "„$1” nem nyelvkód (pl. de, hu, en)"),
        Pattern(
            #""(.*)" is not an entry id.*"#, de: "„$1“ ist keine Eintrags-ID", hu: "„$1” nem bejegyzésazonosító"),
        Pattern(
            #""(.*)" is not a date.*"#, de: "„$1“ ist kein Datum (JJJJ, JJJJ-MM oder JJJJ-MM-TT)",
            hu: "„$1” nem dátum (ÉÉÉÉ, ÉÉÉÉ-HH vagy ÉÉÉÉ-HH-NN)"),
    ]

    /// The message in `language`; as written when no pattern matches (or in English).
    static func text(_ message: String, _ language: LanguageTag) -> String {
        translation(message, language) ?? message
    }

    /// Whether the message reads in `language` (English always does).
    static func isTranslated(_ message: String, _ language: LanguageTag) -> Bool {
        language == .english || translation(message, language) != nil
    }

    private static func translation(_ message: String, _ language: LanguageTag) -> String? {
        guard language != .english else { return message }
        for pattern in patterns {
            guard let template = pattern.texts[language], let match = message.wholeMatch(of: pattern.regex) else {
                continue
            }
            var text = template
            for index in stride(from: match.output.count - 1, through: 1, by: -1) {
                let group = match.output[index].substring.map(String.init) ?? ""
                text = text.replacingOccurrences(of: "$\(index)", with: group)
            }
            return text
        }
        return nil
    }
}
