/// One problem with an entry: what is wrong and where.
///
/// Issues are collected, never thrown one by one, so an editor sees every problem of a file in a
/// single run instead of fixing them one at a time.
public struct ValidationIssue: Hashable, Sendable, CustomStringConvertible {
    /// The field that is wrong, relative to the document the entry was read from.
    public var path: FieldPath
    /// What is wrong, in plain words, e.g. `must not be empty`.
    public var message: String
    /// Where in a file the field is, when the entry came from one.
    public var location: FileLocation?

    public init(path: FieldPath, message: String, location: FileLocation? = nil) {
        self.path = path
        self.message = message
        self.location = location
    }

    public var description: String {
        if let location {
            "\(location): \(path): \(message)"
        } else {
            "\(path): \(message)"
        }
    }
}

/// Every problem found with one or more entries, thrown when nothing may be accepted.
public struct ValidationErrors: Error, Hashable, Sendable, CustomStringConvertible {
    public var issues: [ValidationIssue]

    public init(_ issues: [ValidationIssue]) {
        self.issues = issues
    }

    public var description: String {
        let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        return ([count + ":"] + issues.map { "  " + $0.description }).joined(separator: "\n")
    }
}
