package import CatalogueStore
package import DirectoryModel
import Foundation
import SyncProtocol

/// What a node does with a picture an editor uploads, and the sizes its pages show.
///
/// An upload is checked from its bytes (type, pixels before anything is decoded, a recorded
/// location), then re-encoded by the codec in its own format at most `storedSide` pixels a side
/// — which keeps none of the metadata a file may carry — and named by the SHA-256 of the result.
/// Without a codec an upload that already fits is kept as it came, its metadata blocks removed
/// from the container. Pages ask for `renditionWidths` only (WebP, made once, kept).
package struct PictureIntake: Sendable {
    package var codec: any PictureCodec

    /// Bytes an upload may have.
    package static let uploadBytes = 12 * 1_048_576
    /// Pixels an upload may have, checked from its header before it is decoded.
    package static let uploadPixels = 40_000_000
    /// The longest side an upload may have.
    package static let uploadSide = 12_000
    /// The longest side of a picture as the node stores and federates it.
    package static let storedSide = 2_048
    /// The sizes pages show: cards in result lists (96 CSS pixels wide, so 192 for a screen of
    /// twice the density; the 320 first chosen sent 3.3 times the pixels a card shows), an
    /// entry's further pictures (160), and an entry's first picture.
    package static let renditionWidths = [192, 320, 960]

    package init(codec: any PictureCodec = GDPictureCodec()) {
        self.codec = codec
    }

    /// The picture to store for the uploaded `bytes`, or why it is refused; `orientation` is
    /// the EXIF orientation of a picture whose metadata the uploader removed (the CLI sends
    /// it), otherwise the picture's own.
    package func take(_ bytes: [UInt8], orientation: Int? = nil) throws(PictureProblem) -> StoredPicture {
        guard bytes.count <= Self.uploadBytes else {
            throw .tooLarge("the picture has \(bytes.count) bytes; at most \(Self.uploadBytes) are taken")
        }
        let inspection = try PictureInspection.inspect(bytes)
        let pixels = inspection.width * inspection.height
        guard pixels <= Self.uploadPixels, max(inspection.width, inspection.height) <= Self.uploadSide else {
            throw .tooLarge(
                "the picture is \(inspection.width) × \(inspection.height) pixels; at most \(Self.uploadPixels) pixels "
                    + "and \(Self.uploadSide) a side are taken")
        }
        guard !inspection.hasLocation else {
            throw .location(
                "the picture records where it was taken (\(inspection.metadata.joined(separator: ", "))); "
                    + "remove its location first (`sopro-node publish` removes it from the files it uploads)")
        }
        var stored: [UInt8]
        if codec.isAvailable {
            do {
                stored = try codec.resize(
                    bytes, type: inspection.type, width: inspection.width, height: inspection.height,
                    fitting: Self.storedSide, as: inspection.type, quality: 85,
                    orientation: orientation ?? inspection.orientation)
            } catch {
                throw .malformed("the \(inspection.type.rawValue.uppercased()) picture could not be read: \(error)")
            }
        } else {
            guard max(inspection.width, inspection.height) <= Self.storedSide else {
                throw .tooLarge(
                    "the picture is \(inspection.width) × \(inspection.height) pixels and this node cannot resize "
                        + "pictures (GD is not installed); at most \(Self.storedSide) a side")
            }
            stored = bytes
        }
        // GD writes a comment into a JPEG; nothing of the kind is kept.
        stored = try PictureInspection.strippingMetadata(stored)
        let data = Data(stored)
        guard let name = try? PictureHash(parsing: ContentHash.sha256(data)) else {
            throw .malformed("the picture's hash is not one")  // SHA-256 always gives 64 hex digits
        }
        return try StoredPicture(checking: data, named: name)
    }

    /// Where pictures are decoded and encoded: one thread of its own, so that picture work
    /// never takes more than one core, whatever arrives at once.
    private static let queue = DispatchQueue(label: "sopro.pictures", qos: .utility)

    /// `take` on the pictures' own thread: decoding and encoding a large picture keeps a core
    /// busy for tens of milliseconds, which must not hold one of the few threads of Swift's
    /// cooperative pool (two on a two-core machine) that every request and sync round shares.
    package func taking(_ bytes: [UInt8], orientation: Int? = nil) async throws(PictureProblem) -> StoredPicture {
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<StoredPicture, PictureProblem>, Never>) in
            Self.queue.async {
                continuation.resume(
                    returning: Result { () throws(PictureProblem) in try take(bytes, orientation: orientation) })
            }
        }
        return try result.get()
    }

    /// `rendition(of:width:)` on the pictures' own thread, as `taking`.
    package func making(_ width: Int, of picture: StoredPicture) async -> StoredPicture {
        await withCheckedContinuation { continuation in
            Self.queue.async {
                continuation.resume(returning: rendition(of: picture, width: width))
            }
        }
    }

    /// `picture` made to fit `width` pixels square (never enlarged) as WebP, for pages — so a
    /// page's pictures have a bounded size whatever their proportions; the picture itself when
    /// no codec is installed.
    package func rendition(of picture: StoredPicture, width: Int) -> StoredPicture {
        guard codec.isAvailable, max(picture.info.width, picture.info.height) > width || picture.info.type != .webp,
            let bytes = try? codec.resize(
                Array(picture.data), type: picture.info.type, width: picture.info.width, height: picture.info.height,
                fitting: width, as: .webp, quality: 80),
            let made = try? PictureInspection.inspect(bytes)
        else { return picture }
        var info = picture.info
        (info.type, info.width, info.height, info.bytes) = (.webp, made.width, made.height, bytes.count)
        return StoredPicture(info: info, data: Data(bytes))
    }
}
