/// The people an enterprise employs and supports.
public enum TargetGroup: String, VocabularyTerm {
    case longTermUnemployed = "long-term-unemployed"
    case peopleWithDisabilities = "people-with-disabilities"
    case youngPeople = "young-people"
    case refugeesAndMigrants = "refugees-and-migrants"
    case olderWorkers = "older-workers"
    case other

    public var label: LocalizedText {
        switch self {
        case .longTermUnemployed: terms("Langzeitarbeitslose", "Tartósan munkanélküliek", "Long-term unemployed")
        case .peopleWithDisabilities:
            terms("Menschen mit Behinderungen", "Megváltozott munkaképességű emberek", "People with disabilities")
        case .youngPeople: terms("Jugendliche", "Fiatalok", "Young people")
        case .refugeesAndMigrants:
            terms("Geflüchtete und Migrant:innen", "Menekültek és migránsok", "Refugees and migrants")
        case .olderWorkers: terms("Ältere Arbeitskräfte", "Idősebb munkavállalók", "Older workers")
        case .other: terms("Andere", "Egyéb", "Other")
        }
    }
}
