/// Where an inquiry stands in the brokerage, from arrival to the end: a regional partner takes
/// up contact, develops the product with a social enterprise, and it is realised — or the
/// inquiry is closed without.
public enum InquiryState: String, VocabularyTerm {
    case new
    case inContact = "in-contact"
    case inDevelopment = "in-development"
    case realised
    case closed

    public var label: LocalizedText {
        switch self {
        case .new: terms("Neu", "Új", "New")
        case .inContact: terms("In Kontakt", "Kapcsolatfelvétel", "In contact")
        case .inDevelopment: terms("In Entwicklung", "Fejlesztés alatt", "In development")
        case .realised: terms("Umgesetzt", "Megvalósult", "Realised")
        case .closed: terms("Abgeschlossen", "Lezárva", "Closed")
        }
    }
}
