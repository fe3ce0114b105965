import CatalogueStore
import DirectoryModel
import Foundation
import Hummingbird

extension WebController {
    /// The facets the search page offers, in order; `kind` is the entry kind.
    static var pageFacets: [String] {
        [
            "kind", "region", "reserved", "category", "sector", "socialModel", "targetGroup", "sustainability",
            "certification", "contracting", "deliveryArea",
        ]
    }

    /// Search and browse: full-text search (or all entries), facets with counts that can be
    /// combined and removed, highlighted snippets, cursor pages, and a helpful empty page.
    func search(_ request: Request, _ context: PageContext) async throws -> Page {
        let parameters = FormBody(queryOf: request)
        var (query, text, selected) = Self.query(parameters, context)
        query.limit = 20
        query.cursor = parameters["cursor"].flatMap { $0.isEmpty ? nil : $0 }
        let sort = query.sort
        let stateParameters: [(String, String)] =
            (text.isEmpty ? [] : [("q", text)]) + selected.map { ($0.facet, $0.value) }
            + (sort == .relevance ? [] : [("sort", sort.rawValue)])

        var values = context.base(
            title: text.isEmpty ? context.text("browseTitle") : context.text("resultsFor", ["q": text]))
        values["query"] = text
        values["heading"] = text.isEmpty ? context.text("browseTitle") : context.text("resultsFor", ["q": text])
        var page = CataloguePage(items: [], next: nil)
        var counts = FacetCounts(total: 0, values: [:])
        do {
            page = try await node.store.entries(matching: query)
            counts = try await node.store.facetCounts(matching: query, facets: Self.pageFacets)
        } catch let error as QueryError {
            values["queryProblem"] = error.message
        }
        values["items"] = try await cards(page.items, context)
        values["map"] = try await resultMap(page.items, context)
        values["count"] = context.text("resultsCount", ["n": String(counts.total)])
        if let next = page.next {
            values["nextHref"] = context.href("/search", stateParameters + [("cursor", next)])
        }
        if query.cursor != nil { values["firstHref"] = context.href("/search", stateParameters) }

        values["selected"] = selected.map { chosen -> [String: Any] in
            [
                "facet": context.text("facet.\(chosen.facet)"),
                "label": context.facetValueLabel(chosen.facet, chosen.value),
                "removeHref": context.href("/search", stateParameters.filter { $0 != (chosen.facet, chosen.value) }),
            ]
        }
        if !selected.isEmpty { values["clearHref"] = context.href("/search", text.isEmpty ? [] : [("q", text)]) }
        values["hidden"] = selected.map { ["name": $0.facet, "value": $0.value] }
        values["sorts"] =
            page.items.isEmpty
            ? []
            : CatalogueQuery.Sort.allCases.map { option -> [String: Any] in
                [
                    "value": option.rawValue, "label": context.text("sort.\(option.rawValue)"),
                    "selected": option == sort,
                ]
            }
        values["facets"] = Self.pageFacets.compactMap { facet -> [String: Any]? in
            guard !selected.contains(where: { $0.facet == facet }) else { return nil }
            let options = (counts.values[facet] ?? [:]).filter { Self.showsValue(facet, $0.key) }
                .sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                .prefix(12)
                .map { value, count -> [String: Any] in
                    [
                        "label": context.facetValueLabel(facet, value), "count": count,
                        "href": context.href("/search", stateParameters + [(facet, value)]),
                    ]
                }
            return options.isEmpty ? nil : ["name": context.text("facet.\(facet)"), "options": Array(options)]
        }
        if page.items.isEmpty {
            var suggestions: [[String: Any]] = []
            let words = text.split(separator: " ")
            if words.count > 1, let first = words.first {
                suggestions.append([
                    "label": context.text("suggestFewerWords", ["q": String(first)]),
                    "href": context.href("/search", [("q", String(first))]),
                ])
            }
            if !selected.isEmpty, !text.isEmpty {
                suggestions.append([
                    "label": context.text("suggestNoFilters"), "href": context.href("/search", [("q", text)]),
                ])
            }
            suggestions.append(["label": context.text("suggestBrowse"), "href": context.href("/search")])
            var nothingFound: [String: Any] = ["suggestions": suggestions]
            // Nothing in the catalogue: the brokerage desk may still know someone.
            if inquiries != nil {
                nothingFound["askHref"] = context.href("/inquiry", text.isEmpty ? [] : [("need", text)])
            }
            values["nothingFound"] = nothingFound
        }
        return Page(template: "search", values: values)
    }

    /// The embeddable list (`/embed`): the entries a search or the facets choose (`q`, the
    /// search page's facets, `sort`, `limit` up to 20), as cards on a page of their own for a
    /// partner's website to show in an `iframe` — no header, no navigation, links opening this
    /// catalogue in a new window, and a link to the same search here. Framed only by the
    /// configured `embedAncestors`.
    func embed(_ request: Request, _ context: PageContext) async throws -> Page {
        let parameters = FormBody(queryOf: request)
        var (query, text, selected) = Self.query(parameters, context)
        query.limit = min(max(parameters["limit"].flatMap { Int($0) } ?? 10, 1), 20)
        let state = (text.isEmpty ? [] : [("q", text)]) + selected.map { ($0.facet, $0.value) }
        let heading = text.isEmpty ? context.text("browseTitle") : context.text("resultsFor", ["q": text])
        var values = context.base(title: heading)
        values["heading"] = heading
        var page = CataloguePage(items: [], next: nil)
        do {
            page = try await node.store.entries(matching: query)
        } catch let error as QueryError {
            values["queryProblem"] = error.message
        }
        values["items"] = try await cards(page.items, context)
        values["moreHref"] = context.href("/search", state)
        return Page(template: "embed", values: values)
    }

    /// The query a search page's parameters ask for (text, sort, the page facets — one value
    /// each, `kind` as the entry kind), the text, and the filters in force in the order of the
    /// facet list. Page and limit are the caller's.
    static func query(
        _ parameters: FormBody, _ context: PageContext
    ) -> (query: CatalogueQuery, text: String, selected: [(facet: String, value: String)]) {
        let text = parameters["q"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var query = CatalogueQuery()
        if !text.isEmpty { query.text = text }
        query.sort = parameters["sort"].flatMap(CatalogueQuery.Sort.init(rawValue:)) ?? .relevance
        query.sortLanguage = context.language
        var selected: [(facet: String, value: String)] = []
        for facet in pageFacets {
            guard let value = parameters[facet], !value.isEmpty, value.count <= 64 else { continue }
            if facet == "kind" {
                guard let kind = EntryKind(rawValue: value) else { continue }
                query.kind = kind
            } else {
                query.facets.append(CatalogueQuery.Facet(facet, value))
            }
            selected.append((facet, value))
        }
        return (query, text, selected)
    }

    /// Whether a facet value is listed: categories by CPV division and sectors by NACE section
    /// (their full codes would make the list too long to scan), links and others as they are.
    static func showsValue(_ facet: String, _ value: String) -> Bool {
        switch facet {
        case "category": value.count == 2
        case "sector": value.count == 1
        default: true
        }
    }
}
