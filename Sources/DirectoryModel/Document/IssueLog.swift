/// Collects the problems found while reading and validating, in the order found.
final class IssueLog {
    private(set) var issues: [ValidationIssue] = []
    /// Lists from which an unreadable element was dropped: the model's indices no longer match
    /// the file's there, so validation problems inside them are not reported (reading already was).
    private var shiftedLists: [FieldPath] = []

    func markShifted(_ path: FieldPath) {
        shiftedLists.append(path)
    }

    func add(_ path: FieldPath, _ message: String) {
        issues.append(ValidationIssue(path: path, message: message))
    }

    /// Whether a problem was already reported at `path` or inside it, so validation does not
    /// add "is required" where reading already said "is not a NUTS code".
    func hasIssue(within path: FieldPath) -> Bool {
        issues.contains { $0.path.hasPrefix(path) }
            || shiftedLists.contains { path.hasPrefix($0) && path.components.count > $0.components.count }
    }
}
