/// Who asks: the kind of organisation behind an inquiry.
public enum OrganisationType: String, VocabularyTerm {
    case company
    case publicBody = "public-body"
    case ngo

    public var label: LocalizedText {
        switch self {
        case .company: terms("Unternehmen", "Vállalat", "Company")
        case .publicBody: terms("Öffentliche Stelle", "Közintézmény", "Public body")
        case .ngo: terms("NGO / Verein", "Civil szervezet", "NGO")
        }
    }
}
