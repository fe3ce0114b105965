package import SyncProtocol

/// The node's own log as a publishing transaction sees it (`ChangeStore.appendOwn`): its head,
/// the seq from which it is quarantined after a fork, and the merged entries, read in the same
/// transaction.
package struct OwnLog {
    package let head: AuthorHead?
    /// The seq of the earliest known fork of the node's own author; `nil` without one.
    package let forkedAt: UInt64?
    private let lookup: (String, String) throws -> EntryState?

    init(head: AuthorHead?, forkedAt: UInt64?, lookup: @escaping (String, String) throws -> EntryState?) {
        self.head = head
        self.forkedAt = forkedAt
        self.lookup = lookup
    }

    /// One entry's merged state, current as of this transaction.
    package func entry(kind: String, id: String) throws -> EntryState? {
        try lookup(kind, id)
    }
}
