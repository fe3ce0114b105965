import Mustache

/// The escaping of every `{{value}}` in the pages, feeds and sitemaps: `<`, `>`, `&`, `"` and
/// `'` become character references, one Unicode scalar at a time.
///
/// swift-mustache 2.1.1's own HTML escaper looks each Swift `Character` (a grapheme cluster) up
/// in a table, so a `<` joined to its neighbour — U+0D4E before it, U+0301 after it — is not
/// equal to `"<"` and passed raw, while browsers and XML parsers read scalars and see the `<`
/// (issue 14). This works on the UTF-8 bytes instead: the five are ASCII, and an ASCII byte is
/// never part of a longer UTF-8 sequence, so every scalar `<` is found whatever it is joined to.
/// The same references are right in HTML text and attributes and in XML (`&#39;` rather than
/// `&apos;`, which HTML 4 lacks).
struct ScalarMarkupEscaping: MustacheContentType {
    /// The name it is registered under, for `{{% CONTENT_TYPE: … }}`.
    static let name = "SOPRO_SCALAR_MARKUP"

    /// The pragma `PageRenderer` puts before every template, on a line of its own (a standalone
    /// tag, so the parser drops the line and the template renders exactly as written).
    static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"

    /// Registers it with swift-mustache (a process-wide table read when a template is parsed);
    /// evaluated once, before the first template is parsed.
    static let registered: Void = MustacheContentTypes.register(ScalarMarkupEscaping(), named: name)

    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x3C: bytes.append(contentsOf: "&lt;".utf8)
            case 0x3E: bytes.append(contentsOf: "&gt;".utf8)
            case 0x26: bytes.append(contentsOf: "&amp;".utf8)
            case 0x22: bytes.append(contentsOf: "&quot;".utf8)
            case 0x27: bytes.append(contentsOf: "&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
