import CatalogueStore
package import DirectoryModel

/// What one entry file holds: the entries read from it and every problem found.
///
/// A caller publishes nothing from a file (or a set of files) with problems, so the editor sees
/// every error of an import at once and nothing half-done reaches the catalogue.
package struct EntryFile: Sendable {
    /// The file as named by the user, for messages.
    package var name: String?
    /// Every entry that could be read, valid or not; see `issues` for the problems.
    package var entries: [SourcedEntry]
    /// Every problem, each with its file, line and column and field path.
    package var issues: [ValidationIssue]

    package var isValid: Bool { issues.isEmpty }
}
