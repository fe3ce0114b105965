import CatalogueStore
import DirectoryModel
import Foundation

extension WebController {
    /// Entries in a feed: the last 50 changed, as feed readers expect a page, not an archive.
    static var feedLength: Int { 50 }

    /// The Atom feed of recently changed entries, of the whole catalogue or of one NUTS region
    /// (an entry counts for a region when its region, delivery area or cooperation region lies
    /// inside it). An entry's `<id>` stays the same across its changes, so a reader shows an
    /// update instead of a new item.
    func feed(region: String?, _ context: PageContext) async throws -> Page {
        if let region, (try? NUTSCode(parsing: region)) == nil { return notFound(context) }
        let items = try await node.store.recentlyUpdated(limit: Self.feedLength, region: region)
        let title =
            region.map { context.text("feedTitleRegion", ["region": context.regionLabel($0)]) }
            ?? context.text("feedTitle")
        var values = context.base(title: Self.xmlText(title))
        let path = region.map { "/feed/\($0).atom" } ?? "/feed.atom"
        values["feedID"] = "urn:sopro:feed:" + (region ?? "all")
        values["subtitle"] = context.text("feedSubtitle")
        let latest = items.map(\.updated).max() ?? 0
        values["updated"] = Self.timestamp(latest)
        values["selfHref"] = context.address.absolute(context.href(path))
        values["alternateHref"] = context.address.absolute(
            region.map { context.href("/search", [("region", $0)]) } ?? context.href("/"))
        values["entries"] = items.map { item -> [String: Any] in
            let name = context.localized(item.names)
            var entry: [String: Any] = [
                "id": "urn:sopro:\(item.kind):\(item.id)",
                "title": Self.xmlText(name?["text"] as? String ?? item.id),
                "updated": Self.timestamp(item.updated),
                "href": context.address.absolute(context.href("/\(item.kind)/\(item.id)")),
                "kind": item.kind,
                "kindLabel": context.text("kindOne.\(item.kind)"),
                "summary": Self.xmlText(
                    [context.text("kindOne.\(item.kind)"), item.region.map(context.regionLabel)]
                        .compactMap { $0 }.joined(separator: " · ")),
            ]
            if name?["fallback"] != nil { entry["titleLang"] = name?["lang"] }
            return entry
        }
        return Page(template: "feed", values: values, contentType: "application/atom+xml; charset=utf-8")
    }

    /// An RFC 3339 time in UTC, as Atom wants it.
    static func timestamp(_ milliseconds: Int64) -> String {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000).formatted(.iso8601)
    }

    /// `text` without the characters XML 1.0 cannot carry — controls other than tab and line
    /// breaks, and U+FFFE and U+FFFF (a stray one in an entry's name, from a node that did not
    /// refuse it, must not make the whole feed unreadable); the template escapes the rest.
    static func xmlText(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.filter {
                    ($0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r") && $0.value != 0xFFFE
                        && $0.value != 0xFFFF
                }))
    }
}
