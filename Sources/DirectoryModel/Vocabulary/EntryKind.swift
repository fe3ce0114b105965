/// The three kinds of entry in the catalogue.
public enum EntryKind: String, VocabularyTerm {
    case enterprise
    case product
    case cooperation

    public var label: LocalizedText {
        switch self {
        case .enterprise: terms("Sozialunternehmen", "Szociális vállalkozás", "Social enterprise")
        case .product: terms("Produkt oder Dienstleistung", "Termék vagy szolgáltatás", "Product or service")
        case .cooperation: terms("Kooperation", "Együttműködés", "Cooperation")
        }
    }
}
