package import DirectoryModel
package import SyncProtocol

/// Why the node refused to do something, apart from refusals of single received changes.
package struct NodeError: Error, Sendable, CustomStringConvertible {
    private enum Reason: Sendable {
        case readOnlyMirror
        case ownHeadUnconfirmed(OwnHeadStatus)
        case ownLogForked(seq: UInt64)
        case ownChangeRefused(SyncError)
        case noSuchEntry(index: Int, kind: String, id: String)
        case editConflict([EntryConflicts])
    }

    /// The fields of one entry of a publish that collide with changes made since the editor's
    /// copy was read.
    package struct EntryConflicts: Sendable, Hashable {
        /// The entry's place in the publish.
        package var index: Int
        package var kind: EntryKind
        package var id: EntryID
        package var fields: [EntryFields.EditConflict]
    }

    /// Stable names of the reasons, for the HTTP boundary and tests.
    package enum Code: String, Sendable {
        case readOnlyMirror = "read-only-mirror"
        case ownHeadUnconfirmed = "own-head-unconfirmed"
        case ownLogForked = "own-log-forked"
        case ownChangeRefused = "own-change-refused"
        case noSuchEntry = "not-found"
        case editConflict = "edit-conflict"
    }

    private let reason: Reason

    package static let readOnlyMirror = NodeError(reason: .readOnlyMirror)
    package static func ownHeadUnconfirmed(_ status: OwnHeadStatus) -> NodeError {
        NodeError(reason: .ownHeadUnconfirmed(status))
    }
    package static func ownLogForked(seq: UInt64) -> NodeError { NodeError(reason: .ownLogForked(seq: seq)) }
    package static func ownChangeRefused(_ error: SyncError) -> NodeError {
        NodeError(reason: .ownChangeRefused(error))
    }
    package static func noSuchEntry(index: Int, kind: String, id: String) -> NodeError {
        NodeError(reason: .noSuchEntry(index: index, kind: kind, id: id))
    }

    package static func editConflict(_ entries: [EntryConflicts]) -> NodeError {
        NodeError(reason: .editConflict(entries))
    }

    package var code: Code {
        switch reason {
        case .readOnlyMirror: .readOnlyMirror
        case .ownHeadUnconfirmed: .ownHeadUnconfirmed
        case .ownLogForked: .ownLogForked
        case .ownChangeRefused: .ownChangeRefused
        case .noSuchEntry: .noSuchEntry
        case .editConflict: .editConflict
        }
    }

    /// For an edit conflict: the fields of each entry that changed meanwhile.
    package var editConflicts: [EntryConflicts] {
        if case .editConflict(let entries) = reason { entries } else { [] }
    }

    /// For a node waiting for its own head: what it waits for.
    package var ownHead: OwnHeadStatus? {
        if case .ownHeadUnconfirmed(let status) = reason { status } else { nil }
    }

    package var description: String {
        switch reason {
        case .readOnlyMirror: "this node is a read-only mirror: publish at a regional node"
        case .ownHeadUnconfirmed(let status):
            "this node has not yet confirmed its own latest change with its regional peers (\(status.explanation)); it signs nothing until then, so a node restored from a backup never reuses a seq. Publishing again once it is confirmed is safe: nothing was stored"
        case .ownLogForked(let seq):
            "this node's own log is forked at seq \(seq) (two different changes signed with its key at one seq — a restored backup that signed again, or a copied key); its changes from seq \(seq) on are applied nowhere, so it signs nothing more. Nothing was stored. See README, \"A forked log\", for the way out"
        case .ownChangeRefused(let error):
            "the node could not sign this publish: \(error.message). Nothing was stored"
        case .noSuchEntry(let index, let kind, let id):
            "entries[\(index)]: there is no \(kind) entry \(id)"
        case .editConflict(let entries):
            "changed meanwhile by someone else, nothing was stored: "
                + entries.map { entry in
                    "entries[\(entry.index)] (\(entry.kind.rawValue) \(entry.id.rawValue)): "
                        + entry.fields.map(\.field).joined(separator: ", ")
                }.joined(separator: "; ")
        }
    }
}
