package import DirectoryModel
package import Foundation
import SyncProtocol

/// A picture as a node holds it: its bytes, named by their SHA-256, with what they are.
package struct StoredPicture: Sendable, Hashable {
    package var info: PictureInfo
    package var data: Data

    package init(info: PictureInfo, data: Data) {
        self.info = info
        self.data = data
    }
}

extension StoredPicture {
    /// Bytes a peer sent for the picture `sha256`, checked as every node checks them: they hash
    /// to `sha256`, are a JPEG, PNG or WebP picture (told from the bytes) within the limits, and
    /// carry no metadata — a node stores pictures re-encoded, without EXIF, XMP or comments.
    package init(checking data: Data, named sha256: PictureHash) throws(PictureProblem) {
        let hash = ContentHash.sha256(data)
        guard hash == sha256.rawValue else {
            throw .malformed("the bytes hash to \(hash), not to the picture's name \(sha256.rawValue)")
        }
        guard data.count <= EntryLimits.pictureBytes else {
            throw .tooLarge("the picture has \(data.count) bytes; at most \(EntryLimits.pictureBytes) are allowed")
        }
        let inspection = try PictureInspection.inspect(Array(data))
        guard max(inspection.width, inspection.height) <= EntryLimits.pictureSide else {
            throw .tooLarge(
                "the picture is \(inspection.width) × \(inspection.height) pixels; at most \(EntryLimits.pictureSide) a side"
            )
        }
        guard inspection.metadata.isEmpty else {
            throw .metadata("the picture carries \(inspection.metadata.joined(separator: ", ")), which nodes remove")
        }
        self.init(
            info: PictureInfo(
                sha256: sha256, type: inspection.type, width: inspection.width, height: inspection.height,
                bytes: data.count),
            data: data)
    }
}
