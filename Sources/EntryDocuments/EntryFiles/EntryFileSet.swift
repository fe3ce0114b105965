import CatalogueStore
package import DirectoryModel
import Foundation

/// The entries of several files and directories read together, as `publish` and `check` need
/// them: every problem of every file, and ids used twice across files.
package struct EntryFileSet: Sendable {
    /// Files that could be read, in the order given (directories in name order).
    package var files: [EntryFile]
    /// Files that could not be read at all (missing, not UTF-8, not YAML).
    package var failures: [EntryFileError]
    /// Problems that involve several files (an id used in two of them).
    package var crossFileIssues: [ValidationIssue]

    /// Every entry problem, file by file, then across files.
    package var issues: [ValidationIssue] { files.flatMap(\.issues) + crossFileIssues }

    /// True when every file could be read and every entry is valid: only then may anything be
    /// published.
    package var isValid: Bool { failures.isEmpty && issues.isEmpty }

    package var entries: [SourcedEntry] { files.flatMap(\.entries) }

    /// File name extensions read from a directory.
    package static let extensions: Set<String> = ["yaml", "yml", "json"]
}

extension EntryFileDecoder {
    /// Reads `paths`: files as given, directories recursively (`.yaml`, `.yml`, `.json`, hidden
    /// files skipped, in name order).
    package func decode(paths: [String]) -> EntryFileSet {
        var set = EntryFileSet(files: [], failures: [], crossFileIssues: [])
        for path in paths {
            for file in Self.expand(path, failures: &set.failures) {
                do {
                    set.files.append(try decode(contentsOf: URL(fileURLWithPath: file), name: file))
                } catch {
                    set.failures.append(error)
                }
            }
        }
        var firstSeen: [EntryID: SourcedEntry] = [:]
        for file in set.files {
            for sourced in file.entries {
                guard let first = firstSeen[sourced.entry.id] else {
                    firstSeen[sourced.entry.id] = sourced
                    continue
                }
                // Duplicates inside one file are reported by the file itself.
                guard first.location.file != sourced.location.file else { continue }
                set.crossFileIssues.append(
                    ValidationIssue(
                        path: sourced.path.appending("id"),
                        message: "\(sourced.entry.id) is also used in \(first.location)",
                        location: sourced.location))
            }
        }
        return set
    }

    private static func expand(_ path: String, failures: inout [EntryFileError]) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            failures.append(.unreadable("no such file or directory", file: path))
            return []
        }
        guard isDirectory.boolValue else { return [path] }
        guard
            let enumerator = FileManager.default.enumerator(
                at: URL(fileURLWithPath: path), includingPropertiesForKeys: [.isRegularFileKey],
                options: [.skipsHiddenFiles])
        else {
            failures.append(.unreadable("the directory cannot be listed", file: path))
            return []
        }
        var files: [String] = []
        for case let url as URL in enumerator
        where EntryFileSet.extensions.contains(url.pathExtension.lowercased())
            && (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        {
            let relative =
                url.path.hasPrefix(URL(fileURLWithPath: path).path + "/")
                ? String(url.path.dropFirst(URL(fileURLWithPath: path).path.count + 1)) : url.lastPathComponent
            files.append((path as NSString).appendingPathComponent(relative))
        }
        return files.sorted()
    }
}
