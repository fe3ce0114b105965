package import DirectoryModel

/// `POST /v1/pictures`: the picture as the node stored it, in the form an entry names it
/// (`pictures[i]` of an entry document, with `alt` added by the editor).
package struct PictureAnswer: Codable, Sendable, Hashable {
    package var sha256: String
    package var type: String
    package var width: Int
    package var height: Int
    package var bytes: Int

    package init(_ info: PictureInfo) {
        sha256 = info.sha256.rawValue
        type = info.type.rawValue
        width = info.width
        height = info.height
        bytes = info.bytes
    }
}
