/// How a social enterprise works with the people it employs.
public enum SocialModel: String, VocabularyTerm {
    /// A work-integration social enterprise (WISE; in Austria e.g. a *sozialökonomischer Betrieb*).
    case workIntegration = "work-integration"
    /// A sheltered workshop for people with disabilities (*geschützte Werkstätte*, *védett műhely*).
    case shelteredWorkshop = "sheltered-workshop"
    /// A social cooperative (*szociális szövetkezet*).
    case socialCooperative = "social-cooperative"
    /// A non-profit employment project (*gemeinnütziges Beschäftigungsprojekt*).
    case nonProfitEmploymentProject = "non-profit-employment-project"
    case other

    public var label: LocalizedText {
        switch self {
        case .workIntegration:
            terms(
                "Arbeitsintegratives Sozialunternehmen", "Munkaerőpiaci integrációs szociális vállalkozás",
                "Work-integration social enterprise")
        case .shelteredWorkshop: terms("Geschützte Werkstätte", "Védett műhely", "Sheltered workshop")
        case .socialCooperative: terms("Sozialgenossenschaft", "Szociális szövetkezet", "Social cooperative")
        case .nonProfitEmploymentProject:
            terms(
                "Gemeinnütziges Beschäftigungsprojekt", "Nonprofit foglalkoztatási projekt",
                "Non-profit employment project")
        case .other: terms("Andere", "Egyéb", "Other")
        }
    }
}
