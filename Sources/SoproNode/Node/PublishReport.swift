import DirectoryModel
import SyncProtocol

/// What publishing did, entry by entry.
public struct PublishReport: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        case created
        case updated([String])
        case unchanged
    }

    public struct EntryOutcome: Sendable, Hashable {
        public var id: EntryID
        public var kind: EntryKind
        public var outcome: Outcome
    }

    public var entries: [EntryOutcome] = []
    /// The signed changes; empty when nothing changed.
    public var changes: [ChangeReference] = []
}
