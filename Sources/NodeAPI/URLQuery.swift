import Foundation

/// Query strings for links and requests, one encoding for the web pages and the command line.
package enum URLQuery {
    /// `name=value&…` percent-encoded, leaving out absent values; `""` when nothing is left.
    /// A `+` is encoded too: servers read a bare one as a space.
    package static func encode(_ items: [(String, String?)]) -> String {
        var components = URLComponents()
        components.queryItems = items.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        return components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B") ?? ""
    }
}
