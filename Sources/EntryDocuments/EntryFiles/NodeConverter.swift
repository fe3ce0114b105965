import DirectoryModel
import Yams

/// Converts a YAML node tree into a `DocumentValue`, recording where each value was written.
struct NodeConverter {
    let file: String?
    let maximumValues: Int
    let maximumDepth: Int
    /// Values that aliases (and merge keys, whose values are aliases) may repeat in one file.
    var maximumRepeatedValues = 10_000
    private var repeated = 0
    /// The location of every value, by its path within its document.
    private(set) var locations: [FieldPath: FileLocation] = [:]
    private var values = 0

    init(file: String?, maximumValues: Int, maximumDepth: Int) {
        self.file = file
        self.maximumValues = maximumValues
        self.maximumDepth = maximumDepth
    }

    /// The locations recorded for the document just converted; the next document starts afresh,
    /// since paths are relative to their document.
    mutating func takeLocations() -> [FieldPath: FileLocation] {
        defer { locations = [:] }
        return locations
    }

    func location(of node: Node) -> FileLocation {
        let mark = node.mark
        return FileLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// Counts what the aliases in `root` repeat, without expanding them: the parser hands an
    /// alias over as its anchored node (shared, not copied), so a few lines of `<<: *a` chains
    /// stand for millions of values. Measured before: a 926-byte file cost 625 MB and 5–8 s
    /// before `maximumValues` stopped it. Each anchored node's size is computed once; every
    /// later occurrence of it is an alias and adds that size.
    mutating func checkRepetitions(in root: Node) throws(EntryFileError) {
        var sizes: [ObjectIdentifier: Int] = [:]
        func size(of node: Node, at location: FileLocation, depth: Int) throws(EntryFileError) -> Int {
            guard depth <= maximumDepth else { throw .tooComplex(limit: maximumValues, at: location) }
            if let anchor = node.anchor {
                let key = ObjectIdentifier(anchor)
                if let known = sizes[key] {
                    repeated += known
                    guard repeated <= maximumRepeatedValues else {
                        throw .tooManyRepetitions(limit: maximumRepeatedValues, at: location)
                    }
                    return known
                }
            }
            var total = 1
            switch node {
            case .scalar, .alias: break
            case .sequence(let sequence):
                for element in sequence {
                    total += try size(of: element, at: self.location(of: element, or: location), depth: depth + 1)
                }
            case .mapping(let mapping):
                for (key, value) in mapping {
                    let keyLocation = self.location(of: key, or: location)
                    total += try size(of: key, at: keyLocation, depth: depth + 1)
                    // An alias value is reported at its key: the node's own mark is the anchor's.
                    total += try size(of: value, at: keyLocation, depth: depth + 1)
                }
            }
            if let anchor = node.anchor { sizes[ObjectIdentifier(anchor)] = total }
            return total
        }
        _ = try size(of: root, at: location(of: root), depth: 0)
    }

    private func location(of node: Node, or fallback: FileLocation) -> FileLocation {
        node.mark.map { FileLocation(file: file, line: $0.line, column: $0.column) } ?? fallback
    }

    mutating func convert(_ node: Node, at path: FieldPath) throws(EntryFileError) -> DocumentValue {
        values += 1
        guard values <= maximumValues, path.components.count <= maximumDepth else {
            throw .tooComplex(limit: maximumValues, at: location(of: node))
        }
        if locations[path] == nil { locations[path] = location(of: node) }
        switch node {
        case .scalar(let scalar):
            return Self.resolve(scalar)
        case .sequence(let sequence):
            var list: [DocumentValue] = []
            for (index, element) in sequence.enumerated() {
                list.append(try convert(element, at: path.appending(index)))
            }
            return .list(list)
        case .mapping(let mapping):
            var object = DocumentObject()
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw .syntax("a field name must be plain text, not a list or map", at: location(of: key))
                }
                let name = keyScalar.string
                let fieldPath = path.appending(name)
                object[name] = try convert(value, at: fieldPath)
                // A scalar's problem is best shown at the value; a list's or map's at its key,
                // since a block collection starts on the next line.
                if case .scalar = value {} else { locations[fieldPath] = location(of: key) }
            }
            return .object(object)
        case .alias:
            // The parser resolves aliases to their anchored node; an unresolved one is an error.
            throw .syntax("an alias refers to an anchor that is not defined", at: location(of: node))
        }
    }

    /// YAML 1.2 core schema for plain scalars; quoted and block scalars are always text.
    static func resolve(_ scalar: Node.Scalar) -> DocumentValue {
        guard scalar.style == .plain else { return .string(scalar.string) }
        let text = scalar.string
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        return isCoreNumber(text) ? .number(text) : .string(text)
    }

    /// `[-+]?[0-9]+` or `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
    static func isCoreNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if let first = scalars.first, first == "+" || first == "-" { scalars = scalars.dropFirst() }
        let integerDigits = scalars.prefix { ("0"..."9").contains($0) }
        scalars = scalars.dropFirst(integerDigits.count)
        var fractionDigits = 0
        if scalars.first == "." {
            scalars = scalars.dropFirst()
            let digits = scalars.prefix { ("0"..."9").contains($0) }
            fractionDigits = digits.count
            scalars = scalars.dropFirst(digits.count)
        }
        guard integerDigits.count + fractionDigits > 0 else { return false }
        if let first = scalars.first, first == "e" || first == "E" {
            scalars = scalars.dropFirst()
            if let sign = scalars.first, sign == "+" || sign == "-" { scalars = scalars.dropFirst() }
            let digits = scalars.prefix { ("0"..."9").contains($0) }
            guard !digits.isEmpty else { return false }
            scalars = scalars.dropFirst(digits.count)
        }
        return scalars.isEmpty
    }
}
