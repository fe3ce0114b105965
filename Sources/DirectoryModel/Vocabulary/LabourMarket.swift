/// The labour market segment an enterprise belongs to: the *second* labour market offers
/// publicly funded transitional jobs aimed at the regular market; the *third* offers long-term
/// employment for people who are unlikely to move on.
public enum LabourMarket: String, VocabularyTerm {
    case second
    case third

    public var label: LocalizedText {
        switch self {
        case .second: terms("Zweiter Arbeitsmarkt", "Második munkaerőpiac", "Second labour market")
        case .third: terms("Dritter Arbeitsmarkt", "Harmadik munkaerőpiac", "Third labour market")
        }
    }
}
