package import CatalogueStore
package import DirectoryModel
import Foundation
package import SyncProtocol

/// `GET /v1/entries/{kind}/{id}`: the merged entry, where each value came from, and the
/// concurrent values that lost a conflict.
package struct EntryDetail: Codable, Sendable {
    package struct Provenance: Codable, Sendable {
        package var value: SyncValue
        package var author: String
        package var region: String?
        package var editor: String
        /// ms since 1970.
        package var time: Int64
        package var tag: String
    }

    package struct Field: Codable, Sendable {
        package var current: Provenance?
        package var conflicts: [Provenance]
    }

    package var kind: String
    package var id: String
    package var retracted: Bool
    /// The entry document (as in entry files), from the merged values.
    package var entry: DocumentValue
    /// Problems of the merged entry (e.g. required fields not yet arrived); empty when valid.
    package var problems: [String]
    /// Per register (`name.de`): the winning write and the losers; per set (`sectors`): each element's adds.
    package var fields: [String: Field]

    /// The detail of `read`, the authors named by their regions in `roster`.
    package init(_ read: CatalogueEntry, roster: AuthorRoster) {
        func provenance(_ write: Write) -> Provenance {
            Provenance(
                value: write.value, author: write.tag.author.rawValue, region: roster.author(write.tag.author)?.region,
                editor: write.editor, time: write.hlc.time, tag: write.tag.rawValue)
        }
        kind = read.state.kind
        id = read.state.id
        retracted = read.state.isRetracted
        entry = read.document
        problems = read.problems.map(\.description)
        fields = CatalogueStore.Provenance.fields(of: read.state).mapValues {
            Field(current: $0.current.map(provenance), conflicts: $0.conflicts.map(provenance))
        }
    }
}

extension String {
    package var quotedForProblem: String { "\"" + prefix(80).replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
}
