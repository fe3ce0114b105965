/// What kind of organisation an outside partner of a cooperation is.
public enum PartnerType: String, VocabularyTerm {
    case company
    case publicBody = "public-body"
    case ngo
    case other

    public var label: LocalizedText {
        switch self {
        case .company: terms("Unternehmen", "Vállalat", "Company")
        case .publicBody: terms("Öffentliche Stelle", "Közintézmény", "Public body")
        case .ngo: terms("NGO", "Civil szervezet", "NGO")
        case .other: terms("Andere", "Egyéb", "Other")
        }
    }
}
