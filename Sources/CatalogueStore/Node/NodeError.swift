package import SyncProtocol

/// Why the node refused to do something, apart from refusals of single received changes.
package struct NodeError: Error, Sendable, CustomStringConvertible {
    private enum Reason: Sendable {
        case readOnlyMirror
        case ownHeadUnconfirmed(OwnHeadStatus)
        case ownLogForked(seq: UInt64)
        case ownChangeRefused(SyncError)
        case noSuchEntry(index: Int, kind: String, id: String)
    }

    /// Stable names of the reasons, for the HTTP boundary and tests.
    package enum Code: String, Sendable {
        case readOnlyMirror = "read-only-mirror"
        case ownHeadUnconfirmed = "own-head-unconfirmed"
        case ownLogForked = "own-log-forked"
        case ownChangeRefused = "own-change-refused"
        case noSuchEntry = "not-found"
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

    package var code: Code {
        switch reason {
        case .readOnlyMirror: .readOnlyMirror
        case .ownHeadUnconfirmed: .ownHeadUnconfirmed
        case .ownLogForked: .ownLogForked
        case .ownChangeRefused: .ownChangeRefused
        case .noSuchEntry: .noSuchEntry
        }
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
        }
    }
}
