import DirectoryModel
import EntryDocuments
import Foundation
import NodeAPI
import NodeClient

/// How `sopro-node publish` keeps the pictures entry files name by file or address: read or
/// fetched on the editor's machine, their metadata (EXIF with a location, XMP, comments)
/// removed before the bytes leave it — the orientation goes along as a parameter — and
/// uploaded to the node, which names them by the hash of what it stored.
enum PictureUpload {
    /// The most bytes fetched from an address (the node takes at most this much).
    static let maximumBytes = 12 * 1_048_576

    static func sources(connection: NodeConnection, token: String) -> PictureSources {
        PictureSources(
            keep: { bytes, source in
                let clean: [UInt8]
                let orientation: Int
                do {
                    let stripped = try PictureInspection.stripped(bytes)
                    orientation = stripped.inspection.orientation
                    clean = stripped.bytes
                } catch {
                    throw PictureSourceError("\(source): \(error)")
                }
                let answer = try await connection.run {
                    try await $0.uploadPicture(clean, orientation: orientation, token: token)
                }
                guard let sha256 = try? PictureHash(parsing: answer.sha256),
                    let type = PictureType(rawValue: answer.type)
                else {
                    throw PictureSourceError("\(source): the node answered an upload with \(answer)")
                }
                return PictureInfo(
                    sha256: sha256, type: type, width: answer.width, height: answer.height, bytes: answer.bytes)
            },
            fetch: { address in try await NodeClient.download(address, upTo: maximumBytes) })
    }
}
