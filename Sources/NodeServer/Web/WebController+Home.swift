import CatalogueStore
import DirectoryModel
import Foundation

extension WebController {
    /// Home: what the catalogue is, a search box, the lighthouse cooperations and products,
    /// counts per region and kind, and the entries changed last.
    func home(_ context: PageContext) async throws -> Page {
        var values = context.base(title: context.text("navHome"))
        func lighthouses(_ kind: EntryKind) async throws -> [[String: Any]] {
            var query = CatalogueQuery()
            query.kind = kind
            query.lighthouse = true
            query.limit = 6
            return try await cards(try await node.store.entries(matching: query).items, context)
        }
        values["lighthouseCooperations"] = try await lighthouses(.cooperation)
        values["lighthouseProducts"] = try await lighthouses(.product)
        values["recent"] = try await cards(try await node.store.recentlyUpdated(limit: 8, region: nil), context)

        let overview = try await node.store.overview()
        let kinds = EntryKind.allCases.map(\.rawValue)
        var rows: [String?: [String: Int]] = [:]
        for count in overview.byRegionAndKind { rows[count.region, default: [:]][count.kind] = count.count }
        values["kindHeaders"] = kinds.map { context.text("kind.\($0)") }
        values["regionRows"] = rows.keys.sorted { ($0 ?? "~") < ($1 ?? "~") }.map { region -> [String: Any] in
            let counts = rows[region] ?? [:]
            return [
                "label": context.regionLabel(region),
                "href": region.map { context.href("/search", [("region", $0)]) } ?? "",
                "cells": kinds.map { kind -> [String: Any] in
                    let count = counts[kind] ?? 0
                    return [
                        "count": count,
                        "href": region.map { context.href("/search", [("region", $0), ("kind", kind)]) } ?? "",
                    ]
                },
                "total": counts.values.reduce(0, +),
            ]
        }
        values["regionFeeds"] = rows.keys.compactMap { $0 }.sorted().map { region -> [String: Any] in
            ["label": region, "href": context.href("/feed/\(region).atom")]
        }
        values["totals"] = kinds.map { kind in
            overview.byRegionAndKind.filter { $0.kind == kind }.reduce(0) { $0 + $1.count }
        }
        values["grandTotal"] = overview.total
        values["intro"] = context.text("intro")
        return Page(template: "home", values: values)
    }
}
