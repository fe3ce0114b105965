import CatalogueStore
import DirectoryModel

/// Why an entry was proposed for an inquiry. Operators see the reasons beside each match, so
/// that they can judge it rather than trust a number.
package enum MatchReason: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Words of the inquiry found in the entry's names or descriptions (in any language).
    case words([String])
    /// One of the inquiry's CPV categories is the entry's, or contains it.
    case category(String)
    /// The entry's category is in the same CPV division as one the inquiry names.
    case categoryDivision(String)
    /// One of the inquiry's NACE sectors is the enterprise's (or its section).
    case sector(String)
    /// The product is delivered to the inquiry's delivery region (or a region containing it).
    case deliversTo(String)
    /// The enterprise is in the inquiry's delivery region (or a region containing it).
    case basedIn(String)
    /// Not in the region, but in the same country.
    case sameCountry(String)
    /// The enterprise's social model makes it eligible for contracts reserved for social
    /// enterprises (EU Directive 2014/24, Article 20) — it matters to a public buyer.
    case reservedContracts
    /// An enterprise matched through one of its products (its id and names by language).
    case product(id: String, names: [String: String])
    /// The inquiry was started from this entry's page ("ask about this"), from the page of a
    /// product it makes, or from a cooperation it took part in.
    case askedAbout

    package var description: String {
        switch self {
        case .words(let words): "mentions \(words.joined(separator: ", "))"
        case .category(let code): "category \(code) matches"
        case .categoryDivision(let division): "in CPV division \(division)"
        case .sector(let code): "sector \(code) matches"
        case .deliversTo(let region): "delivers to \(region)"
        case .basedIn(let region): "based in \(region)"
        case .sameCountry(let country): "in the same country (\(country))"
        case .reservedContracts: "eligible for reserved public contracts"
        case .product(_, let names): "makes “\(InquiryMatcher.displayName(names))”"
        case .askedAbout: "the inquiry was started from its page"
        }
    }
}

extension MatchReason {
    private enum CodingKeys: String, CodingKey { case code, value, values, names, text }

    /// `{"code": "deliversTo", "value": "AT13", "text": "delivers to AT13"}`: a stable code and
    /// value for programs, the English sentence for people.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .words(let words):
            try container.encode("words", forKey: .code)
            try container.encode(words, forKey: .values)
        case .category(let value):
            try container.encode("category", forKey: .code); try container.encode(value, forKey: .value)
        case .categoryDivision(let value):
            try container.encode("categoryDivision", forKey: .code)
            try container.encode(value, forKey: .value)
        case .sector(let value):
            try container.encode("sector", forKey: .code); try container.encode(value, forKey: .value)
        case .deliversTo(let value):
            try container.encode("deliversTo", forKey: .code)
            try container.encode(value, forKey: .value)
        case .basedIn(let value):
            try container.encode("basedIn", forKey: .code); try container.encode(value, forKey: .value)
        case .sameCountry(let value):
            try container.encode("sameCountry", forKey: .code)
            try container.encode(value, forKey: .value)
        case .reservedContracts: try container.encode("reservedContracts", forKey: .code)
        case .askedAbout: try container.encode("askedAbout", forKey: .code)
        case .product(let id, let names):
            try container.encode("product", forKey: .code)
            try container.encode(id, forKey: .value)
            try container.encode(names, forKey: .names)
        }
        try container.encode(description, forKey: .text)
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let code = try container.decode(String.self, forKey: .code)
        func value() throws -> String { try container.decode(String.self, forKey: .value) }
        switch code {
        case "words": self = .words(try container.decode([String].self, forKey: .values))
        case "category": self = .category(try value())
        case "categoryDivision": self = .categoryDivision(try value())
        case "sector": self = .sector(try value())
        case "deliversTo": self = .deliversTo(try value())
        case "basedIn": self = .basedIn(try value())
        case "sameCountry": self = .sameCountry(try value())
        case "reservedContracts": self = .reservedContracts
        case "askedAbout": self = .askedAbout
        case "product":
            self = .product(
                id: try value(), names: try container.decodeIfPresent([String: String].self, forKey: .names) ?? [:])
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .code, in: container, debugDescription: "unknown match reason \(code)")
        }
    }
}

/// An entry proposed for an inquiry, with its score and the reasons for it.
package struct InquiryMatch: Hashable, Sendable, Codable {
    package var kind: String
    package var id: String
    /// The entry's name by language.
    package var names: [String: String]
    package var region: String?
    package var score: Double
    package var reasons: [MatchReason]
}

/// The matches for one inquiry, best first: enterprises (what a broker contacts) and products.
package struct InquiryMatches: Hashable, Sendable, Codable {
    package var enterprises: [InquiryMatch]
    package var products: [InquiryMatch]

    package init(enterprises: [InquiryMatch] = [], products: [InquiryMatch] = []) {
        self.enterprises = enterprises
        self.products = products
    }
}
