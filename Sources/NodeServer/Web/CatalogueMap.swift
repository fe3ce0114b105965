import Foundation

/// A map of places drawn on the server as SVG: the partnership's countries in outline and a
/// marker per place that links to its entry, with no script and no request to anyone else —
/// unless the operator configured a tile server (`MapTiles`), whose tiles are then laid beneath.
/// Markers closer than `clusterDistance` are gathered: their links are set out on a small ring
/// around the spot, each joined to it by a line, so every one stays a link of its own.
///
/// The view fits the places (a region's enterprises fill the map rather than a corner of it),
/// never narrower than a fifth of the partnership's area nor wider than all of it, at a fixed
/// aspect so the page does not jump. The projection is Web Mercator, the tile servers' own, so
/// tiles and markers agree; at these latitudes it differs from the equirectangular map used
/// before by less than a marker's width.
///
/// The outlines are Natural Earth's 1:110m countries (public domain) for Austria and Hungary.
struct CatalogueMap {
    struct Place {
        var latitude: Double
        var longitude: Double
        var name: String
        /// The language of `name`.
        var language: String?
        var href: String
    }

    /// A rectangle of the world in Web Mercator's unit square (`u` east, `v` south, both 0…1).
    struct View {
        var left: Double
        var top: Double
        /// The width, in the unit square.
        var span: Double

        var scale: Double { CatalogueMap.width / span }
        var height: Double { span * CatalogueMap.height / CatalogueMap.width }

        func point(u: Double, v: Double) -> (x: Double, y: Double) { ((u - left) * scale, (v - top) * scale) }
    }

    static let width = 800.0
    /// The partnership's area: places outside it are not drawn.
    static let west = 9.3, east = 23.0, south = 45.6, north = 49.2
    static let area = View(
        left: u(longitude: west), top: v(latitude: north), span: u(longitude: east) - u(longitude: west))
    static let height = (width * (v(latitude: south) - v(latitude: north)) / area.span).rounded()
    /// The narrowest view, as a share of the area's width (about 1.1° of longitude: a city's
    /// places set apart; 0.2 first, which left Vienna's eight a blot in an empty map).
    static let narrowest = 0.08
    /// Room left between the outermost places and the map's edge, in the map's units, on all
    /// four sides (a gathered spot's ring reaches 14 units and more beyond its centre).
    static let margin = 40.0
    /// Markers nearer than this (in the map's units) are gathered on a ring.
    static let clusterDistance = 14.0

    static func u(longitude: Double) -> Double { (longitude + 180) / 360 }

    static func v(latitude: Double) -> Double {
        let phi = latitude * .pi / 180
        return (1 - log(tan(.pi / 4 + phi / 2)) / .pi) / 2
    }

    static let austria: [(Double, Double)] = [
        (16.979667, 48.123497), (16.903754, 47.714866), (16.340584, 47.712902), (16.534268, 47.496171),
        (16.202298, 46.852386), (16.011664, 46.683611), (15.137092, 46.658703), (14.632472, 46.431817),
        (13.806475, 46.509306), (12.376485, 46.767559), (12.153088, 47.115393), (11.164828, 46.941579),
        (11.048556, 46.751359), (10.442701, 46.893546), (9.932448, 46.920728), (9.47997, 47.10281),
        (9.632932, 47.347601), (9.594226, 47.525058), (9.896068, 47.580197), (10.402084, 47.302488),
        (10.544504, 47.566399), (11.426414, 47.523766), (12.141357, 47.703083), (12.62076, 47.672388),
        (12.932627, 47.467646), (13.025851, 47.637584), (12.884103, 48.289146), (13.243357, 48.416115),
        (13.595946, 48.877172), (14.338898, 48.555305), (14.901447, 48.964402), (15.253416, 49.039074),
        (16.029647, 48.733899), (16.499283, 48.785808), (16.960288, 48.596982), (16.879983, 48.470013),
    ]
    static let hungary: [(Double, Double)] = [
        (16.202298, 46.852386), (16.534268, 47.496171), (16.340584, 47.712902), (16.903754, 47.714866),
        (16.979667, 48.123497), (17.488473, 47.867466), (17.857133, 47.758429), (18.696513, 47.880954),
        (18.777025, 48.081768), (19.174365, 48.111379), (19.661364, 48.266615), (19.769471, 48.202691),
        (20.239054, 48.327567), (20.473562, 48.56285), (20.801294, 48.623854), (21.872236, 48.319971),
        (22.085608, 48.422264), (22.64082, 48.15024), (22.710531, 47.882194), (22.099768, 47.672439),
        (21.626515, 46.994238), (21.021952, 46.316088), (20.220192, 46.127469), (19.596045, 46.17173),
        (18.829838, 45.908878), (18.456062, 45.759481), (17.630066, 45.951769), (16.882515, 46.380632),
        (16.564808, 46.503751), (16.370505, 46.841327),
    ]

    /// Whether a coordinate lies in the partnership's area.
    static func isInArea(latitude: Double, longitude: Double) -> Bool {
        (west...east).contains(longitude) && (south...north).contains(latitude)
    }

    /// The view that shows `points` (in the unit square) with `margin` around them.
    static func view(fitting points: [(u: Double, v: Double)]) -> View {
        guard let first = points.first else { return area }
        var (minU, maxU, minV, maxV) = (first.u, first.u, first.v, first.v)
        for point in points.dropFirst() {
            (minU, maxU) = (min(minU, point.u), max(maxU, point.u))
            (minV, maxV) = (min(minV, point.v), max(maxV, point.v))
        }
        let extent = max(
            (maxU - minU) / (1 - 2 * margin / width), (maxV - minV) / (1 - 2 * margin / height) * width / height)
        let span = min(max(extent, area.span * narrowest), area.span)
        let spanV = span * height / width
        func placed(_ centre: Double, _ length: Double, within low: Double, _ high: Double) -> Double {
            min(max(centre - length / 2, low), high - length)
        }
        return View(
            left: placed((minU + maxU) / 2, span, within: area.left, area.left + area.span),
            top: placed((minV + maxV) / 2, spanV, within: area.top, area.top + area.height), span: span)
    }

    static func path(_ outline: [(Double, Double)], in view: View) -> String {
        outline.enumerated().map { index, point in
            let spot = view.point(u: u(longitude: point.0), v: v(latitude: point.1))
            return (index == 0 ? "M" : "L") + coordinate(spot.x) + " " + coordinate(spot.y)
        }.joined() + "Z"
    }

    /// The tiles covering `view`: at the lowest zoom whose tiles are not enlarged (at most
    /// `tiles.maximumZoom`), each placed and sized in the map's units.
    static func tiles(_ tiles: MapTiles, covering view: View) -> [[String: Any]] {
        var zoom = 0
        while zoom < tiles.maximumZoom, view.span * 256 * pow(2, Double(zoom)) < width { zoom += 1 }
        let count = pow(2, Double(zoom))
        let size = view.scale / count
        func range(_ start: Double, _ length: Double) -> ClosedRange<Int> {
            let first = max(Int((start * count).rounded(.down)), 0)
            let last = min(Int(((start + length) * count).rounded(.up)) - 1, Int(count) - 1)
            return first...max(first, last)
        }
        return range(view.top, view.height).flatMap { y in
            range(view.left, view.span).map { x -> [String: Any] in
                [
                    "href": tiles.address(zoom: zoom, x: x, y: y),
                    "x": coordinate((Double(x) / count - view.left) * view.scale),
                    "y": coordinate((Double(y) / count - view.top) * view.scale),
                    // A hair larger, so no seam shows between neighbours.
                    "size": coordinate(size + 0.5),
                ]
            }
        }
    }

    static func coordinate(_ value: Double) -> String { String(format: "%.1f", value) }

    /// The template values of a map of `places` (those outside the area are left out): the view
    /// box, the tiles (with `tiles`), the outlines, and one group per spot with the markers of
    /// the places there.
    static func values(_ places: [Place], tiles: MapTiles? = nil) -> [String: Any] {
        let inArea = places.filter { isInArea(latitude: $0.latitude, longitude: $0.longitude) }
        let shown = view(fitting: inArea.map { (u(longitude: $0.longitude), v(latitude: $0.latitude)) })
        var groups: [(x: Double, y: Double, places: [Place])] = []
        for place in inArea {
            let spot = shown.point(u: u(longitude: place.longitude), v: v(latitude: place.latitude))
            if let index = groups.firstIndex(where: { hypot($0.x - spot.x, $0.y - spot.y) < clusterDistance }) {
                groups[index].places.append(place)
            } else {
                groups.append((spot.x, spot.y, [place]))
            }
        }
        let spots = groups.map { group -> [String: Any] in
            let count = group.places.count
            let radius = count == 1 ? 0 : max(14, Double(count) * 3.5)
            let markers = group.places.enumerated().map { index, place -> [String: Any] in
                let angle = Double(index) / Double(count) * 2 * .pi - .pi / 2
                let x = group.x + radius * cos(angle)
                let y = group.y + radius * sin(angle)
                return [
                    "x": coordinate(x), "y": coordinate(y), "name": place.name, "lang": place.language ?? "",
                    "href": place.href,
                    "fromX": coordinate(group.x), "fromY": coordinate(group.y), "gathered": count > 1,
                ]
            }
            return ["markers": markers, "x": coordinate(group.x), "y": coordinate(group.y), "gathered": count > 1]
        }
        var values: [String: Any] = [
            "viewBox": "0 0 \(Int(width)) \(Int(height))",
            "outlines": [["d": path(austria, in: shown)], ["d": path(hungary, in: shown)]],
            "spots": spots, "placed": inArea.count,
        ]
        if let tiles {
            values["tiles"] = Self.tiles(tiles, covering: shown)
            values["tiled"] = true
        }
        return values
    }
}
