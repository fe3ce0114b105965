import Foundation

/// The words of a text as the matcher and the search compare them: split at what is neither a
/// letter nor a digit, folded to lower case without diacritics ("Kindergärten" → "kindergarten",
/// "Műhely" → "muhely").
///
/// Two foldings: `.matching` folds case fully (Foundation's case-insensitive folding, "ß" →
/// "ss"), for the matcher, which compares words with words; `.fullText` lowercases and removes
/// diacritics only ("ß" stays), as SQLite's FTS5 tokenizer (`unicode61 remove_diacritics 2`)
/// folds the indexed text, so a word folded here is one the full-text index holds.
///
/// Folding works scalar by scalar with a table for Latin letters (U+0000–U+024F, every letter of
/// German and Hungarian) built once from Foundation's folding; other scalars are folded by
/// Foundation one at a time. Foundation's folding per word made up a third of matching an
/// inquiry (measured: 15 ms for the 1,200 texts of 400 candidates, and `Character`-wise
/// splitting and lowercasing another 10 ms); scalar by scalar it is a small part.
package enum WordFolding {
    package enum Folding: Sendable {
        case matching
        case fullText
    }

    /// A word of the text and its folded form.
    package struct Word {
        package var folded: String
        package var original: Substring
    }

    package static func words(of text: String, folding: Folding = .matching) -> [Word] {
        var words: [Word] = []
        let scalars = text.unicodeScalars
        var folded = String.UnicodeScalarView()
        var start: String.Index?
        var index = scalars.startIndex
        func end(at position: String.Index) {
            guard let wordStart = start else { return }
            if !folded.isEmpty { words.append(Word(folded: String(folded), original: text[wordStart..<position])) }
            folded = String.UnicodeScalarView()
            start = nil
        }
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if isWordScalar(scalar, inWord: start != nil) {
                if start == nil { start = index }
                fold(scalar, into: &folded, folding: folding)
            } else {
                end(at: index)
            }
            index = scalars.index(after: index)
        }
        end(at: scalars.endIndex)
        return words
    }

    /// Letters and digits start and continue a word; a combining mark continues one (as in
    /// decomposed text, "e" + U+0301).
    static func isWordScalar(_ scalar: Unicode.Scalar, inWord: Bool) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return true }
        guard inWord else { return false }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    static func fold(_ scalar: Unicode.Scalar, into output: inout String.UnicodeScalarView, folding: Folding) {
        let value = scalar.value
        if (0x41...0x5A).contains(value) {
            output.append(Unicode.Scalar(UInt8(value + 0x20)))
        } else if scalar.isASCII {
            output.append(scalar)
        } else if (0x300...0x36F).contains(value) {
            // A combining diacritical mark (decomposed text): diacritics are folded away.
            return
        } else if value < UInt32(latin.count) {
            output.append(contentsOf: (folding == .matching ? latin : latinFullText)[Int(value)].unicodeScalars)
        } else {
            output.append(contentsOf: foundationFold(String(scalar), folding: folding).unicodeScalars)
        }
    }

    /// Folded forms of U+0000–U+024F.
    static let latin: [String] = (0..<0x250).map { value in
        Unicode.Scalar(UInt32(value)).map { foundationFold(String($0), folding: .matching) } ?? ""
    }

    /// Folded forms of U+0000–U+024F for the full-text index.
    static let latinFullText: [String] = (0..<0x250).map { value in
        Unicode.Scalar(UInt32(value)).map { foundationFold(String($0), folding: .fullText) } ?? ""
    }

    package static func foundationFold(_ text: String, folding: Folding = .matching) -> String {
        switch folding {
        case .matching: text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        case .fullText: text.lowercased().folding(options: .diacriticInsensitive, locale: nil)
        }
    }
}
