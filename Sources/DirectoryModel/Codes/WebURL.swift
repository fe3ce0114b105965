import Foundation

/// A public web address: `https://` or `http://`, a host name with a dot, no credentials.
///
/// Only these two schemes are accepted, so a `javascript:` or `data:` URL can never reach a page
/// as a link. A bare `www.example.at` is refused with a hint to add `https://`, rather than
/// guessed, so the stored value is exactly what the editor wrote.
public struct WebURL: CatalogueCode {
    public let rawValue: String

    public init(parsing text: String) throws(FormatError) {
        let candidate = text.trimmed
        let expectation = "a web address (https://…)"
        guard !candidate.isEmpty, candidate.utf8.count <= 2000 else {
            throw FormatError(value: text, isNot: expectation)
        }
        guard
            !candidate.unicodeScalars.contains(where: {
                $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F
            })
        else {
            throw FormatError(value: text, isNot: expectation + ": it contains white space or control characters")
        }
        let lowered = candidate.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") else {
            if let colon = lowered.firstIndex(of: ":"), !lowered[..<colon].contains("."),
                lowered[..<colon].allSatisfy({ $0.isLetter })
            {
                throw FormatError(
                    value: text, isNot: expectation + ": only http and https links are allowed")
            }
            throw FormatError(value: text, isNot: expectation + ": add https:// in front")
        }
        guard let components = URLComponents(string: candidate), let scheme = components.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = components.host?.lowercased(),
            components.user == nil, components.password == nil,
            DomainName.isValid(host, requiringDot: true)
        else {
            throw FormatError(value: text, isNot: expectation)
        }
        rawValue = candidate
    }

    /// The address as a Foundation URL, for clients that fetch it.
    public var url: URL? { URL(string: rawValue) }
}
