import DirectoryModel

/// How a buyer's search text becomes full-text query terms: each word with its inflected forms
/// reduced (German, English and Hungarian endings) and, through the index's own long words, the
/// compounds it ends ("reinigung" also asks for "büroreinigung", "műhely" for "asztalosműhely").
///
/// The rules are deliberately few and applied to every word whatever the page's language: a
/// buyer types German on the English page and the other way round. Every form is searched as a
/// word prefix, so a stem cut too short costs precision on a few words, never a match. What they
/// find is measured on a set of buyer queries in three languages (`SearchQualityTests`,
/// docs/benchmarks.md).
package enum SearchWords {
    /// A word of the search text and what to search for it.
    package struct Word: Sendable, Equatable {
        /// The word as typed.
        package var typed: String
        /// Folded as the full-text index folds its words (lower case, no diacritics).
        package var folded: String
        /// The word's stems (folded), without the word itself.
        package var stems: [String]
        /// Whether the typed word is searched as a prefix: a word of three letters or fewer is
        /// searched whole unless it is the last one (the buyer may still be typing it); longer
        /// words and stems always as prefixes.
        package var prefix: Bool
    }

    /// The shortest stem an ending is cut to, and the shortest word a compound is looked up for
    /// (in letters).
    static let shortestStem = 4
    /// The shortest first part of a compound: "verein" does not end in the word "rein".
    static let shortestCompoundHead = 3
    /// Words of the catalogue this long or longer are kept for compound lookups.
    package static let shortestIndexedCompound = shortestStem + shortestCompoundHead

    /// German and English plural and case endings, longest first.
    static let germanEndings = ["ies", "ern", "en", "er", "es", "em", "e", "n", "s"]
    /// Hungarian case endings (`-ban/-ben`, `-ból/-ből`, `-nak/-nek`, `-val/-vel`, `-ként`, …, the
    /// accusative `-t` with its linking vowel), folded, longest first; then a plural.
    static let hungarianCases = [
        "kent", "bol", "rol", "tol", "nak", "nek", "val", "vel", "hoz", "hez", "nal", "nel", "ban", "ben", "ert",
        "ig", "ba", "be", "ra", "re", "ot", "et", "at", "on", "en", "t",
    ]
    static let hungarianPlurals = ["ok", "ek", "ak", "k"]

    /// Articles, conjunctions and prepositions of German, English and Hungarian (folded).
    static let stopWords: Set<String> = [
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "und", "oder",
        "von", "vom", "fur", "mit", "aus", "in", "im", "am", "an", "auf", "zu", "zum", "zur", "bei", "the", "a",
        "and", "or", "of", "for", "with", "from", "on", "to", "at", "by", "az", "es", "vagy", "egy", "meg", "is",
    ]

    /// The words of a search text. Whitespace and quotes separate words, and each is split
    /// further where the full-text index splits (at what is neither a letter nor a digit:
    /// "Holz-Werkstatt" is two words); at most 500 characters and 20 words.
    package static func words(of text: String) throws(QueryError) -> [Word] {
        guard text.utf8.count <= 2_000, text.count <= 500 else {
            throw QueryError(message: "the search text is too long (at most 500 characters, 20 words)")
        }
        let found = WordFolding.words(of: text, folding: .fullText)
        guard !found.isEmpty else { throw QueryError(message: "the search text has no words") }
        guard found.count <= 20 else {
            throw QueryError(message: "the search text is too long (at most 500 characters, 20 words)")
        }
        // Every word must match, so a word that joins others ("Reparatur von Fahrrädern") is
        // left out unless the text has no other.
        let meaningful = found.filter { !stopWords.contains($0.folded) }
        let kept = meaningful.isEmpty ? found : meaningful
        return kept.enumerated().map { index, word in
            Word(
                typed: String(word.original), folded: word.folded, stems: stems(of: word.folded),
                prefix: word.folded.unicodeScalars.count >= shortestStem || index == kept.count - 1)
        }
    }

    /// The stems of `folded` (lower case, without diacritics) by the German and English rule
    /// and by the Hungarian one, without the word itself.
    package static func stems(of folded: String) -> [String] {
        var stems: [String] = []
        func add(_ stem: String) {
            if stem != folded, !stems.contains(stem) { stems.append(stem) }
        }
        let word = folded[...]
        if word.hasSuffix("ies"), word.count - 3 >= shortestStem - 1 {
            add(String(word.dropLast(3)) + "y")  // "laundries" → "laundry"
        } else if let german = cut(word, endings: germanEndings) {
            add(String(german))
        }
        var hungarian = word
        if let stem = cut(hungarian, endings: hungarianCases) { hungarian = stem }
        if let stem = cut(hungarian, endings: hungarianPlurals) { hungarian = stem }
        add(String(hungarian))
        return stems
    }

    /// `word` without the first of `endings` it ends with, if at least `shortestStem` letters
    /// remain.
    static func cut(_ word: Substring, endings: [String]) -> Substring? {
        for ending in endings where word.hasSuffix(ending) {
            let stem = word.dropLast(ending.count)
            if stem.count >= shortestStem { return stem }
        }
        return nil
    }

    /// The keys under which a word of the catalogue is found as the end of a compound: the
    /// word and its stems written backwards, for those long enough to have a first part.
    package static func compoundKeys(of folded: String) -> [String] {
        ([folded] + stems(of: folded)).filter { $0.unicodeScalars.count >= shortestIndexedCompound }.map(reversed)
    }

    static func reversed(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.reversed()))
    }

    /// The longest prefix the full-text index has a prefix index for (`prefix = '4 5 6'`); a
    /// longer one is asked as the catalogue's words it begins (`completions`).
    static let longestIndexedPrefix = 6
    /// The most words a prefix is replaced by; with more, it is asked as a prefix.
    package static let mostCompletions = 32

    /// The FTS5 expression for `words`: every word must match, in any of its forms. A form is
    /// searched as a prefix; `compounds(form)` gives the catalogue's words that end in it (each
    /// with a first part), and `completions(form)` the catalogue's words that begin with a form
    /// longer than the index's prefix indexes (`nil`: too many, ask the prefix). FTS5 merges
    /// the lists of every word a prefix covers before it reads a row — 6–7 ms for "werkstatt*"
    /// at 200,000 entries against 0.2 ms for the word "werkstatt" — so such a prefix is asked
    /// as the words themselves. Every form is quoted (no user input is read as FTS syntax; a
    /// form has only letters, digits and marks).
    package static func expression(
        _ words: [Word], compounds: (String) throws -> [String],
        completions: (String) throws -> [String]? = { _ in nil }
    ) rethrows -> String {
        try words.map { word in
            var prefixes: [String] = []
            for form in [word.folded] + word.stems where form.unicodeScalars.count >= shortestStem {
                if form != word.folded { prefixes.append(form) }
                prefixes += try compounds(form).filter { !prefixes.contains($0) && $0 != word.folded }
            }
            // The word as typed: FTS5 folds it as it folds the text.
            var alternatives = ["\"\(word.typed)\""]
            if word.prefix {
                if word.folded.unicodeScalars.count > longestIndexedPrefix, let completed = try completions(word.folded)
                {
                    alternatives += completed.map { "\"\($0)\"" }
                } else {
                    alternatives = ["\"\(word.typed)\"*"]
                }
            }
            for prefix in prefixes {
                if prefix.unicodeScalars.count > longestIndexedPrefix, let completed = try completions(prefix) {
                    alternatives += completed.map { "\"\($0)\"" }.filter { !alternatives.contains($0) }
                } else {
                    alternatives.append("\"\(prefix)\"*")
                }
            }
            return alternatives.count == 1 ? alternatives[0] : "(" + alternatives.joined(separator: " OR ") + ")"
        }.joined(separator: " AND ")
    }
}
