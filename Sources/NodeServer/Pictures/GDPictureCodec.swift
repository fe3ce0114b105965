package import DirectoryModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Pictures decoded, resized and encoded by GD (libgd, the GD Graphics Library), loaded when
/// the node starts.
///
/// Why GD: Debian ships it (`libgd3`, maintained by the GD project; PHP's image functions are
/// built on it) and it is on the base system of the machines the project runs on; it reads and
/// writes all three catalogue formats (JPEG through libjpeg-turbo, PNG through libpng, WebP
/// through libwebp) and resamples with proper filters; and its C API has no variadic functions,
/// so the node binds it at run time (`dlopen`) with nothing to install for building — the
/// README's two commands stay two. A node without the library still takes pictures that fit
/// the limits as they are (metadata stripped from the container) and serves them unresized.
/// Considered: libvips (faster, applies EXIF orientation, but not installed by default and its
/// API is variadic); ImageMagick (large, its own security policy to keep); decoders written
/// here (the field has libraries).
package struct GDPictureCodec: PictureCodec {
    private typealias CreateFromPointer = @convention(c) (Int32, UnsafeMutableRawPointer?) -> OpaquePointer?
    private typealias EncodeWithQuality =
        @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int32>?, Int32) ->
        UnsafeMutableRawPointer?
    private typealias Encode = @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int32>?) -> UnsafeMutableRawPointer?
    private typealias Scale = @convention(c) (OpaquePointer?, UInt32, UInt32) -> OpaquePointer?
    private typealias Rotate = @convention(c) (OpaquePointer?, Float, Int32) -> OpaquePointer?
    private typealias SetFlag = @convention(c) (OpaquePointer?, Int32) -> Void
    private typealias Destroy = @convention(c) (OpaquePointer?) -> Void
    private typealias Free = @convention(c) (UnsafeMutableRawPointer?) -> Void

    private struct Library: @unchecked Sendable {
        // Function pointers into a library that stays loaded for the life of the process.
        let createJPEG: CreateFromPointer
        let createPNG: CreateFromPointer
        let createWebP: CreateFromPointer
        let encodeJPEG: EncodeWithQuality
        let encodePNG: Encode
        let encodeWebP: EncodeWithQuality
        let scale: Scale
        let rotate: Rotate
        let saveAlpha: SetFlag
        let destroy: Destroy
        let free: Free
    }

    private static let library: Library? = load()

    package init() {}

    package var isAvailable: Bool { Self.library != nil }

    private static func load() -> Library? {
        let names = ["libgd.so.3", "libgd.so", "libgd.3.dylib", "libgd.dylib"]
        guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else { return nil }
        func symbol<T>(_ name: String, as type: T.Type) -> T? {
            dlsym(handle, name).map { unsafeBitCast($0, to: type) }
        }
        guard let createJPEG = symbol("gdImageCreateFromJpegPtr", as: CreateFromPointer.self),
            let createPNG = symbol("gdImageCreateFromPngPtr", as: CreateFromPointer.self),
            let createWebP = symbol("gdImageCreateFromWebpPtr", as: CreateFromPointer.self),
            let encodeJPEG = symbol("gdImageJpegPtr", as: EncodeWithQuality.self),
            let encodePNG = symbol("gdImagePngPtr", as: Encode.self),
            let encodeWebP = symbol("gdImageWebpPtrEx", as: EncodeWithQuality.self),
            let scale = symbol("gdImageScale", as: Scale.self),
            let rotate = symbol("gdImageRotateInterpolated", as: Rotate.self),
            let saveAlpha = symbol("gdImageSaveAlpha", as: SetFlag.self),
            let destroy = symbol("gdImageDestroy", as: Destroy.self),
            let free = symbol("gdFree", as: Free.self)
        else { return nil }
        return Library(
            createJPEG: createJPEG, createPNG: createPNG, createWebP: createWebP, encodeJPEG: encodeJPEG,
            encodePNG: encodePNG, encodeWebP: encodeWebP, scale: scale, rotate: rotate, saveAlpha: saveAlpha,
            destroy: destroy,
            free: free)
    }

    package func resize(
        _ bytes: [UInt8], type: PictureType, width: Int, height: Int, fitting maximumSide: Int,
        as output: PictureType, quality: Int, orientation: Int
    ) throws(PictureCodecError) -> [UInt8] {
        guard let gd = Self.library else { throw PictureCodecError("GD (libgd) is not installed on this machine") }
        guard bytes.count < Int(Int32.max) else { throw PictureCodecError("the picture is too large to decode") }
        var input = bytes
        let create =
            switch type {
            case .jpeg: gd.createJPEG
            case .png: gd.createPNG
            case .webp: gd.createWebP
            }
        let decoded = input.withUnsafeMutableBytes { create(Int32($0.count), $0.baseAddress) }
        guard let decoded else {
            throw PictureCodecError("the \(type.rawValue.uppercased()) picture could not be decoded")
        }
        defer { gd.destroy(decoded) }
        let size = PictureInfo.fitted(width: width, height: height, maximumSide: maximumSide)
        var image = decoded
        var scaled: OpaquePointer?
        if size != (width, height) {
            scaled = gd.scale(decoded, UInt32(size.width), UInt32(size.height))
            guard let scaled else { throw PictureCodecError("the picture could not be resized") }
            image = scaled
        }
        defer { if let scaled { gd.destroy(scaled) } }
        // GD turns anticlockwise (as PHP's imagerotate); the multiples of 90° are exact.
        let angle: Float? =
            switch orientation {
            case 3: 180
            case 6: 270
            case 8: 90
            default: nil
            }
        var turned: OpaquePointer?
        if let angle {
            turned = gd.rotate(image, angle, 0)
            guard let turned else { throw PictureCodecError("the picture could not be turned upright") }
            image = turned
        }
        defer { if let turned { gd.destroy(turned) } }
        gd.saveAlpha(image, 1)
        var length: Int32 = 0
        let quality = Int32(min(100, max(1, quality)))
        let encoded: UnsafeMutableRawPointer? =
            switch output {
            case .jpeg: gd.encodeJPEG(image, &length, quality)
            case .png: gd.encodePNG(image, &length)
            case .webp: gd.encodeWebP(image, &length, quality)
            }
        guard let encoded, length > 0 else { throw PictureCodecError("the picture could not be encoded") }
        defer { gd.free(encoded) }
        return Array(UnsafeRawBufferPointer(start: encoded, count: Int(length)))
    }
}
