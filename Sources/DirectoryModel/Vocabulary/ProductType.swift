/// Whether an offer is a physical product or a service.
public enum ProductType: String, VocabularyTerm {
    case product
    case service

    public var label: LocalizedText {
        switch self {
        case .product: terms("Produkt", "Termék", "Product")
        case .service: terms("Dienstleistung", "Szolgáltatás", "Service")
        }
    }
}
