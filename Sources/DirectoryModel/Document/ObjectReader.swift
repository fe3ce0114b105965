/// Reads the fields of one object of a document, remembering which keys it has seen so that
/// unknown (often misspelt) fields can be reported at the end.
struct ObjectReader {
    let object: DocumentObject
    let path: FieldPath
    let log: IssueLog
    private var seen: Set<String> = []

    /// A reader for `value`, or `nil` (after logging) when it is not an object.
    init?(_ value: DocumentValue, at path: FieldPath, log: IssueLog, expecting what: String) {
        guard case .object(let object) = value else {
            log.add(path, "expected \(what), found \(value.typeDescription)")
            return nil
        }
        self.object = object
        self.path = path
        self.log = log
    }

    /// The value of `key` and its path, or `nil` when it is absent or null.
    mutating func field(_ key: String) -> (value: DocumentValue, path: FieldPath)? {
        seen.insert(key)
        guard let value = object[key] else { return nil }
        if case .null = value { return nil }
        return (value, path.appending(key))
    }

    mutating func read<Value>(
        _ key: String, _ read: (DocumentValue, FieldPath, IssueLog) -> Value?
    ) -> Value? {
        guard let (value, path) = field(key) else { return nil }
        return read(value, path, log)
    }

    mutating func string(_ key: String) -> String? {
        read(key, ValueReader.string)
    }

    mutating func code<Code: CatalogueCode>(_ key: String, as type: Code.Type = Code.self) -> Code? {
        read(key, ValueReader.code)
    }

    mutating func term<Term: VocabularyTerm>(_ key: String, as type: Term.Type = Term.self) -> Term? {
        read(key, ValueReader.term)
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        read(key) { ValueReader.integer($0, at: $1, log: $2, in: range) }
    }

    mutating func bool(_ key: String) -> Bool? {
        read(key, ValueReader.bool)
    }

    mutating func localizedText(_ key: String) -> LocalizedText {
        read(key, ValueReader.localizedText) ?? LocalizedText()
    }

    /// A list of elements; a single value where a list is expected counts as a list of one, so
    /// `regions: AT12` works as well as `regions: [AT12]`.
    mutating func list<Element>(
        _ key: String, _ read: (DocumentValue, FieldPath, IssueLog) -> Element?
    ) -> [Element] {
        guard let (value, path) = field(key) else { return [] }
        switch value {
        case .list(let values):
            let elements = values.enumerated().compactMap { index, element -> Element? in
                let elementPath = path.appending(index)
                if case .null = element {
                    log.add(elementPath, "must not be empty")
                    return nil
                }
                return read(element, elementPath, log)
            }
            if elements.count != values.count { log.markShifted(path) }
            return elements
        case .object:
            log.add(path, "expected a list, found \(value.typeDescription)")
            return []
        default:
            return read(value, path, log).map { [$0] } ?? []
        }
    }

    mutating func codes<Code: CatalogueCode>(_ key: String, as type: Code.Type = Code.self) -> [Code] {
        list(key, ValueReader.code)
    }

    mutating func terms<Term: VocabularyTerm>(_ key: String, as type: Term.Type = Term.self) -> [Term] {
        list(key, ValueReader.term)
    }

    /// A nested object read by `read`; `nil` when absent or not an object (logged).
    mutating func object<Value>(
        _ key: String, expecting what: String, _ read: (inout ObjectReader) -> Value
    ) -> Value? {
        guard let (value, path) = field(key) else { return nil }
        guard var reader = ObjectReader(value, at: path, log: log, expecting: what) else { return nil }
        let result = read(&reader)
        reader.finish()
        return result
    }

    /// Reports every field that no read asked for.
    func finish() {
        let known = Array(seen)
        for key in object.keys where !seen.contains(key) {
            var message = "unknown field"
            if let suggestion = ValueReader.closestMatch(to: key, among: known) {
                message += " (did you mean \(suggestion.quotedForMessage)?)"
            } else if !known.isEmpty {
                message += "; known fields here: \(known.sorted().joined(separator: ", "))"
            }
            log.add(path.appending(key), message)
        }
    }
}
