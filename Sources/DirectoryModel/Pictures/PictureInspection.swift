/// What a picture's bytes say about it, read from the container structure alone (no decoding):
/// its type, its size in pixels, the metadata blocks it carries and whether those hold a place.
///
/// The type is told from the bytes — JPEG's SOI marker, PNG's signature, WebP's RIFF header —
/// never from a name. The size comes from the frame header (JPEG's SOFn, PNG's IHDR, WebP's
/// VP8/VP8L/VP8X), so a node can refuse a picture of too many pixels before a decoder allocates
/// them. Metadata blocks are EXIF, XMP, comments and text chunks; EXIF's GPS directory or XMP's
/// GPS properties are a location, which can say where someone lives or works.
///
/// `strippingMetadata` removes those blocks without re-encoding (the CLI does it on the editor's
/// machine before it uploads); a node re-encodes what it stores, which keeps none of them.
public struct PictureInspection: Hashable, Sendable {
    public var type: PictureType
    public var width: Int
    public var height: Int
    /// The metadata blocks found, e.g. `["EXIF", "XMP"]`.
    public var metadata: [String]
    /// Whether a metadata block records where the picture was taken.
    public var hasLocation: Bool
    /// EXIF's orientation (1–8; 1 when absent): how a viewer must turn the stored pixels.
    public var orientation: Int

    /// Reads `bytes`; throws when they are not a JPEG, PNG or WebP picture or are broken.
    public static func inspect(_ bytes: [UInt8]) throws(PictureProblem) -> PictureInspection {
        var reader = try Reader(bytes)
        return try reader.read(stripping: false).inspection
    }

    /// The same picture without its metadata blocks (EXIF, XMP, comments, text chunks), pixels
    /// and colour profile untouched.
    public static func strippingMetadata(_ bytes: [UInt8]) throws(PictureProblem) -> [UInt8] {
        try stripped(bytes).bytes
    }

    /// What `inspect` reads and what `strippingMetadata` makes, in one pass over the bytes (the
    /// CLI sends the orientation of the bytes it strips).
    public static func stripped(
        _ bytes: [UInt8]
    ) throws(PictureProblem) -> (inspection: PictureInspection, bytes: [UInt8]) {
        var reader = try Reader(bytes)
        let read = try reader.read(stripping: true)
        return (read.inspection, read.stripped)
    }

    /// The type the first bytes announce, or `nil`.
    public static func type(of bytes: [UInt8]) -> PictureType? {
        if bytes.count >= 3, bytes[0] == 0xFF, bytes[1] == 0xD8, bytes[2] == 0xFF { return .jpeg }
        if bytes.count >= 8, Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] { return .png }
        if bytes.count >= 12, Array(bytes[0..<4]) == Array("RIFF".utf8), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            return .webp
        }
        return nil
    }
}

extension PictureInspection {
    fileprivate struct Reader {
        let bytes: [UInt8]
        let type: PictureType
        var width = 0
        var height = 0
        var metadata: [String] = []
        var hasLocation = false
        var orientation = 1

        init(_ bytes: [UInt8]) throws(PictureProblem) {
            guard let type = PictureInspection.type(of: bytes) else {
                throw .unsupportedType(
                    "the bytes are not a JPEG, PNG or WebP picture (told from their first bytes, not from a name)")
            }
            self.bytes = bytes
            self.type = type
        }

        var inspection: PictureInspection {
            PictureInspection(
                type: type, width: width, height: height, metadata: metadata, hasLocation: hasLocation,
                orientation: orientation)
        }

        mutating func read(stripping: Bool) throws(PictureProblem) -> (inspection: PictureInspection, stripped: [UInt8])
        {
            let stripped: [UInt8]
            switch type {
            case .jpeg: stripped = try readJPEG()
            case .png: stripped = try readPNG()
            case .webp: stripped = try readWebP()
            }
            guard width > 0, height > 0 else {
                throw .malformed("the \(type.rawValue.uppercased()) picture names no size (no frame header)")
            }
            return (inspection, stripping ? stripped : [])
        }

        func uint16(_ at: Int, bigEndian: Bool = true) throws(PictureProblem) -> Int {
            guard at >= 0, at + 2 <= bytes.count else { throw truncated }
            return bigEndian ? Int(bytes[at]) << 8 | Int(bytes[at + 1]) : Int(bytes[at + 1]) << 8 | Int(bytes[at])
        }

        func uint32(_ at: Int, bigEndian: Bool = true) throws(PictureProblem) -> Int {
            guard at >= 0, at + 4 <= bytes.count else { throw truncated }
            let b = bytes[at..<at + 4].map(Int.init)
            return bigEndian ? b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3] : b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0]
        }

        var truncated: PictureProblem { .malformed("the \(type.rawValue.uppercased()) picture ends early") }

        // MARK: JPEG

        /// Segments up to the start of scan; APPn blocks other than JFIF (APP0), the ICC profile
        /// (APP2) and Adobe's colour transform (APP14) are metadata, as are comments.
        mutating func readJPEG() throws(PictureProblem) -> [UInt8] {
            var output: [UInt8] = [0xFF, 0xD8]
            var at = 2
            while true {
                guard at + 1 < bytes.count else { throw truncated }
                guard bytes[at] == 0xFF else { throw .malformed("the JPEG picture has no marker at byte \(at)") }
                let marker = bytes[at + 1]
                if marker == 0xFF {  // fill byte
                    at += 1
                    continue
                }
                if marker == 0xD9 { throw .malformed("the JPEG picture ends before its image data") }
                if (0xD0...0xD7).contains(marker) || marker == 0x01 {
                    output += bytes[at..<at + 2]
                    at += 2
                    continue
                }
                let length = try uint16(at + 2)
                guard length >= 2, at + 2 + length <= bytes.count else { throw truncated }
                let segment = bytes[at..<at + 2 + length]
                let body = at + 4
                let bodyLength = length - 2
                var keep = true
                switch marker {
                case 0xC0...0xC3, 0xC5...0xC7, 0xC9...0xCB, 0xCD...0xCF:
                    height = try uint16(body + 1)
                    width = try uint16(body + 3)
                case 0xE1:
                    keep = false
                    if startsWith(body, "Exif\0\0") {
                        metadata.append("EXIF")
                        try readEXIF(from: body + 6, length: bodyLength - 6)
                    } else if startsWith(body, "http://ns.adobe.com/xap/1.0/") {
                        metadata.append("XMP")
                        if xmpHasLocation(body, bodyLength) { hasLocation = true }
                    } else {
                        metadata.append("APP1")
                    }
                case 0xE2 where startsWith(body, "ICC_PROFILE\0"): break
                case 0xE0, 0xEE: break
                case 0xE3...0xEF, 0xE2:
                    keep = false
                    metadata.append(marker == 0xED ? "IPTC" : "APP\(marker - 0xE0)")
                case 0xFE:
                    keep = false
                    metadata.append("comment")
                default: break
                }
                if keep { output += segment }
                at += 2 + length
                if marker == 0xDA {  // start of scan: the rest is image data
                    output += bytes[at...]
                    return output
                }
            }
        }

        func startsWith(_ at: Int, _ text: String) -> Bool {
            let prefix = Array(text.utf8)
            return at + prefix.count <= bytes.count && Array(bytes[at..<at + prefix.count]) == prefix
        }

        func xmpHasLocation(_ at: Int, _ length: Int) -> Bool {
            let end = min(bytes.count, at + length)
            guard at < end else { return false }
            return String(decoding: bytes[at..<end], as: UTF8.self).contains("GPSLatitude")
        }

        /// A TIFF structure (EXIF): the orientation tag and the GPS directory of IFD0.
        mutating func readEXIF(from start: Int, length: Int) throws(PictureProblem) {
            guard length >= 8, start + length <= bytes.count else { return }
            let little: Bool
            if bytes[start] == 0x49, bytes[start + 1] == 0x49 {
                little = true
            } else if bytes[start] == 0x4D, bytes[start + 1] == 0x4D {
                little = false
            } else {
                return
            }
            let ifd = try uint32(start + 4, bigEndian: !little)
            let entriesAt = start + ifd
            guard ifd >= 8, entriesAt + 2 <= start + length else { return }
            let count = try uint16(entriesAt, bigEndian: !little)
            for index in 0..<min(count, 512) {
                let entry = entriesAt + 2 + index * 12
                guard entry + 12 <= start + length else { return }
                let tag = try uint16(entry, bigEndian: !little)
                switch tag {
                case 0x0112:
                    let value = try uint16(entry + 8, bigEndian: !little)
                    if (1...8).contains(value) { orientation = value }
                case 0x8825:
                    let gps = try uint32(entry + 8, bigEndian: !little)
                    let gpsAt = start + gps
                    if gps >= 8, gpsAt + 2 <= start + length, try uint16(gpsAt, bigEndian: !little) > 0 {
                        hasLocation = true
                    }
                default: break
                }
            }
        }

        // MARK: PNG

        /// Chunks; eXIf and the text chunks (tEXt, zTXt, iTXt) and tIME are metadata.
        mutating func readPNG() throws(PictureProblem) -> [UInt8] {
            var output = Array(bytes[0..<8])
            var at = 8
            var first = true
            while at < bytes.count {
                let length = try uint32(at)
                guard at + 12 + length <= bytes.count else { throw truncated }
                let name = String(decoding: bytes[at + 4..<at + 8], as: UTF8.self)
                if first {
                    guard name == "IHDR", length >= 8 else {
                        throw .malformed("the PNG picture does not begin with IHDR")
                    }
                    width = try uint32(at + 8)
                    height = try uint32(at + 12)
                    first = false
                }
                var keep = true
                switch name {
                case "eXIf":
                    keep = false
                    metadata.append("EXIF")
                    try readEXIF(from: at + 8, length: length)
                case "tEXt", "zTXt", "iTXt":
                    keep = false
                    metadata.append(name)
                    if xmpHasLocation(at + 8, length) { hasLocation = true }
                case "tIME":
                    keep = false
                    metadata.append(name)
                default: break
                }
                if keep { output += bytes[at..<at + 12 + length] }
                at += 12 + length
                if name == "IEND" { return output }
            }
            throw truncated
        }

        // MARK: WebP

        /// RIFF chunks; EXIF and XMP are metadata (and their VP8X flags are cleared when stripped).
        mutating func readWebP() throws(PictureProblem) -> [UInt8] {
            let declared = try uint32(4, bigEndian: false)
            guard declared + 8 <= bytes.count, declared >= 4 else { throw truncated }
            var chunks: [UInt8] = []
            var at = 12
            let end = declared + 8
            while at + 8 <= end {
                let name = String(decoding: bytes[at..<at + 4], as: UTF8.self)
                let length = try uint32(at + 4, bigEndian: false)
                let padded = length + (length & 1)
                guard at + 8 + length <= end else { throw truncated }
                let body = at + 8
                var chunk = Array(bytes[at..<min(end, at + 8 + padded)])
                switch name {
                case "VP8X":
                    guard length >= 10 else { throw truncated }
                    width = (Int(bytes[body + 4]) | Int(bytes[body + 5]) << 8 | Int(bytes[body + 6]) << 16) + 1
                    height = (Int(bytes[body + 7]) | Int(bytes[body + 8]) << 8 | Int(bytes[body + 9]) << 16) + 1
                    chunk[8] &= ~0x0C  // the EXIF and XMP flags
                case "VP8 ":
                    guard length >= 10, width == 0 else { break }
                    guard bytes[body + 3] == 0x9D, bytes[body + 4] == 0x01, bytes[body + 5] == 0x2A else {
                        throw .malformed("the WebP picture's VP8 frame has no start code")
                    }
                    width = try uint16(body + 6, bigEndian: false) & 0x3FFF
                    height = try uint16(body + 8, bigEndian: false) & 0x3FFF
                case "VP8L":
                    guard length >= 5, width == 0 else { break }
                    guard bytes[body] == 0x2F else {
                        throw .malformed("the WebP picture's VP8L frame has no signature")
                    }
                    let bits = try uint32(body + 1, bigEndian: false)
                    width = (bits & 0x3FFF) + 1
                    height = ((bits >> 14) & 0x3FFF) + 1
                case "EXIF":
                    metadata.append("EXIF")
                    let exif = startsWith(body, "Exif\0\0") ? body + 6 : body
                    try readEXIF(from: exif, length: length - (exif - body))
                    chunk = []
                case "XMP ":
                    metadata.append("XMP")
                    if xmpHasLocation(body, length) { hasLocation = true }
                    chunk = []
                default: break
                }
                chunks += chunk
                at += 8 + padded
            }
            let size = chunks.count + 4
            let header: [UInt8] =
                Array("RIFF".utf8) + (0..<4).map { UInt8((size >> ($0 * 8)) & 0xFF) } + Array("WEBP".utf8)
            return header + chunks
        }
    }
}
