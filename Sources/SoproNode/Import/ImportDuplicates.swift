import CatalogueStore
package import DirectoryModel
import NodeAPI
package import NodeClient
import SyncProtocol
import Workspace

/// Likely duplicates among the enterprises an import would publish: two records of the file
/// that name the same enterprise at the same place (the shared map data has 14 such names,
/// the same initiative entered twice among them), and a record that names an enterprise the
/// catalogue holds already under another id. The rule is the workspace's (`WorkList`): a
/// folded name in common and the same postcode and locality, or within 1 km.
package enum ImportDuplicates {
    /// One record's likely twin: another record of the file (`source`) or an entry of the
    /// catalogue (`existing`).
    package struct Finding: Sendable, Equatable {
        package var index: Int
        package var twin: String
    }

    /// The records (by index into `entries`) that are likely a duplicate of an earlier record
    /// or of an entry the node at `client` holds; the first of each group within the file is
    /// kept. With no client, only the file is compared.
    package static func find(
        _ entries: [(source: String, entry: Entry)], client: NodeClient?
    ) async throws -> [Finding] {
        let keyed = entries.enumerated().map { index, item in
            (EntryKey(kind: "enterprise", id: "\(index)"), item.entry)
        }
        var findings: [Finding] = []
        let withinFile = WorkList.likelyDuplicates(keyed.filter { if case .enterprise = $0.1 { true } else { false } })
        var reported: Set<Int> = []
        for (index, (key, _)) in keyed.enumerated() {
            guard let twins = withinFile[key]?.compactMap({ Int($0.id) }), let first = twins.min(), first < index
            else { continue }
            findings.append(Finding(index: index, twin: "record \(entries[first].source) of this file"))
            reported.insert(index)
        }
        guard let client else { return findings }
        for (index, item) in entries.enumerated() where !reported.contains(index) {
            guard case .enterprise(let enterprise) = item.entry, let name = enterprise.name.values.values.first
            else { continue }
            let page = try await client.entries([("q", name), ("kind", "enterprise"), ("limit", "20")])
            let names = WorkList.folded(enterprise.name)
            for hit in page.items where hit.id != enterprise.id.rawValue {
                let hitNames = WorkList.folded(
                    LocalizedText(
                        Dictionary(
                            hit.names.compactMap { key, value in (try? LanguageTag(parsing: key)).map { ($0, value) } },
                            uniquingKeysWith: { first, _ in first })))
                guard !hitNames.isDisjoint(with: names),
                    let detail = try await client.entry(kind: "enterprise", id: hit.id),
                    let existing = EntryDecoding.read(detail.entry, impliedKind: .enterprise).entry
                else { continue }
                let pair = [
                    (EntryKey(kind: "enterprise", id: "new"), item.entry),
                    (EntryKey(kind: "enterprise", id: hit.id), existing),
                ]
                if WorkList.likelyDuplicates(pair)[pair[0].0] != nil {
                    let shown = hit.names["de"] ?? hit.names.values.first ?? hit.id
                    findings.append(Finding(index: index, twin: "\(shown) (enterprise \(hit.id)) in the catalogue"))
                    break
                }
            }
        }
        return findings.sorted { $0.index < $1.index }
    }
}
