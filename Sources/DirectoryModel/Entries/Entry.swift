/// One entry of the catalogue: an enterprise, a product or service, or a cooperation.
public enum Entry: Hashable, Sendable {
    case enterprise(Enterprise)
    case product(Product)
    case cooperation(Cooperation)

    public var id: EntryID {
        switch self {
        case .enterprise(let enterprise): enterprise.id
        case .product(let product): product.id
        case .cooperation(let cooperation): cooperation.id
        }
    }

    public var kind: EntryKind {
        switch self {
        case .enterprise: .enterprise
        case .product: .product
        case .cooperation: .cooperation
        }
    }

    /// The entry's name (an enterprise's or product's name, a cooperation's title).
    public var displayName: LocalizedText {
        switch self {
        case .enterprise(let enterprise): enterprise.name
        case .product(let product): product.name
        case .cooperation(let cooperation): cooperation.title
        }
    }

    /// The entry's pictures, the first shown on cards.
    public var pictures: [PictureReference] {
        switch self {
        case .enterprise(let enterprise): enterprise.pictures
        case .product(let product): product.pictures
        case .cooperation(let cooperation): cooperation.pictures
        }
    }

    public var lighthouse: Bool {
        switch self {
        case .enterprise(let enterprise): enterprise.lighthouse
        case .product(let product): product.lighthouse
        case .cooperation(let cooperation): cooperation.lighthouse
        }
    }
}
