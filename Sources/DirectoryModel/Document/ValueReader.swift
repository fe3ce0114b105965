import Foundation

/// Turns one document value into a typed value, or logs why it cannot.
///
/// Every function returns `nil` after logging, so a reader can go on and find the next problem.
enum ValueReader {
    static func string(_ value: DocumentValue, at path: FieldPath, log: IssueLog) -> String? {
        switch value {
        case .string(let text): return text
        // YAML reads `3100` or `2024` as a number; where text is expected, the digits are the text.
        case .number(let text): return text
        default:
            log.add(path, "expected text, found \(value.typeDescription)")
            return nil
        }
    }

    static func code<Code: CatalogueCode>(_ value: DocumentValue, at path: FieldPath, log: IssueLog) -> Code? {
        guard let text = string(value, at: path, log: log) else { return nil }
        do {
            return try Code(parsing: text)
        } catch {
            log.add(path, error.message)
            return nil
        }
    }

    static func term<Term: VocabularyTerm>(_ value: DocumentValue, at path: FieldPath, log: IssueLog) -> Term? {
        guard let text = string(value, at: path, log: log) else { return nil }
        if let term = Term(rawValue: text.trimmed) { return term }
        var message = "\(text.quotedForMessage) is not one of: \(Term.allRawValues.joined(separator: ", "))"
        if let suggestion = closestMatch(to: text.trimmed.lowercased(), among: Term.allRawValues) {
            message += " (did you mean \(suggestion.quotedForMessage)?)"
        }
        log.add(path, message)
        return nil
    }

    static func bool(_ value: DocumentValue, at path: FieldPath, log: IssueLog) -> Bool? {
        if case .bool(let flag) = value { return flag }
        log.add(path, "expected true or false, found \(value.typeDescription)")
        return nil
    }

    static func integer(
        _ value: DocumentValue, at path: FieldPath, log: IssueLog, in range: ClosedRange<Int>
    ) -> Int? {
        guard case .number(let text) = value else {
            log.add(path, "expected a whole number, found \(value.typeDescription)")
            return nil
        }
        guard let number = Int(text) ?? exactInteger(text) else {
            log.add(path, "expected a whole number, found \(text)")
            return nil
        }
        guard range.contains(number) else {
            log.add(path, "must be between \(range.lowerBound) and \(range.upperBound), found \(number)")
            return nil
        }
        return number
    }

    /// `12.0` or `1e3` written for a whole number.
    private static func exactInteger(_ text: String) -> Int? {
        guard let double = Double(text), double.isFinite, double.rounded() == double,
            abs(double) < 9_007_199_254_740_992
        else { return nil }
        return Int(double)
    }

    static func double(
        _ value: DocumentValue, at path: FieldPath, log: IssueLog, in range: ClosedRange<Double>
    ) -> Double? {
        guard case .number(let text) = value, let number = Double(text), number.isFinite else {
            log.add(path, "expected a number, found \(value.typeDescription)")
            return nil
        }
        guard range.contains(number) else {
            log.add(
                path, "must be between \(range.lowerBound.formatted) and \(range.upperBound.formatted), found \(text)")
            return nil
        }
        return number
    }

    static func decimal(_ value: DocumentValue, at path: FieldPath, log: IssueLog) -> Decimal? {
        guard case .number(let text) = value, text.utf8.count <= 40,
            let double = Double(text), double.isFinite,
            let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        else {
            log.add(path, "expected a number, found \(value.typeDescription)")
            return nil
        }
        return number
    }

    static func localizedText(_ value: DocumentValue, at path: FieldPath, log: IssueLog) -> LocalizedText {
        guard case .object(let object) = value else {
            log.add(path, "expected texts by language, e.g. {de: …, hu: …, en: …}, found \(value.typeDescription)")
            return LocalizedText()
        }
        var text = LocalizedText()
        for (key, field) in object.fields {
            let fieldPath = path.appending(key)
            let language: LanguageTag
            do {
                language = try LanguageTag(parsing: key)
            } catch {
                log.add(fieldPath, error.message)
                continue
            }
            guard text[language] == nil else {
                log.add(fieldPath, "the language \(language.rawValue) is given twice")
                continue
            }
            if case .null = field {
                log.add(fieldPath, "must not be empty")
                continue
            }
            if let string = string(field, at: fieldPath, log: log) {
                text[language] = string
            }
        }
        return text
    }

    /// The closest of `candidates` to `text` if it is a plausible typo (edit distance ≤ 2).
    static func closestMatch(to text: String, among candidates: [String]) -> String? {
        guard text.count <= 64 else { return nil }
        let scored = candidates.map { ($0, editDistance(text, $0)) }.filter { $0.1 <= 2 && $0.1 < $0.0.count }
        return scored.min { $0.1 < $1.1 }?.0
    }

    private static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs)
        let b = Array(rhs)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = Swift.min(
                    previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension Double {
    var formatted: String {
        rounded() == self && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
