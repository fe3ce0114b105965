import DirectoryModel
import Foundation
import HTTPTypes
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

    @Test func theViewFitsThePlacesShown() throws {
        func span(_ places: [CatalogueMap.Place]) -> Double {
            CatalogueMap.view(
                fitting: places.map {
                    (CatalogueMap.u(longitude: $0.longitude), CatalogueMap.v(latitude: $0.latitude))
                }
            ).span
        }
        let vienna = (0..<4).map { index in
            CatalogueMap.Place(
                latitude: 48.15 + Double(index) * 0.03, longitude: 16.3 + Double(index) * 0.04, name: "\(index)",
                language: nil, href: "/enterprise/\(index)")
        }
        let graz = CatalogueMap.Place(latitude: 47.07, longitude: 15.44, name: "g", language: nil, href: "/e/g")
        let debrecen = CatalogueMap.Place(latitude: 47.53, longitude: 21.63, name: "d", language: nil, href: "/e/d")
        let mateszalka = CatalogueMap.Place(latitude: 47.95, longitude: 22.3, name: "m", language: nil, href: "/e/m")
        let bregenz = CatalogueMap.Place(latitude: 47.5, longitude: 9.75, name: "b", language: nil, href: "/e/b")
        let whole = CatalogueMap.area.span
        // One city: the narrowest view; Vienna and Graz, or Debrecen: half or less; Bregenz to Mátészalka: all of it.
        #expect(abs(span(vienna) - whole * CatalogueMap.narrowest) < 1e-12)
        #expect(span(vienna + [graz]) < whole * 0.5)
        #expect(span(vienna + [debrecen]) < whole * 0.5)
        #expect(abs(span(vienna + [mateszalka, bregenz]) - whole) < 1e-12)
        #expect(span([]) == whole)
        // Vienna's four places, gathered at the partnership's scale, stand apart in the fitted view.
        let values = CatalogueMap.values(vienna)
        #expect((values["spots"] as? [[String: Any]])?.count == 4)
        // Every marker is inside the map, with room to spare.
        for spot in values["spots"] as? [[String: Any]] ?? [] {
            let x = try #require((spot["x"] as? String).flatMap { Double($0) })
            let y = try #require((spot["y"] as? String).flatMap { Double($0) })
            #expect((CatalogueMap.margin - 1...CatalogueMap.width - CatalogueMap.margin + 1).contains(x))
            #expect((CatalogueMap.margin - 1...CatalogueMap.height - CatalogueMap.margin + 1).contains(y))
        }
    }

    /// Two products of one maker at the northernmost place: their ring stays inside the map
    /// (the first fitted view left the top marker cut by the edge).
    @Test func gatheredMarkersAtTheEdgeStayInside() throws {
        let places = [(48.2, 16.37), (48.2, 16.37), (47.85, 16.52), (47.68, 17.63), (47.22, 15.62)].enumerated().map {
            CatalogueMap.Place(
                latitude: $1.0, longitude: $1.1, name: "\($0)", language: nil, href: "/product/\($0)")
        }
        let markers = (CatalogueMap.values(places)["spots"] as? [[String: Any]] ?? []).flatMap {
            $0["markers"] as? [[String: Any]] ?? []
        }
        #expect(markers.count == 5)
        for marker in markers {
            let x = try #require((marker["x"] as? String).flatMap { Double($0) })
            let y = try #require((marker["y"] as? String).flatMap { Double($0) })
            #expect((6...CatalogueMap.width - 6).contains(x) && (6...CatalogueMap.height - 6).contains(y), "\(x), \(y)")
        }
    }

    @Test func tilesCoverTheViewAtAZoomThatIsNotEnlarged() throws {
        let tiles = try MapTiles.checked(
            template: "https://tiles.example:8443/osm/{z}/{x}/{y}.png?key=k", attribution: " © Example ",
            maximumZoom: 19
        ).get()
        #expect(tiles.origin == "https://tiles.example:8443")
        #expect(tiles.attribution == "© Example")
        for view in [
            CatalogueMap.area,
            CatalogueMap.View(
                left: CatalogueMap.area.left + 0.001, top: CatalogueMap.area.top + 0.001,
                span: CatalogueMap.area.span * CatalogueMap.narrowest),
        ] {
            let laid = CatalogueMap.tiles(tiles, covering: view)
            let zooms = Set(laid.compactMap { ($0["href"] as? String)?.split(separator: "/")[3] })
            let zoom = Int(zooms.first ?? "") ?? -1
            #expect(zooms.count == 1)
            // Tiles are drawn at 128–256 units: never enlarged, never needlessly small.
            let size = try #require((laid.first?["size"] as? String).flatMap { Double($0) })
            #expect((128...256.6).contains(size), "zoom \(zoom): \(size)")
            // They cover the view, edge to edge, and not much more.
            let xs = laid.compactMap { ($0["x"] as? String).flatMap(Double.init) }
            let ys = laid.compactMap { ($0["y"] as? String).flatMap(Double.init) }
            #expect((xs.min() ?? 1) <= 0 && (xs.max() ?? 0) + size >= CatalogueMap.width)
            #expect((ys.min() ?? 1) <= 0 && (ys.max() ?? 0) + size >= CatalogueMap.height)
            #expect((xs.min() ?? -size) > -size && (ys.min() ?? -size) > -size)
            #expect(laid.count <= 40)
        }
        // A node at the highest zoom its server has enlarges rather than asks for tiles that do not exist.
        let shallow = try MapTiles.checked(
            template: "https://t.example/{z}/{x}/{y}.png", attribution: "x", maximumZoom: 3
        )
        .get()
        #expect(
            CatalogueMap.tiles(shallow, covering: CatalogueMap.area).allSatisfy {
                ($0["href"] as? String)?.hasPrefix("https://t.example/3/") == true
            })
    }

    /// The problems `validate` reports, as one text (empty when there are none).
    static func problems(_ configuration: NodeConfiguration) -> String {
        do {
            try configuration.validate(file: "sopro-node.yaml")
            return ""
        } catch { return "\(error)" }
    }

    @Test(arguments: [
        ("https://t.example/{z}/{x}.png", "url: has no {y}"),
        ("ftp://t.example/{z}/{x}/{y}.png", "url: is not an http(s) URL"),
        ("https://t.example/{z}/{x}/{y}.png\" onload=\"x", "url: is not an http(s) URL"),
        ("https://t.example; script-src */{z}/{x}/{y}", "url: is not an http(s) URL"),
        ("https://user@t.example/{z}/{x}/{y}", "url: is not an http(s) URL"),
    ])
    func refusesTileServersThatAreNotPlainAddresses(_ template: String, _ problem: String) {
        var configuration = NodeConfiguration(name: "Mirror", region: nil, mode: .mirror)
        configuration.mapTiles = .init(url: template, attribution: "© x")
        #expect(Self.problems(configuration).contains("mapTiles." + problem), "\(Self.problems(configuration))")
    }

    @Test func aTileServerIsConfiguredWithItsAttributionAndAllowedByThePolicy() async throws {
        var configuration = NodeConfiguration(name: "Mirror", region: nil, mode: .mirror)
        configuration.mapTiles = .init(
            url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png", attribution: "© OpenStreetMap contributors")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try configuration.write(to: directory)
        #expect(try NodeConfiguration.read(from: directory).mapTiles == configuration.mapTiles)
        // No attribution, a zoom out of range, or a misspelt setting is refused with its name.
        configuration.mapTiles?.attribution = " "
        #expect(Self.problems(configuration).contains("mapTiles.attribution: must name"))
        configuration.mapTiles = .init(url: "https://t.example/{z}/{x}/{y}.png", attribution: "a", maxZoom: 30)
        #expect(Self.problems(configuration).contains("mapTiles.maxZoom: 30 is not between 1 and 22"))
        let misspelt =
            "name: m\nmode: mirror\nmapTiles:\n  url: \"https://t.example/{z}/{x}/{y}.png\"\n  attribution: a\n  maxzoom: 3\n"
        try misspelt.write(to: directory.appendingPathComponent("sopro-node.yaml"), atomically: true, encoding: .utf8)
        let error = #expect(throws: (any Error).self) { try NodeConfiguration.read(from: directory) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("maxzoom"))

        let tiles = try MapTiles.checked(
            template: "https://tile.openstreetmap.org/{z}/{x}/{y}.png", attribution: "© OpenStreetMap contributors",
            maximumZoom: 19
        ).get()
        let node = try await SampleNode.make(key: NodeKey())
        try await buildApplication(node: node, mapTiles: tiles).test(.router) { client in
            try await client.execute(uri: "/search?kind=enterprise&region=AT13&lang=en", method: .get) { response in
                let page = String(buffer: response.body)
                let policy = response.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.contains("img-src 'self' data: https://tile.openstreetmap.org;"), "\(policy)")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "strict-origin-when-cross-origin")
                #expect(page.contains("<figure class=\"map tiled\">"))
                #expect(page.contains("<image href=\"https://tile.openstreetmap.org/"))
                #expect(page.contains("Map tiles: © OpenStreetMap contributors"))
            }
        }
        // Without one, nothing but the node's own images, and no referrer leaves the node.
        try await buildApplication(node: node).test(.router) { client in
            try await client.execute(uri: "/search?kind=enterprise&region=AT13&lang=en", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(response.headers[.contentSecurityPolicy]?.contains("img-src 'self' data:;") == true)
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
                #expect(page.contains("<figure class=\"map\">"))
                #expect(!page.contains("<image"))
            }
        }
    }
}
