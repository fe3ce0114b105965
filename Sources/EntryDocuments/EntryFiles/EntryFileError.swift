package import DirectoryModel

/// Why an entry file could not be read at all (as opposed to entries in it being invalid):
/// not UTF-8, not YAML, too large. Carries the location when the parser knows it.
package struct EntryFileError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Reason: Hashable, Sendable {
        case notUTF8(offset: Int)
        case syntax(String)
        case tooLarge(limit: Int)
        case tooComplex(limit: Int)
        case tooManyRepetitions(limit: Int)
        case unreadable(String)
    }

    private let reason: Reason
    /// The file and position, when the problem has one.
    package let location: FileLocation?
    /// The file as the user named it.
    package let file: String?

    private init(_ reason: Reason, at location: FileLocation?, file: String? = nil) {
        self.reason = reason
        self.location = location
        self.file = file ?? location?.file
    }

    static func notUTF8(offset: Int, file: String?) -> EntryFileError {
        EntryFileError(.notUTF8(offset: offset), at: nil, file: file)
    }

    static func syntax(_ problem: String, at location: FileLocation) -> EntryFileError {
        EntryFileError(.syntax(problem), at: location)
    }

    static func tooLarge(limit: Int, file: String?) -> EntryFileError {
        EntryFileError(.tooLarge(limit: limit), at: nil, file: file)
    }

    static func tooComplex(limit: Int, at location: FileLocation) -> EntryFileError {
        EntryFileError(.tooComplex(limit: limit), at: location)
    }

    static func tooManyRepetitions(limit: Int, at location: FileLocation) -> EntryFileError {
        EntryFileError(.tooManyRepetitions(limit: limit), at: location)
    }

    static func unreadable(_ why: String, file: String?) -> EntryFileError {
        EntryFileError(.unreadable(why), at: nil, file: file)
    }

    /// The problem in plain words, without the location.
    package var message: String {
        switch reason {
        case .notUTF8(let offset): "is not UTF-8 text (invalid byte at offset \(offset)); save it as UTF-8"
        case .syntax(let problem): "is not valid YAML or JSON: \(problem)"
        case .tooLarge(let limit): "is larger than \(limit / 1_048_576) MiB; split it into several files"
        case .tooComplex(let limit): "nests too deeply or holds more than \(limit) values; split it into several files"
        case .tooManyRepetitions(let limit):
            "repeats more than \(limit) values through aliases (*name) and merge keys (<<); write the values out instead"
        case .unreadable(let why): "cannot be read: \(why)"
        }
    }

    package var description: String {
        if let location {
            "\(location): \(message)"
        } else if let file {
            "\(file): \(message)"
        } else {
            "the input \(message)"
        }
    }
}
