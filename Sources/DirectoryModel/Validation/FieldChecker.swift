import Foundation

/// The checks every entry kind shares, collecting issues relative to the entry.
struct FieldChecker {
    private(set) var issues: [ValidationIssue] = []

    mutating func add(_ path: FieldPath, _ message: String) {
        issues.append(ValidationIssue(path: path, message: message))
    }

    mutating func require(_ present: Bool, _ path: FieldPath, _ hint: String = "") {
        if !present { add(path, "is required" + hint) }
    }

    /// A single-line or multi-line text: not blank, not too long (in characters and in UTF-8
    /// bytes), none of the characters that
    /// `RefusedCharacter` names (controls, bidi controls, invisible ones, noncharacters).
    mutating func text(_ value: String?, _ path: FieldPath, maxLength: Int, multiline: Bool = false) {
        guard let value else { return }
        if value.trimmed.isEmpty {
            add(path, "must not be empty")
            return
        }
        let length = value.count
        if length > maxLength {
            add(path, "is \(length) characters long; at most \(maxLength) are allowed")
        }
        let bytes = value.utf8.count
        let maxBytes = EntryLimits.bytes(forCharacters: maxLength)
        if bytes > maxBytes {
            add(path, "is \(bytes) bytes long in UTF-8; at most \(maxBytes) are allowed")
        }
        if let refused = RefusedCharacter.first(in: value, multiline: multiline) {
            let what = refused.kind == .lineBreak ? "a line break" : refused.description
            add(path, "contains \(what), which is not allowed here")
        }
    }

    mutating func localized(
        _ value: LocalizedText, _ path: FieldPath, maxLength: Int, multiline: Bool = false, required: Bool = false
    ) {
        if value.isEmpty {
            if required { add(path, "is required in at least one language (de, hu or en)") }
            return
        }
        if value.values.count > EntryLimits.languagesPerText {
            add(path, "has \(value.values.count) languages; at most \(EntryLimits.languagesPerText) are allowed")
        }
        for language in value.languages {
            text(value[language], path.appending(language.rawValue), maxLength: maxLength, multiline: multiline)
        }
    }

    /// A list: not longer than `maxCount`, no element twice.
    mutating func list<Element: Hashable & CustomStringConvertible>(
        _ values: [Element], _ path: FieldPath, maxCount: Int = EntryLimits.listItems, required: Bool = false
    ) {
        if required && values.isEmpty { add(path, "needs at least one element") }
        if values.count > maxCount {
            add(path, "has \(values.count) elements; at most \(maxCount) are allowed")
        }
        var firstIndex: [Element: Int] = [:]
        for (index, value) in values.enumerated() {
            if let first = firstIndex[value] {
                add(path.appending(index), "\(value.description.quotedForMessage) is listed twice (also at [\(first)])")
            } else {
                firstIndex[value] = index
            }
        }
    }

    mutating func range<Number: Comparable & CustomStringConvertible>(
        _ value: Number?, _ path: FieldPath, _ range: ClosedRange<Number>
    ) {
        guard let value else { return }
        if !range.contains(value) {
            add(path, "must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
        }
    }

    /// An entry's pictures: at most `EntryLimits.pictures`, each with alternative text, sizes
    /// within the limits, none twice, at most one logo; and in the catalogue only uploaded ones.
    mutating func pictures(_ pictures: [PictureReference], _ path: FieldPath, context: ValidationContext) {
        if pictures.count > EntryLimits.pictures {
            add(path, "has \(pictures.count) pictures; at most \(EntryLimits.pictures) are allowed")
        }
        var seen: [PictureHash: Int] = [:]
        for (index, picture) in pictures.enumerated() {
            let at = path.appending(index)
            localized(picture.alt, at.appending("alt"), maxLength: EntryLimits.altText, required: true)
            switch picture.source {
            case .stored(let info):
                if let first = seen[info.sha256] {
                    add(at.appending("sha256"), "names the same picture as \(path.appending(first))")
                }
                seen[info.sha256] = index
                for (name, side) in [("width", info.width), ("height", info.height)]
                where !(1...EntryLimits.pictureSide).contains(side) {
                    add(at.appending(name), "is \(side); a picture has 1 to \(EntryLimits.pictureSide) pixels a side")
                }
                if !(1...EntryLimits.pictureBytes).contains(info.bytes) {
                    add(at.appending("bytes"), "is \(info.bytes); a picture has 1 to \(EntryLimits.pictureBytes) bytes")
                }
            case .file, .address:
                if !context.acceptsPictureSources {
                    add(
                        at,
                        "names a file or an address; a node takes pictures uploaded to it (POST /v1/pictures) "
                            + "and named by sha256 — `sopro-node publish` uploads the files an entry file names")
                }
            }
        }
        if pictures.filter(\.logo).count > 1 { add(path, "marks more than one picture as the logo") }
    }
}

extension String {
    /// Strings of a set are checked as such (for duplicates) by their own text.
    var setElement: String { trimmed }

}
