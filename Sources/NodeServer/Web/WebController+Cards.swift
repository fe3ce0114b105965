import CatalogueStore
import DirectoryModel
import Foundation
import SyncProtocol

extension WebController {
    /// Cards for a list of entries, with what tells them apart: a thumbnail of the first
    /// picture (a product without one shows its maker's), and for products the enterprise that
    /// offers each, its region and its price range (read for the page's entries and their makers in two
    /// reads, through the store's read cache).
    func cards(_ items: [CataloguePage.Item], _ context: PageContext) async throws -> [[String: Any]] {
        var entries: [String: Entry] = [:]
        if !items.isEmpty {
            for (key, read) in try await node.store.catalogueEntries(items.map { EntryKey(kind: $0.kind, id: $0.id) })
            where read.isVisible {
                entries[key.kind + "/" + key.id] = read.entry
            }
        }
        let products = entries.values.compactMap { if case .product(let product) = $0 { product } else { nil } }
        let makerKeys = Set(products.flatMap(\.enterprises)).map {
            EntryKey(kind: "enterprise", id: $0.rawValue)
        }
        var makers: [String: Entry] = [:]
        if !makerKeys.isEmpty {
            for (key, read) in try await node.store.catalogueEntries(makerKeys) where read.isVisible {
                makers[key.id] = read.entry
            }
        }
        return items.map { item in
            var card = context.card(item)
            let entry = entries[item.kind + "/" + item.id]
            var picture = entry?.pictures.first { $0.stored != nil }
            if case .product(let product)? = entry {
                let names = product.enterprises.compactMap {
                    makers[$0.rawValue].flatMap { context.label($0.displayName) }
                }
                if !names.isEmpty { card["by"] = names.joined(separator: ", ") }
                // The region a product comes from is its maker's: the index's region of a
                // product is the first of its delivery areas, which says where it goes.
                let regions = product.enterprises.compactMap { maker -> String? in
                    if case .enterprise(let enterprise)? = makers[maker.rawValue] {
                        enterprise.region?.rawValue
                    } else {
                        nil
                    }
                }
                if let region = regions.first { card["region"] = context.regionLabel(region) }
                card["price"] = product.order?.price.flatMap { Self.priceText($0, context) }
                picture =
                    picture
                    ?? product.enterprises.lazy.compactMap { makers[$0.rawValue]?.pictures.first { $0.stored != nil } }
                    .first
            }
            card["picture"] = picture.flatMap { context.picture($0, box: 192) }
            return card
        }
    }

    /// The map of a page of entries: each enterprise at its coordinates, a product at its
    /// maker's and a cooperation at its first enterprise's (read in two reads, through the
    /// store's read cache); `nil` when none of them has a place on the map.
    func resultMap(_ items: [CataloguePage.Item], _ context: PageContext) async throws -> [String: Any]? {
        guard !items.isEmpty else { return nil }
        let entries = try await node.store.catalogueEntries(items.map { EntryKey(kind: $0.kind, id: $0.id) })
        func located(_ key: EntryKey) -> [EntryID] {
            switch entries[key]?.entry {
            case .enterprise(let enterprise): [enterprise.id]
            case .product(let product): product.enterprises
            case .cooperation(let cooperation): cooperation.enterprises
            case nil: []
            }
        }
        let makers = Set(items.flatMap { located(EntryKey(kind: $0.kind, id: $0.id)) }).map {
            EntryKey(kind: EntryKind.enterprise.rawValue, id: $0.rawValue)
        }
        var places: [String: GeoPosition] = [:]
        for (key, read) in try await node.store.catalogueEntries(makers) where read.isVisible {
            if case .enterprise(let enterprise)? = read.entry, let geo = enterprise.geo { places[key.id] = geo }
        }
        let marked = items.compactMap { item -> CatalogueMap.Place? in
            let key = EntryKey(kind: item.kind, id: item.id)
            guard let geo = located(key).lazy.compactMap({ places[$0.rawValue] }).first else { return nil }
            let name = context.localized(item.names)
            return CatalogueMap.Place(
                latitude: geo.latitude, longitude: geo.longitude, name: name?["text"] as? String ?? item.id,
                language: name?["lang"] as? String, href: context.href("/\(item.kind)/\(item.id)"))
        }
        var map = CatalogueMap.values(marked, tiles: mapTiles)
        guard let placed = map["placed"] as? Int, placed > 0 else { return nil }
        map["title"] = context.text("mapTitle")
        map["caption"] = context.text("mapCaption", ["placed": String(placed), "n": String(items.count)])
        if let mapTiles { map["attribution"] = context.text("mapTiles", ["attribution": mapTiles.attribution]) }
        return map
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
