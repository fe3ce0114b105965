import DirectoryModel
import Foundation
import SyncProtocol
import Testing

@testable import CatalogueStore
@testable import EntryDocuments

/// The schema.org JSON-LD of the sample catalogue uses each property where schema.org defines
/// it: `geo` on a Place, `areaServed` on organisations, services and offers (not products), a
/// product's price as an offer, and ISIC codes only as far as NACE shares them.
@Suite struct LinkedDataTests {
    @Test func propertiesWhereSchemaOrgDefinesThem() async throws {
        let store = try SQLiteChangeStore.inMemory()
        _ = try await SampleNode.make(key: NodeKey(), store: store)
        let entries = try await store.visibleEntryStates().compactMap { CatalogueEntry(state: $0).entry }
        let document = CatalogueExport.jsonLD(entries)
        let data = try JSONSerialization.data(withJSONObject: document)
        let graph = try #require(
            (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["@graph"] as? [[String: Any]])
        #expect(graph.count == entries.count)
        var offers = 0
        var located = 0
        for (entry, node) in zip(entries, graph) {
            let type = node["@type"] as? String
            switch entry {
            case .enterprise(let enterprise):
                #expect(type == "Organization")
                #expect(node["geo"] == nil)
                if enterprise.geo != nil {
                    let place = node["location"] as? [String: Any]
                    #expect(place?["@type"] as? String == "Place")
                    #expect((place?["geo"] as? [String: Any])?["latitude"] is Double)
                    located += 1
                }
                if let isic = node["isicV4"] as? String {
                    #expect(isic.range(of: "^([0-9]{2}|[A-U])$", options: .regularExpression) != nil, "\(isic)")
                }
            case .product(let product):
                #expect(type == (product.type == .service ? "Service" : "Product"))
                if type == "Product" { #expect(node["areaServed"] == nil) }
                if let price = product.order?.price, price.currency != nil, price.from != nil || price.to != nil {
                    let offer = try #require(node["offers"] as? [String: Any], "\(product.id)")
                    #expect(offer["priceCurrency"] as? String == price.currency?.rawValue)
                    #expect(
                        offer["price"] is NSNumber || offer["lowPrice"] is NSNumber
                            || offer["priceSpecification"] != nil)
                    if !product.deliveryArea.isEmpty { #expect(offer["areaServed"] != nil) }
                    offers += 1
                } else {
                    #expect(node["offers"] == nil)
                }
            case .cooperation:
                #expect(type == "Project")
            }
        }
        #expect(offers > 0 && located > 0)
    }

    @Test(
        arguments: [(12.5, nil, "Offer"), (10, 20, "AggregateOffer"), (nil, 20, "Offer"), (7, 7, "Offer")]
            as [(
                Decimal?, Decimal?, String
            )])
    func offersAPrice(_ from: Decimal?, _ to: Decimal?, _ type: String) throws {
        let price = Price(from: from, to: to, currency: try CurrencyCode(parsing: "EUR"))
        let offer = try #require(CatalogueExport.offer(price))
        #expect(offer["@type"] as? String == type)
        let json = String(
            decoding: try JSONSerialization.data(withJSONObject: offer, options: .sortedKeys), as: UTF8.self)
        if let from, from != to {
            #expect(json.contains(to == nil ? "\"price\":\(from)" : "\"lowPrice\":\(from)"), "\(json)")
        }
    }

    @Test func noOfferWithoutAnAmountAndACurrency() {
        #expect(CatalogueExport.offer(Price(onRequest: true)) == nil)
        #expect(CatalogueExport.offer(Price(from: 5)) == nil)
    }
}
