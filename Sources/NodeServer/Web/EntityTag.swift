import Foundation

/// Entity tags of pages and the stylesheet, compared as `If-None-Match` asks.
enum EntityTag {
    /// Whether an `If-None-Match` list names `etag` (weakly compared, as RFC 9110 asks for GET:
    /// `W/"x"` and `"x"` match, so a tag made weak by gzip still revalidates).
    static func matches(_ header: String?, _ etag: String) -> Bool {
        guard let header else { return false }
        func opaque(_ tag: Substring) -> Substring {
            let trimmed = tag.trimmingCharacters(in: .whitespaces)
            return Substring(trimmed.hasPrefix("W/") ? String(trimmed.dropFirst(2)) : trimmed)
        }
        if header.trimmingCharacters(in: .whitespaces) == "*" { return true }
        return header.split(separator: ",").contains { opaque($0) == opaque(Substring(etag)) }
    }
}
