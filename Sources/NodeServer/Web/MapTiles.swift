import Foundation

/// A tile server an operator chose to draw beneath the results map (`mapTiles` in the
/// configuration): a URL template in the slippy-map scheme (`{z}/{x}/{y}`, Web Mercator, 256 px
/// tiles) and the attribution its licence asks for. Without one, the map is outlines only and
/// the pages make no request to anyone else.
///
/// The pages' Content-Security-Policy then allows images from the template's origin, and only
/// from it; and their referrer policy becomes `strict-origin-when-cross-origin`, so the tile
/// server learns this node's origin (which tile services such as OpenStreetMap's ask to see) and
/// never a page's address with its search.
package struct MapTiles: Sendable, Equatable {
    /// The URL with `{z}`, `{x}` and `{y}` in it.
    package let template: String
    /// Shown under the map, e.g. "© OpenStreetMap contributors".
    package let attribution: String
    /// The highest zoom level the server has (OpenStreetMap's: 19).
    package let maximumZoom: Int
    /// `scheme://host[:port]`, for the Content-Security-Policy.
    package let origin: String

    /// A tile source, or `nil` with the reason when the template is not an http(s) URL with
    /// `{z}`, `{x}` and `{y}` and a plain host, the attribution is empty or longer than 200
    /// characters, or the zoom is not between 1 and 22.
    package static func checked(
        template: String, attribution: String, maximumZoom: Int
    ) -> Result<
        MapTiles, MapTilesProblem
    > {
        for placeholder in ["{z}", "{x}", "{y}"] where !template.contains(placeholder) {
            return .failure(MapTilesProblem(field: "url", "has no \(placeholder)"))
        }
        let filled = template.replacingOccurrences(of: "{z}", with: "0").replacingOccurrences(of: "{x}", with: "0")
            .replacingOccurrences(of: "{y}", with: "0")
        guard
            filled.unicodeScalars.allSatisfy({
                $0.value > 0x20 && $0.value < 0x7F && !"\"'<>\\`{}".unicodeScalars.contains($0)
            }),
            let components = URLComponents(string: filled), let scheme = components.scheme?.lowercased(),
            ["http", "https"].contains(scheme), let host = components.host?.lowercased(),
            host.range(of: #"^[a-z0-9]([a-z0-9.-]{0,252})$"#, options: .regularExpression) != nil,
            components.user == nil, components.password == nil, components.fragment == nil
        else {
            return .failure(
                MapTilesProblem(field: "url", "is not an http(s) URL with a plain host and {z}, {x}, {y} in it"))
        }
        let trimmed = attribution.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200 else {
            return .failure(
                MapTilesProblem(field: "attribution", "must name the map data's source (1 to 200 characters)"))
        }
        guard (1...22).contains(maximumZoom) else {
            return .failure(MapTilesProblem(field: "maxZoom", "\(maximumZoom) is not between 1 and 22"))
        }
        let origin = scheme + "://" + host + (components.port.map { ":\($0)" } ?? "")
        return .success(MapTiles(template: template, attribution: trimmed, maximumZoom: maximumZoom, origin: origin))
    }

    private init(template: String, attribution: String, maximumZoom: Int, origin: String) {
        self.template = template
        self.attribution = attribution
        self.maximumZoom = maximumZoom
        self.origin = origin
    }

    /// The address of one tile.
    func address(zoom: Int, x: Int, y: Int) -> String {
        template.replacingOccurrences(of: "{z}", with: String(zoom)).replacingOccurrences(of: "{x}", with: String(x))
            .replacingOccurrences(of: "{y}", with: String(y))
    }
}

/// Why a `mapTiles` setting was refused: the setting's field and the problem.
package struct MapTilesProblem: Error, Sendable, CustomStringConvertible {
    package let field: String
    package let problem: String

    init(field: String, _ problem: String) {
        self.field = field
        self.problem = problem
    }

    package var description: String { "\(field): \(problem)" }
}
