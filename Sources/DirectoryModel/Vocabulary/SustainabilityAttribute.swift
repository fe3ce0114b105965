/// What makes a product or service sustainable, as buyers ask for it in green procurement.
public enum SustainabilityAttribute: String, VocabularyTerm {
    case recycled
    case upcycled
    case regionalMaterials = "regional-materials"
    case organic
    case repairable
    case reusable
    case lowCarbonTransport = "low-carbon-transport"
    case fair
    case accessible
    case energyEfficient = "energy-efficient"
    case plasticFree = "plastic-free"

    public var label: LocalizedText {
        switch self {
        case .recycled: terms("Recycelt", "Újrahasznosított", "Recycled")
        case .upcycled: terms("Upcycling", "Upcycling (újrahasznosítás magasabb értéken)", "Upcycled")
        case .regionalMaterials: terms("Regionale Materialien", "Helyi alapanyagok", "Regional materials")
        case .organic: terms("Bio", "Bio", "Organic")
        case .repairable: terms("Reparierbar", "Javítható", "Repairable")
        case .reusable: terms("Wiederverwendbar", "Újrafelhasználható", "Reusable")
        case .lowCarbonTransport:
            terms("CO₂-armer Transport", "Alacsony szén-dioxid-kibocsátású szállítás", "Low-carbon transport")
        case .fair: terms("Fair", "Méltányos (fair)", "Fair")
        case .accessible: terms("Barrierefrei", "Akadálymentes", "Accessible")
        case .energyEfficient: terms("Energieeffizient", "Energiahatékony", "Energy-efficient")
        case .plasticFree: terms("Plastikfrei", "Műanyagmentes", "Plastic-free")
        }
    }
}
