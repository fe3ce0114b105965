import Foundation

/// Where readers reach this node — `https://katalog.example.at` or `https://example.at/sopro` —
/// for the links that must be absolute: the sitemap's and the Atom feeds'. Taken from the
/// configuration's `publicURL`; without one, from the request's `Host` (a node reached directly).
package struct PublicAddress: Sendable, Hashable {
    /// Scheme, host, port and path prefix, without a trailing slash.
    package let base: String

    /// An `http` or `https` URL with a host and no query or fragment; `nil` otherwise.
    package init?(_ text: String) {
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
    /// (`isPlainAuthority`); `http://localhost` when there is none or it holds anything else —
    /// that is not put into links. (`HostHeaderCheck` refuses such requests before they get here.)
    static func requested(host: String?) -> PublicAddress {
        guard let host, isPlainAuthority(host), let address = PublicAddress("http://" + host) else {
            return PublicAddress(checkedBase: "http://localhost")
        }
        return address
    }

    /// Whether `text` is a plain `host[:port]`: a name of letters, digits, hyphens and
    /// underscores in dot-separated labels of 1–63 (a trailing dot allowed; underscores, which
    /// DNS names lack, because container names have them), or an IPv4 address, or an IPv6
    /// address in brackets; the port 1–65535. At most 255 bytes.
    static func isPlainAuthority(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 255 else { return false }
        func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
        func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        func isHex(_ byte: UInt8) -> Bool {
            isDigit(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
        }
        let colon = UInt8(ascii: ":")
        var port: ArraySlice<UInt8>?
        if bytes[0] == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")) else { return false }
            let inside = bytes[1..<close]
            guard (2...45).contains(inside.count), inside.contains(colon),
                inside.allSatisfy({ isHex($0) || $0 == colon || $0 == UInt8(ascii: ".") })
            else { return false }
            let rest = bytes[(close + 1)...]
            if !rest.isEmpty {
                guard rest.first == colon else { return false }
                port = rest.dropFirst()
            }
        } else {
            let parts = bytes.split(separator: colon, maxSplits: 1, omittingEmptySubsequences: false)
            var host = parts[0]
            if parts.count == 2 { port = parts[1] }
            if host.last == UInt8(ascii: ".") { host = host.dropLast() }
            let labels = host.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            guard !host.isEmpty,
                labels.allSatisfy({ label in
                    (1...63).contains(label.count) && label.first != UInt8(ascii: "-")
                        && label.last != UInt8(ascii: "-")
                        && label.allSatisfy {
                            isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
                        }
                })
            else { return false }
        }
        if let port {
            guard (1...5).contains(port.count), port.allSatisfy(isDigit),
                let number = Int(String(decoding: port, as: UTF8.self)), (1...65535).contains(number)
            else { return false }
        }
        return true
    }

    /// `path` (with its query), made absolute.
    func absolute(_ path: String) -> String { base + path }
}
