package import DirectoryModel
package import SyncProtocol

/// What publishing did, entry by entry.
package struct PublishReport: Sendable, Hashable {
    package enum Outcome: Sendable, Hashable {
        case created
        case updated([String])
        case unchanged
    }

    package struct EntryOutcome: Sendable, Hashable {
        package var id: EntryID
        package var kind: EntryKind
        package var outcome: Outcome
    }

    package var entries: [EntryOutcome] = []
    /// The signed changes; empty when nothing changed.
    package var changes: [ChangeReference] = []
}
