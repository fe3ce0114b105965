/// What an editor account may do at its node: `editor` keeps the region's entries;
/// `operator` also answers inquiries and looks after the node.
package enum EditorRole: String, Sendable, Hashable, CaseIterable, Codable {
    case editor
    case `operator`
}
