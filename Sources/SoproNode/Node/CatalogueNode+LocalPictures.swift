package import CatalogueStore
import DirectoryModel
package import EntryDocuments
package import NodeServer

extension CatalogueNode {
    /// Publishes entries read from entry files at this node, keeping the pictures they name by
    /// file here first, as an upload would (`PictureIntake`) — for the demo's sample files and
    /// tests, which publish without HTTP. Pictures named by a web address are refused: nothing
    /// here fetches from the network.
    package func publishKeepingPictures(
        _ entries: [SourcedEntry], editor: String, intake: PictureIntake = PictureIntake()
    ) async throws -> PublishReport {
        let store = store
        var sources = PictureSources(
            keep: { bytes, source in
                do {
                    let picture = try await intake.taking(bytes)
                    try await store.store(picture)
                    return picture.info
                } catch let problem as PictureProblem {
                    throw PictureSourceError("\(source): \(problem)")
                }
            },
            fetch: { address in
                throw PictureSourceError("\(address): pictures by address are fetched by `sopro-node publish` only")
            })
        return try await publish(try await sources.resolve(entries), editor: editor)
    }
}
