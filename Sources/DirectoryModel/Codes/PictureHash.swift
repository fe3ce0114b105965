/// The name of a picture: the SHA-256 of its bytes, as 64 lower-case hexadecimal digits.
///
/// Entries name their pictures by this hash; every node and mirror fetches a picture by it and
/// checks that the bytes it got hash to it, so a picture is the same everywhere and outlives the
/// website it came from.
public struct PictureHash: CatalogueCode {
    public let rawValue: String

    public init(parsing text: String) throws(FormatError) {
        let candidate = text.trimmed.lowercased()
        guard candidate.utf8.count == 64,
            candidate.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else {
            throw FormatError(value: text, isNot: "a picture's SHA-256 (64 hexadecimal digits)")
        }
        rawValue = candidate
    }
}
