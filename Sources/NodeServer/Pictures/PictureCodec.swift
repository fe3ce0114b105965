package import DirectoryModel

/// Decodes, resizes and encodes pictures: the seam between the node and an image library.
/// `GDPictureCodec` is the default; tests may give a node one that is unavailable.
package protocol PictureCodec: Sendable {
    /// Whether pictures can be decoded and encoded here (the library is installed).
    var isAvailable: Bool { get }

    /// `bytes`, a `type` picture of `width` × `height`, made to fit `maximumSide` pixels a side
    /// (never enlarged), turned upright for its EXIF `orientation` (3, 6 and 8: turned 180°,
    /// 90° clockwise, 90° anticlockwise; others as they are) and encoded as `output` at
    /// `quality` (1–100; PNG ignores it).
    func resize(
        _ bytes: [UInt8], type: PictureType, width: Int, height: Int, fitting maximumSide: Int,
        as output: PictureType, quality: Int, orientation: Int
    ) throws(PictureCodecError) -> [UInt8]
}

extension PictureCodec {
    /// `resize` of a picture that is upright as stored.
    package func resize(
        _ bytes: [UInt8], type: PictureType, width: Int, height: Int, fitting maximumSide: Int,
        as output: PictureType, quality: Int
    ) throws(PictureCodecError) -> [UInt8] {
        try resize(
            bytes, type: type, width: width, height: height, fitting: maximumSide, as: output, quality: quality,
            orientation: 1)
    }
}

/// Why a codec could not do its work.
package struct PictureCodecError: Error, CustomStringConvertible {
    package let description: String

    package init(_ description: String) { self.description = description }
}
