/// An e-mail address checked for form (RFC 5321/6531 shape): a local part, `@`, and a domain of
/// at least two labels. Internationalised addresses (`büro@bäckerei.at`) are accepted.
///
/// Whether the mailbox exists is not checked; the domain is lower-cased, the local part kept.
public struct EmailAddress: CatalogueCode {
    public let rawValue: String

    public init(parsing text: String) throws(FormatError) {
        let address = text.trimmed
        let expectation = "an e-mail address (e.g. office@example.at)"
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, address.utf8.count <= 254 else { throw FormatError(value: text, isNot: expectation) }
        let local = parts[0]
        let domain = parts[1].lowercased()
        let localSpecials = Set("!#$%&'*+/=?^_`{|}~-.".unicodeScalars)
        guard !local.isEmpty, local.utf8.count <= 64, !local.hasPrefix("."), !local.hasSuffix("."),
            !local.contains(".."),
            local.unicodeScalars.allSatisfy({
                $0.isASCIIAlphanumeric || localSpecials.contains($0) || ($0.value > 0x7F && $0.properties.isAlphabetic)
            })
        else {
            throw FormatError(value: text, isNot: expectation)
        }
        guard DomainName.isValid(domain, requiringDot: true) else {
            throw FormatError(value: text, isNot: expectation)
        }
        rawValue = local + "@" + domain
    }
}

/// Host-name rules shared by e-mail addresses and web addresses.
enum DomainName {
    /// Letters (any script), digits and inner hyphens per label, 1–63 characters a label, a
    /// top-level label of letters, at most 253 characters in all.
    static func isValid(_ domain: String, requiringDot: Bool) -> Bool {
        guard !domain.isEmpty, domain.utf8.count <= 253 else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard !requiringDot || labels.count >= 2 else { return false }
        for label in labels {
            guard (1...63).contains(label.utf8.count), !label.hasPrefix("-"), !label.hasSuffix("-"),
                label.unicodeScalars.allSatisfy({
                    $0.isASCIIAlphanumeric || $0 == "-" || ($0.value > 0x7F && $0.properties.isAlphabetic)
                })
            else { return false }
        }
        if let top = labels.last, labels.count >= 2 {
            // xn-- punycode top-level labels contain digits and hyphens.
            guard top.utf8.count >= 2,
                top.hasPrefix("xn--") || top.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic })
            else { return false }
        }
        return true
    }
}
