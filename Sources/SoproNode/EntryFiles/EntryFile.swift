import DirectoryModel

/// What one entry file holds: the entries read from it and every problem found.
///
/// A caller publishes nothing from a file (or a set of files) with problems, so the editor sees
/// every error of an import at once and nothing half-done reaches the catalogue.
public struct EntryFile: Sendable {
    /// The file as named by the user, for messages.
    public var name: String?
    /// Every entry that could be read, valid or not; see `issues` for the problems.
    public var entries: [SourcedEntry]
    /// Every problem, each with its file, line and column and field path.
    public var issues: [ValidationIssue]

    public var isValid: Bool { issues.isEmpty }
}

/// One entry and where it came from.
public struct SourcedEntry: Sendable {
    public var entry: Entry
    /// The entry's path in its file (`products[2]`, or the root for a one-entry file).
    public var path: FieldPath
    /// Where the entry starts.
    public var location: FileLocation
    /// The entry as written, so publishing can tell which fields the file mentions: fields a
    /// file leaves out are left alone, and another region's translation survives.
    public var document: DocumentValue

    public init(entry: Entry, path: FieldPath = .root, location: FileLocation, document: DocumentValue) {
        self.entry = entry
        self.path = path
        self.location = location
        self.document = document
    }
}
