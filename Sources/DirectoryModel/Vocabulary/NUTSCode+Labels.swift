extension NUTSCode {
    /// The region's name in German, Hungarian and English, for the partnership's regions, their
    /// NUTS 3 subregions and countries; `nil` for other codes (which still validate).
    public var label: LocalizedText? {
        Self.labels[rawValue]
    }

    private static func names(_ de: String, _ hu: String, _ en: String) -> LocalizedText {
        [.german: de, .hungarian: hu, .english: en]
    }

    private static let labels: [String: LocalizedText] = [
        "AT": names("Österreich", "Ausztria", "Austria"),
        "HU": names("Ungarn", "Magyarország", "Hungary"),
        "AT1": names("Ostösterreich", "Kelet-Ausztria", "Eastern Austria"),
        "AT2": names("Südösterreich", "Dél-Ausztria", "Southern Austria"),
        "HU2": names("Transdanubien", "Dunántúl", "Transdanubia"),
        "AT11": names("Burgenland", "Burgenland", "Burgenland"),
        "AT111": names("Mittelburgenland", "Közép-Burgenland", "Mittelburgenland"),
        "AT112": names("Nordburgenland", "Észak-Burgenland", "Nordburgenland"),
        "AT113": names("Südburgenland", "Dél-Burgenland", "Südburgenland"),
        "AT12": names("Niederösterreich", "Alsó-Ausztria", "Lower Austria"),
        "AT121": names("Mostviertel-Eisenwurzen", "Mostviertel-Eisenwurzen", "Mostviertel-Eisenwurzen"),
        "AT122": names("Niederösterreich-Süd", "Dél-Alsó-Ausztria", "Niederösterreich-Süd"),
        "AT123": names("Sankt Pölten", "Sankt Pölten", "Sankt Pölten"),
        "AT124": names("Waldviertel", "Waldviertel", "Waldviertel"),
        "AT125": names("Weinviertel", "Weinviertel", "Weinviertel"),
        "AT126": names("Wiener Umland/Nordteil", "Bécs környéke, északi rész", "Wiener Umland/Nordteil"),
        "AT127": names("Wiener Umland/Südteil", "Bécs környéke, déli rész", "Wiener Umland/Südteil"),
        "AT13": names("Wien", "Bécs", "Vienna"),
        "AT130": names("Wien", "Bécs", "Vienna"),
        "AT22": names("Steiermark", "Stájerország", "Styria"),
        "AT221": names("Graz", "Graz", "Graz"),
        "AT222": names("Liezen", "Liezen", "Liezen"),
        "AT223": names("Östliche Obersteiermark", "Kelet-Felső-Stájerország", "Östliche Obersteiermark"),
        "AT224": names("Oststeiermark", "Kelet-Stájerország", "Oststeiermark"),
        "AT225": names("West- und Südsteiermark", "Nyugat- és Dél-Stájerország", "West- und Südsteiermark"),
        "AT226": names("Westliche Obersteiermark", "Nyugat-Felső-Stájerország", "Westliche Obersteiermark"),
        "HU22": names("Westtransdanubien", "Nyugat-Dunántúl", "West Transdanubia"),
        "HU221": names("Győr-Moson-Sopron", "Győr-Moson-Sopron", "Győr-Moson-Sopron"),
        "HU222": names("Vas", "Vas", "Vas"),
        "HU223": names("Zala", "Zala", "Zala"),
    ]
}
