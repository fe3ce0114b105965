import CatalogueStore
package import DirectoryModel
package import Foundation
import Yams

/// Reads entry files: YAML or JSON (which is read as YAML, so JSON errors get line numbers too).
///
/// A file holds one entry, or several, in any of these shapes, as separate YAML documents
/// (`---`) if wanted:
/// - a single entry: a map with `kind`, `id` and the kind's fields;
/// - a bundle: a map with lists `enterprises`, `products`, `cooperations` (no `kind` needed);
/// - a list of entries, each with its `kind`.
///
/// Plain scalars follow the YAML 1.2 core schema, so `country: NO` is Norway, not `false`.
package struct EntryFileDecoder: Sendable {
    /// Files larger than this are refused before parsing.
    package var maximumFileSize = 16 * 1_048_576
    /// Values (nodes) in one file, counting each use of an alias; bounds memory and recursion.
    package var maximumValues = 500_000
    /// Values aliases (`*name`) and merge keys (`<<: *name`) may repeat in one file, counted
    /// before anything is expanded.
    package var maximumRepeatedValues = 10_000
    /// Nesting depth; entries need fewer than 10 levels.
    package var maximumDepth = 64
    package var context: ValidationContext

    package init(context: ValidationContext = ValidationContext()) {
        self.context = context
    }

    /// Reads the file at `url`; `name` is how messages refer to it (default: the path).
    package func decode(contentsOf url: URL, name: String? = nil) throws(EntryFileError) -> EntryFile {
        let displayName = name ?? url.path
        let data: Data
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
            guard size <= maximumFileSize else {
                throw EntryFileError.tooLarge(limit: maximumFileSize, file: displayName)
            }
            data = try Data(contentsOf: url)
        } catch let error as EntryFileError {
            throw error
        } catch {
            throw .unreadable((error as NSError).localizedDescription, file: displayName)
        }
        return try decode(data, name: displayName)
    }

    /// Reads a file's bytes, which must be UTF-8 (a byte-order mark is skipped).
    package func decode(_ data: Data, name: String?) throws(EntryFileError) -> EntryFile {
        guard data.count <= maximumFileSize else { throw .tooLarge(limit: maximumFileSize, file: name) }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var iterator = bytes.makeIterator()
        var utf8 = UTF8()
        var offset = 0
        loop: while true {
            switch utf8.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: break loop
            case .error: throw .notUTF8(offset: offset, file: name)
            }
        }
        return try decode(String(decoding: bytes, as: UTF8.self), name: name)
    }

    /// Reads a file's text.
    package func decode(_ text: String, name: String?) throws(EntryFileError) -> EntryFile {
        guard text.utf8.count <= maximumFileSize else { throw .tooLarge(limit: maximumFileSize, file: name) }
        if text.unicodeScalars.contains("\0") {
            let line = text.prefix { $0 != "\0" }.split(separator: "\n", omittingEmptySubsequences: false).count
            throw .syntax("it contains a NUL character", at: FileLocation(file: name, line: line, column: 1))
        }
        try checkFlowDepth(text, name: name)
        var converter = NodeConverter(file: name, maximumValues: maximumValues, maximumDepth: maximumDepth)
        converter.maximumRepeatedValues = maximumRepeatedValues
        var documents: [(value: DocumentValue, location: FileLocation, locations: [FieldPath: FileLocation])] = []
        do {
            let parser = try Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8)
            while let node = try parser.nextRoot() {
                try converter.checkRepetitions(in: node)
                let value = try converter.convert(node, at: .root)
                documents.append((value, converter.location(of: node), converter.takeLocations()))
            }
        } catch let error as EntryFileError {
            throw error
        } catch let error as YamlError {
            throw Self.fileError(from: error, name: name)
        } catch {
            throw .syntax("\(error)", at: FileLocation(file: name, line: 1, column: 1))
        }

        var file = EntryFile(name: name, entries: [], issues: [])
        for document in documents {
            read(
                document: document.value, documentLocation: document.location, locations: document.locations,
                into: &file)
        }
        reportDuplicateIDs(in: &file)
        // Top to bottom, as an editor fixes a file; problems at one place keep their order.
        file.issues = file.issues.enumerated().sorted { lhs, rhs in
            let (left, right) = (lhs.element.location, rhs.element.location)
            let leftKey = (left?.line ?? 0, left?.column ?? 0, lhs.offset)
            let rightKey = (right?.line ?? 0, right?.column ?? 0, rhs.offset)
            return leftKey < rightKey
        }.map(\.element)
        return file
    }

    private func read(
        document: DocumentValue, documentLocation: FileLocation, locations: [FieldPath: FileLocation],
        into file: inout EntryFile
    ) {
        func locate(_ issue: ValidationIssue) -> ValidationIssue {
            var issue = issue
            var path = issue.path
            while locations[path] == nil, !path.isRoot { path.components.removeLast() }
            issue.location = locations[path] ?? documentLocation
            return issue
        }
        func readEntry(_ value: DocumentValue, at path: FieldPath, kind: EntryKind?) {
            let result = EntryDecoding.read(value, at: path, impliedKind: kind, context: context)
            file.issues += result.issues.map(locate)
            if let entry = result.entry {
                file.entries.append(
                    SourcedEntry(
                        entry: entry, path: path, location: locations[path] ?? documentLocation, document: value))
            }
        }
        let bundleKeys: [String: EntryKind] = [
            "enterprises": .enterprise, "products": .product, "cooperations": .cooperation,
        ]
        switch document {
        case .null:
            return  // an empty document, e.g. after a trailing `---`
        case .list(let values):
            for (index, value) in values.enumerated() {
                readEntry(value, at: FieldPath.root.appending(index), kind: nil)
            }
        case .object(let object) where !object.isEmpty && object.keys.allSatisfy({ bundleKeys[$0] != nil }):
            for (key, value) in object.fields {
                let listPath = FieldPath.root.appending(key)
                guard case .list(let values) = value else {
                    if value != .null {
                        file.issues.append(
                            locate(
                                ValidationIssue(
                                    path: listPath,
                                    message: "expected a list of entries, found \(value.typeDescription)")))
                    }
                    continue
                }
                for (index, element) in values.enumerated() {
                    readEntry(element, at: listPath.appending(index), kind: bundleKeys[key])
                }
            }
        case .object:
            readEntry(document, at: .root, kind: nil)
        default:
            file.issues.append(
                locate(
                    ValidationIssue(
                        path: .root,
                        message:
                            "expected an entry (a map with kind and id), a list of entries, or lists named enterprises, products and cooperations; found \(document.typeDescription)"
                    )))
        }
    }

    private func reportDuplicateIDs(in file: inout EntryFile) {
        var firstSeen: [EntryID: SourcedEntry] = [:]
        for sourced in file.entries {
            if let first = firstSeen[sourced.entry.id] {
                file.issues.append(
                    ValidationIssue(
                        path: sourced.path.appending("id"),
                        message:
                            "\(sourced.entry.id) is used twice in this file (first at line \(first.location.line))",
                        location: sourced.location))
            } else {
                firstSeen[sourced.entry.id] = sourced
            }
        }
    }

    /// libyaml builds nested flow collections (`[[[[…`) recursively; refuse absurd nesting
    /// before parsing, so hostile input cannot exhaust the stack.
    private func checkFlowDepth(_ text: String, name: String?) throws(EntryFileError) {
        var depth = 0
        var line = 1
        var column = 0
        var quote: UInt8?
        var comment = false
        for byte in text.utf8 {
            column += 1
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                column = 0
                comment = false
                continue
            case _ where comment:
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                if quote == byte { quote = nil } else if quote == nil { quote = byte }
            case UInt8(ascii: "#") where quote == nil:
                comment = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if quote == nil { depth += 1 }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if quote == nil { depth = max(0, depth - 1) }
            default:
                break
            }
            if depth > maximumDepth {
                throw .tooComplex(limit: maximumValues, at: FileLocation(file: name, line: line, column: column))
            }
        }
    }

    private static func fileError(from error: YamlError, name: String?) -> EntryFileError {
        func location(_ mark: Mark) -> FileLocation {
            FileLocation(file: name, line: mark.line, column: mark.column)
        }
        func explain(_ problem: String, _ context: YamlError.Context?) -> String {
            if let context {
                "\(problem) (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            } else {
                problem
            }
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return .syntax(explain(problem, context), at: location(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return .syntax("the field \(keys) appears twice in one map", at: location(context.mark))
        case .reader(let problem, let offset, _, _):
            return .syntax(
                "\(problem)\(offset.map { " at byte \($0)" } ?? "")", at: FileLocation(file: name, line: 1, column: 1))
        default:
            return .syntax("\(error)", at: FileLocation(file: name, line: 1, column: 1))
        }
    }
}
