import CatalogueStore
import DirectoryModel
import Foundation

extension WebController {
    /// `sitemap.xml`: the home and search pages and every visible entry's page, with the day it
    /// last changed. Up to `sitemapSize` URLs it is one file; beyond, it is a sitemap index of
    /// `/sitemap/1.xml`, `/sitemap/2.xml` … (the protocol's limit is 50,000 per file).
    func sitemap(part: Int?, _ context: PageContext) async throws -> Page {
        let pages = ["/", "/search"]
        let total = pages.count + (try await node.store.overview().total)
        let parts = max(1, (total + sitemapSize - 1) / sitemapSize)
        if part == nil, parts > 1 {
            var values = context.base(title: "sitemap")
            values["sitemaps"] = (1...parts).map { ["loc": context.address.absolute("/sitemap/\($0).xml")] }
            return Page(template: "sitemapindex", values: values, contentType: Self.xmlContentType)
        }
        let number = part ?? 1
        guard number <= parts else { return notFound(context) }
        let range = (number - 1) * sitemapSize..<number * sitemapSize
        var urls: [[String: Any]] = []
        var position = 0
        func add(_ path: String, _ updated: Int64?) {
            if range.contains(position) {
                var url: [String: Any] = ["loc": context.address.absolute(path)]
                url["lastmod"] = updated.map(PageContext.date)
                urls.append(url)
            }
            position += 1
        }
        for page in pages { add(page, nil) }
        // Entry pages in (kind, id) order, a store page at a time, until the part is full.
        var query = CatalogueQuery()
        query.limit = 500
        while position < range.upperBound {
            let page = try await node.store.entries(matching: query)
            for item in page.items { add("/\(item.kind)/\(item.id)", item.updated) }
            guard let next = page.next else { break }
            query.cursor = next
        }
        var values = context.base(title: "sitemap")
        values["urls"] = urls
        return Page(template: "sitemap", values: values, contentType: Self.xmlContentType)
    }

    static var xmlContentType: String { "application/xml; charset=utf-8" }
}
