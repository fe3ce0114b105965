import Foundation

/// A map of places drawn on the server as SVG: the partnership's countries in outline and a
/// marker per place that links to its entry, with no script and no request to anyone else.
/// Markers closer than `clusterDistance` are gathered: their links are set out on a small ring
/// around the spot, each joined to it by a line, so every one stays a link of its own.
///
/// The outlines are Natural Earth's 1:110m countries (public domain) for Austria and Hungary;
/// the projection is equirectangular, stretched by the cosine of the middle latitude, which at
/// this size and latitude differs from a conformal map by less than a marker's width.
struct CatalogueMap {
    struct Place {
        var latitude: Double
        var longitude: Double
        var name: String
        /// The language of `name`.
        var language: String?
        var href: String
    }

    static let width = 800.0
    static let west = 9.3, east = 23.0, south = 45.6, north = 49.2
    static let height = (width * (north - south) / ((east - west) * cos((north + south) / 2 * .pi / 180))).rounded()
    /// Markers nearer than this (in the map's units) are gathered on a ring.
    static let clusterDistance = 14.0

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

    /// The point of a coordinate on the map, or `nil` outside it.
    static func point(latitude: Double, longitude: Double) -> (x: Double, y: Double)? {
        guard (west...east).contains(longitude), (south...north).contains(latitude) else { return nil }
        return ((longitude - west) / (east - west) * width, (north - latitude) / (north - south) * height)
    }

    static func path(_ outline: [(Double, Double)]) -> String {
        outline.compactMap { point(latitude: $0.1, longitude: $0.0) }.enumerated().map { index, point in
            (index == 0 ? "M" : "L") + coordinate(point.x) + " " + coordinate(point.y)
        }.joined() + "Z"
    }

    static func coordinate(_ value: Double) -> String { String(format: "%.1f", value) }

    /// The template values of a map of `places` (those outside the map are left out): the view
    /// box, the outlines, and one group per spot with the markers of the places there.
    static func values(_ places: [Place]) -> [String: Any] {
        var groups: [(x: Double, y: Double, places: [Place])] = []
        for place in places {
            guard let spot = point(latitude: place.latitude, longitude: place.longitude) else { continue }
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
        return [
            "viewBox": "0 0 \(Int(width)) \(Int(height))",
            "outlines": [["d": path(austria)], ["d": path(hungary)]],
            "spots": spots, "placed": groups.reduce(0) { $0 + $1.places.count },
        ]
    }
}
