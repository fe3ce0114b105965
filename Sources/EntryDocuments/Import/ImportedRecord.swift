import Crypto
package import DirectoryModel
import Foundation

/// One record of a foreign file (a GeoJSON feature, a CSV row) turned into an entry document,
/// with notes on what the conversion changed or left out. The document then goes through the
/// same validation as a published entry file.
package struct ImportedRecord: Sendable {
    /// Where the record is: "feature 12 (NaHoPra)", "line 7".
    package var source: String
    package var document: DocumentValue
    package var notes: [String]

    /// The validated entry, or every problem with its path.
    /// Pictures may be named by address: the import fetches and uploads them before publishing.
    package var validated: EntryDecoding.Result {
        var context = ValidationContext()
        context.acceptsPictureSources = true
        return EntryDecoding.read(document, at: .root, context: context)
    }
}

/// Turns messy place data into catalogue values.
package enum ImportNormalizer {
    /// Ids for imported records, derived from what identifies them at their source, so that
    /// importing the same file twice updates the same entries (UUID version 5, RFC 9562, in a
    /// namespace of sopro's own).
    package static func entryID(for sourceKey: String) -> String {
        let namespace: [UInt8] = [
            0x5d, 0x2f, 0x0b, 0x8e, 0x3c, 0x41, 0x4b, 0x6a, 0x9f, 0x12, 0x7e, 0x65, 0x1d, 0xa4, 0xc3, 0x90,
        ]
        var bytes = Array(Insecure.SHA1.hash(data: namespace + Array(sourceKey.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        // The version bits make the nil and max UUIDs impossible here.
        return (try? EntryID(uuidBytes: bytes))?.rawValue ?? ""
    }

    /// "Österreich", "Austria", "AT", "ÖSterreich" → AT; "Hungary", "Magyarország" → HU.
    package static func country(_ text: String?) -> CountryCode? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let names: [String: String] = [
            "osterreich": "AT", "austria": "AT", "autriche": "AT", "ausztria": "AT", "hungary": "HU",
            "magyarorszag": "HU", "ungarn": "HU", "hongrie": "HU", "germany": "DE", "deutschland": "DE",
            "slovakia": "SK", "slowakei": "SK", "slovenia": "SI", "slowenien": "SI",
        ]
        return try? CountryCode(parsing: names[folded] ?? text)
    }

    /// "Vienna" → "Wien"; other names as written.
    package static func locality(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let names = ["vienna": "Wien", "vienne": "Wien", "becs": "Wien", "graz": "Graz", "sopron": "Sopron"]
        return names[folded] ?? text
    }

    /// A website: a missing scheme becomes http://; anything that is still no web address is left out.
    package static func website(_ text: String?) -> String? {
        guard var text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        if !text.lowercased().hasPrefix("http://") && !text.lowercased().hasPrefix("https://") {
            text = "http://" + text
        }
        return (try? WebURL(parsing: text))?.rawValue
    }

    /// A text cut to `limit` characters at a word boundary, with an ellipsis; `nil` if unchanged.
    package static func shortened(_ text: String, to limit: Int) -> String? {
        guard text.count > limit else { return nil }
        let cut = text.prefix(limit - 1)
        let boundary = cut.lastIndex(where: \.isWhitespace) ?? cut.endIndex
        return String(cut[..<boundary]).trimmingCharacters(in: .whitespaces) + "…"
    }
}
