import Foundation

/// Pictures made byte by byte for tests: a PNG of any size (stored, uncompressed deflate
/// blocks), and a JPEG's EXIF block with or without a GPS directory — so tests of type
/// sniffing, limits and metadata need no files and no image library.
package enum TestPictures {
    /// A `width` × `height` RGB PNG whose pixels follow `seed` (so two seeds give two pictures).
    package static func png(width: Int, height: Int, seed: UInt8 = 0) -> [UInt8] {
        var raw: [UInt8] = []
        raw.reserveCapacity((width * 3 + 1) * height)
        for y in 0..<height {
            raw.append(0)  // filter: none
            for x in 0..<width {
                raw += [UInt8(truncatingIfNeeded: x * 7 &+ Int(seed)), UInt8(truncatingIfNeeded: y * 5), seed &+ 90]
            }
        }
        var header: [UInt8] = []
        header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // 8 bits, RGB, deflate, no filter method, no interlace
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", zlibStored(raw))
            + chunk("IEND", [])
    }

    /// A PNG with a `tEXt` chunk (a comment, say an author's name) after its header.
    package static func pngWithText(width: Int, height: Int, text: String) -> [UInt8] {
        let plain = png(width: width, height: height)
        let ihdrEnd = 8 + 12 + 13
        return Array(plain[0..<ihdrEnd]) + chunk("tEXt", Array("Comment\0\(text)".utf8)) + Array(plain[ihdrEnd...])
    }

    /// `jpeg` with an APP1 EXIF block after its SOI marker: IFD0 with an orientation and, when
    /// `location`, a GPS directory holding a latitude reference.
    package static func addingEXIF(to jpeg: [UInt8], location: Bool, orientation: UInt16 = 1) -> [UInt8] {
        // TIFF, little-endian: header, IFD0 at 8.
        var tiff: [UInt8] = [0x49, 0x49, 0x2A, 0x00] + littleEndian(UInt32(8))
        let entries = location ? 2 : 1
        tiff += littleEndian16(UInt16(entries))
        tiff +=
            littleEndian16(0x0112) + littleEndian16(3) + littleEndian(UInt32(1)) + littleEndian16(orientation) + [0, 0]
        let gpsOffset = 8 + 2 + entries * 12 + 4
        if location {
            tiff +=
                littleEndian16(0x8825) + littleEndian16(4) + littleEndian(UInt32(1)) + littleEndian(UInt32(gpsOffset))
        }
        tiff += littleEndian(UInt32(0))  // no next IFD
        if location {
            // GPS IFD: one entry, GPSLatitudeRef = "N".
            tiff += littleEndian16(1)
            tiff += littleEndian16(0x0001) + littleEndian16(2) + littleEndian(UInt32(2)) + [0x4E, 0, 0, 0]
            tiff += littleEndian(UInt32(0))
        }
        let body = Array("Exif\0\0".utf8) + tiff
        let length = body.count + 2
        let segment: [UInt8] = [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + body
        return Array(jpeg[0..<2]) + segment + Array(jpeg[2...])
    }

    static func chunk(_ name: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(name.utf8) + data
        return bigEndian(UInt32(data.count)) + typed + bigEndian(crc32(typed))
    }

    /// A zlib stream of stored deflate blocks (no compression).
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let end = min(data.count, start + 65_535)
            let length = UInt16(end - start)
            output.append(end == data.count ? 1 : 0)
            output += littleEndian16(length) + littleEndian16(~length)
            output += data[start..<end]
            start = end
        } while start < data.count
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return output + bigEndian(b << 16 | a)
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8((value >> $0) & 0xFF) } }
    static func littleEndian(_ value: UInt32) -> [UInt8] { [0, 8, 16, 24].map { UInt8((value >> $0) & 0xFF) } }
    static func littleEndian16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
}
