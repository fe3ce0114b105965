import CatalogueStore
import DirectoryModel
import EntryDocuments
import Foundation
import SoproNode
import SyncProtocol

/// A regional node that has published every sample entry of `Examples/regions` with its own
/// key: the catalogue the API, HTTP and web tests read.
enum SampleNode {
    static func make(
        key: NodeKey, region: String = "AT12", name: String = "Niederösterreich", editor: String = "maria@at12",
        store: SQLiteChangeStore? = nil
    ) async throws -> CatalogueNode {
        let roster = AuthorRoster([TrustedAuthor(id: key.authorID, region: region, name: name)])
        let node = try await CatalogueNode(
            store: try store ?? SQLiteChangeStore.inMemory(),
            acceptance: ChangeAcceptance(roster: roster, schema: CatalogueSchema.fieldSchema),
            mode: .regional(key: key, region: region), name: name)
        let set = EntryFileDecoder().decode(paths: [examplesDirectory.appendingPathComponent("regions").path])
        _ = try await node.publish(set.entries, editor: editor)
        return node
    }
}
