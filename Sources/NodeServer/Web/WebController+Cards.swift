import CatalogueStore
import DirectoryModel
import Foundation
import SyncProtocol

extension WebController {
    /// Cards for a list of entries, with what tells products apart: the enterprise that offers
    /// each and its price range (read for the page's products and their makers in two reads,
    /// through the store's read cache).
    func cards(_ items: [CataloguePage.Item], _ context: PageContext) async throws -> [[String: Any]] {
        let productKeys = items.filter { $0.kind == EntryKind.product.rawValue }.map {
            EntryKey(kind: $0.kind, id: $0.id)
        }
        var products: [String: Product] = [:]
        if !productKeys.isEmpty {
            for (key, read) in try await node.store.catalogueEntries(productKeys) where read.isVisible {
                if case .product(let product)? = read.entry { products[key.id] = product }
            }
        }
        let makerKeys = Set(products.values.flatMap(\.enterprises)).map {
            EntryKey(kind: "enterprise", id: $0.rawValue)
        }
        var makerNames: [String: String] = [:]
        if !makerKeys.isEmpty {
            for (key, read) in try await node.store.catalogueEntries(makerKeys) where read.isVisible {
                if let entry = read.entry, let name = context.label(entry.displayName) { makerNames[key.id] = name }
            }
        }
        return items.map { item in
            var card = context.card(item)
            if let product = products[item.id] {
                let makers = product.enterprises.compactMap { makerNames[$0.rawValue] }
                if !makers.isEmpty { card["by"] = makers.joined(separator: ", ") }
                card["price"] = product.order?.price.flatMap { Self.priceText($0, context) }
            }
            return card
        }
    }

    /// A price or price range in the page's number format (`12,50–18 EUR`, `from 12.5 EUR`),
    /// "on request", or `nil` when nothing is said.
    static func priceText(_ price: Price, _ context: PageContext) -> String? {
        if price.onRequest { return context.text("priceOnRequest") }
        func text(_ value: Decimal?) -> String? { value.map { context.number($0) } }
        let currency = price.currency.map { " " + $0.rawValue } ?? ""
        switch (text(price.from), text(price.to)) {
        case (let from?, let to?): return from == to ? from + currency : "\(from)–\(to)\(currency)"
        case (let from?, nil): return context.text("priceFrom", ["amount": from + currency])
        case (nil, let to?): return context.text("priceUpTo", ["amount": to + currency])
        case (nil, nil): return nil
        }
    }
}
