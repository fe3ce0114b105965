import CatalogueStore
import DirectoryModel
import EntryDocuments
import Foundation
import NodeServer
import SoproNode
import SyncProtocol
import Synchronization
import Testing

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
        _ = try await node.publishKeepingPictures(try samples("regions"), editor: editor, intake: pictures)
        return node
    }

    /// The sample entries under `Examples/<path>` (a file or folder), pictures named by file as
    /// the sample files name them (`publishKeepingPictures` keeps them).
    static func samples(_ path: String) throws -> [SourcedEntry] {
        var context = ValidationContext()
        context.acceptsPictureSources = true
        let set = EntryFileDecoder(context: context).decode(paths: [examplesDirectory.appendingPathComponent(path).path]
        )
        #expect(set.isValid, "\(set.issues.prefix(3))")
        return set.entries
    }

    /// The samples' pictures are re-encoded once per test run, not once per node: dozens of
    /// tests make a sample node, and GD's work for each took the cores from the live tests.
    static let pictures = PictureIntake(codec: RememberingPictureCodec(GDPictureCodec()))
}

/// A codec that remembers what it made (tests: the same sample pictures, again and again).
final class RememberingPictureCodec: PictureCodec, @unchecked Sendable {
    private let base: any PictureCodec
    private let made = Mutex<[String: [UInt8]]>([:])

    init(_ base: any PictureCodec) { self.base = base }

    var isAvailable: Bool { base.isAvailable }

    func resize(
        _ bytes: [UInt8], type: PictureType, width: Int, height: Int, fitting maximumSide: Int,
        as output: PictureType, quality: Int, orientation: Int
    ) throws(PictureCodecError) -> [UInt8] {
        let key = "\(ContentHash.sha256(bytes)) \(maximumSide) \(output) \(quality) \(orientation)"
        if let known = made.withLock({ $0[key] }) { return known }
        let result = try base.resize(
            bytes, type: type, width: width, height: height, fitting: maximumSide, as: output, quality: quality,
            orientation: orientation)
        made.withLock { $0[key] = result }
        return result
    }
}
