/// How a cooperation was contracted — what a buyer needs to know to do the same.
public enum ContractingMethod: String, VocabularyTerm {
    /// A contract reserved for enterprises employing at least 30 % disadvantaged workers
    /// (EU Directive 2014/24, Art. 20).
    case reservedContract = "reserved-contract"
    /// A social clause among the award criteria or conditions of a public tender.
    case socialClause = "social-clause"
    case privatePurchase = "private-purchase"
    case coDevelopment = "co-development"
    case sponsorship

    public var label: LocalizedText {
        switch self {
        case .reservedContract: terms("Vorbehaltener Auftrag", "Fenntartott szerződés", "Reserved contract")
        case .socialClause:
            terms(
                "Soziale Klausel in einer Ausschreibung", "Szociális záradék közbeszerzésben",
                "Social clause in a tender")
        case .privatePurchase: terms("Privater Einkauf", "Magánbeszerzés", "Private purchase")
        case .coDevelopment: terms("Gemeinsame Entwicklung", "Közös fejlesztés", "Co-development")
        case .sponsorship: terms("Sponsoring", "Szponzoráció", "Sponsorship")
        }
    }
}
