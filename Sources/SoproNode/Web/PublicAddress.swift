import Foundation

/// Where readers reach this node — `https://katalog.example.at` or `https://example.at/sopro` —
/// for the links that must be absolute: the sitemap's and the Atom feeds'. Taken from the
/// configuration's `publicURL`; without one, from the request's `Host` (a node reached directly).
public struct PublicAddress: Sendable, Hashable {
    /// Scheme, host, port and path prefix, without a trailing slash.
    public let base: String

    /// An `http` or `https` URL with a host and no query or fragment; `nil` otherwise.
    public init?(_ text: String) {
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = components.host, !host.isEmpty,
            components.query == nil, components.fragment == nil, components.user == nil
        else { return nil }
        var base = text
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
    }

    private init(checkedBase: String) { base = checkedBase }

    /// The address a request came to, from its `Host`, when that is a plain `host[:port]`
    /// (letters, digits, dots, hyphens, an IPv6 literal in brackets); `http://localhost` when
    /// there is none or it holds anything else — that is not put into links.
    static func requested(host: String?) -> PublicAddress {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")
        guard let host, !host.isEmpty, host.count <= 255, host.allSatisfy(allowed.contains),
            let address = PublicAddress("http://" + host)
        else { return PublicAddress(checkedBase: "http://localhost") }
        return address
    }

    /// `path` (with its query), made absolute.
    func absolute(_ path: String) -> String { base + path }
}
