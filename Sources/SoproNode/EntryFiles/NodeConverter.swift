import DirectoryModel
import Yams

/// Converts a YAML node tree into a `DocumentValue`, recording where each value was written.
struct NodeConverter {
    let file: String?
    let maximumValues: Int
    let maximumDepth: Int
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
