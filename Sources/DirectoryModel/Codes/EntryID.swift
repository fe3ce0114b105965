import Foundation

/// The globally unique id of an entry: a UUID (RFC 9562) in canonical lower-case form.
///
/// Any node or editor can mint one without asking anyone; `EntryID.make()` mints a version 7
/// UUID, whose leading timestamp makes ids sort roughly by creation. Ids minted by other tools
/// (`uuidgen`) are accepted too, as are upper-case and `urn:uuid:` forms.
public struct EntryID: CatalogueCode {
    public let rawValue: String

    public init(parsing text: String) throws(FormatError) {
        // Ids in stored and signed data are already canonical; checking that byte by byte keeps
        // materializing an entry cheap. Anything else takes the lenient path below.
        if Self.isCanonical(text.utf8), text != Self.nilID, text != Self.maxID {
            rawValue = text
            return
        }
        var candidate = text.trimmed.lowercased()
        if candidate.hasPrefix("urn:uuid:") { candidate.removeFirst("urn:uuid:".count) }
        let groups = candidate.split(separator: "-", omittingEmptySubsequences: false)
        let hex = "0123456789abcdef"
        guard groups.map(\.utf8.count) == [8, 4, 4, 4, 12],
            groups.allSatisfy({ $0.allSatisfy { hex.contains($0) } })
        else {
            throw FormatError(
                value: text, isNot: "an entry id (a UUID such as 0192f3a4-5b6c-7d8e-9f01-23456789abcd)")
        }
        guard candidate != Self.nilID, candidate != Self.maxID else {
            throw FormatError(value: text, isNot: "usable as an entry id (the nil and max UUIDs are reserved)")
        }
        rawValue = candidate
    }

    private static let nilID = "00000000-0000-0000-0000-000000000000"
    private static let maxID = "ffffffff-ffff-ffff-ffff-ffffffffffff"

    /// Whether `utf8` is a UUID in canonical form: 36 characters, lower-case hex digits with
    /// hyphens at positions 8, 13, 18 and 23.
    private static func isCanonical(_ utf8: String.UTF8View) -> Bool {
        guard utf8.count == 36 else { return false }
        for (position, byte) in utf8.enumerated() {
            switch position {
            case 8, 13, 18, 23: guard byte == UInt8(ascii: "-") else { return false }
            default:
                guard
                    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                        || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                else { return false }
            }
        }
        return true
    }

    /// Mints a new version 7 UUID from `date` and random bits.
    public static func make(at date: Date = Date()) -> EntryID {
        var generator = SystemRandomNumberGenerator()
        return make(at: date, using: &generator)
    }

    /// Mints a new version 7 UUID from `date` and `generator` (seeded in tests).
    public static func make(at date: Date, using generator: inout some RandomNumberGenerator) -> EntryID {
        let milliseconds = UInt64(max(0, min(date.timeIntervalSince1970 * 1000, Double(UInt64(1) << 47))))
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index)))
        }
        for index in 6..<16 {
            bytes[index] = UInt8.random(in: 0...255, using: &generator)
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x70
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return EntryID(known: canonicalText(of: bytes))
    }

    /// The id of the 16 bytes of a UUID minted elsewhere (e.g. a version 5 UUID derived from
    /// an imported record's source id); the nil and max UUIDs are refused as in `init(parsing:)`.
    public init(uuidBytes bytes: [UInt8]) throws(FormatError) {
        guard bytes.count == 16 else {
            throw FormatError(value: "\(bytes.count) bytes", isNot: "a UUID (16 bytes)")
        }
        try self.init(parsing: Self.canonicalText(of: bytes))
    }

    /// 8-4-4-4-12 lower-case hex digits.
    private static func canonicalText(of bytes: [UInt8]) -> String {
        let hex = Array(bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined())
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }.joined(separator: "-")
    }

    init(known text: String) { rawValue = text }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
