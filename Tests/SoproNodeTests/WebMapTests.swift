import DirectoryModel
import Foundation
import Hummingbird
import HummingbirdTesting
import SyncProtocol
import Testing

@testable import NodeServer
@testable import SoproNode

/// The results map: drawn on the server as SVG, a link per entry with a place (enterprises at
/// their coordinates, products at their makers'), nearby places gathered on a ring so each
/// stays its own link, and nothing outside the map drawn.
@Suite struct WebMapTests {
    @Test func resultsAreLinksOnTheMap() async throws {
        let node = try await SampleNode.make(key: NodeKey())
        try await buildApplication(node: node).test(.router) { client in
            for uri in ["/search?q=holz&lang=de", "/search?kind=enterprise&region=AT13&lang=en", "/search?lang=hu"] {
                let page = try await client.execute(uri: uri, method: .get) { String(buffer: $0.body) }
                let figure = try #require(page.range(of: "<figure class=\"map\">"), "\(uri): no map")
                let map = String(page[figure.lowerBound...].prefix { _ in true }.split(separator: "</figure>")[0])
                #expect(map.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
                let links = map.components(separatedBy: "<a href=\"").dropFirst().map {
                    String($0.prefix { $0 != "\"" })
                }
                #expect(!links.isEmpty)
                #expect(
                    links.allSatisfy {
                        $0.hasPrefix("/enterprise/") || $0.hasPrefix("/product/") || $0.hasPrefix("/cooperation/")
                    })
                // Every linked entry is one of the page's results.
                let cards = page.components(separatedBy: "class=\"cards list\"")[1]
                for link in links { #expect(cards.contains("href=\"\(link)\""), "\(uri): \(link)") }
                #expect(!map.contains("style="))
            }
        }
    }

    @Test func nearbyPlacesAreGatheredAndEachStaysALink() {
        let places =
            (0..<5).map { index in
                CatalogueMap.Place(
                    latitude: 48.2 + Double(index) * 0.001, longitude: 16.37, name: "Wien \(index)", language: "de",
                    href: "/enterprise/\(index)")
            } + [
                CatalogueMap.Place(
                    latitude: 47.07, longitude: 15.44, name: "Graz", language: "de", href: "/enterprise/g")
            ]
            + [
                CatalogueMap.Place(
                    latitude: 52.5, longitude: 13.4, name: "Berlin", language: "de", href: "/enterprise/b")
            ]
        let values = CatalogueMap.values(places)
        let spots = values["spots"] as? [[String: Any]] ?? []
        #expect(spots.count == 2)
        #expect(values["placed"] as? Int == 6)
        let markers = spots.flatMap { $0["markers"] as? [[String: Any]] ?? [] }
        #expect(Set(markers.compactMap { $0["href"] as? String }).count == 6)
        // Gathered markers are set apart so that each can be hit.
        let vienna = (spots.first { ($0["markers"] as? [Any])?.count == 5 }?["markers"] as? [[String: Any]]) ?? []
        let points = vienna.compactMap { marker -> (Double, Double)? in
            guard let x = (marker["x"] as? String).flatMap(Double.init),
                let y = (marker["y"] as? String).flatMap(Double.init)
            else { return nil }
            return (x, y)
        }
        #expect(points.count == 5)
        for (index, a) in points.enumerated() {
            for b in points[(index + 1)...] { #expect(hypot(a.0 - b.0, a.1 - b.1) >= 12) }
        }
    }
}
