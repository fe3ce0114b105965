package import SyncProtocol

/// The federation's documents a store holds: roster versions (each with every valid signature
/// collected for its payload), key events, and the genesis the node adopted from its configured
/// authors (when it was not configured with one).
package struct FederationDocuments: Sendable, Hashable {
    package var versions: [SignedRoster] = []
    package var events: [SignedKeyEvent] = []
    package var adoptedGenesis: RosterID?

    package init(versions: [SignedRoster] = [], events: [SignedKeyEvent] = [], adoptedGenesis: RosterID? = nil) {
        self.versions = versions
        self.events = events
        self.adoptedGenesis = adoptedGenesis
    }
}

/// One write of the federation's documents, in one transaction: versions stored with the
/// signatures given (replacing those held: the caller merged them), versions dropped, events
/// added, a genesis adopted, and the cut-offs replaced (`nil`: unchanged). The catalogue is
/// rebuilt in the same transaction when the cut-offs move a quarantine point.
package struct FederationStoreChange: Sendable {
    package var versions: [SignedRoster] = []
    package var removedVersions: [RosterID] = []
    package var events: [SignedKeyEvent] = []
    package var adoptGenesis: RosterID?
    package var cutoffs: [AuthorID: UInt64]?

    package init() {}
}
