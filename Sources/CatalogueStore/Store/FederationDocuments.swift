import Foundation
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

    /// A tag that changes whenever a version, a signature or an event is added or dropped: the
    /// SHA-256 (hex) of the sorted lines `v <version id> <signing keys, sorted, comma-separated>`
    /// and `e <event id>`. `GET /v1/federation` sends it as its `ETag`, so a peer's round costs a
    /// 304 while nothing changed.
    package var tag: String {
        var lines = versions.map { version in
            "v \(version.id.rawValue) \(version.signatures.map(\.key.rawValue).sorted().joined(separator: ","))"
        }
        lines += events.map { "e \($0.id.rawValue)" }
        // The id of a payload is its SHA-256: the same digest, over these lines.
        return RosterID(payload: Data(lines.sorted().joined(separator: "\n").utf8)).rawValue
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
    package var removedEvents: [KeyEventID] = []
    package var adoptGenesis: RosterID?
    package var cutoffs: [AuthorID: UInt64]?

    package init() {}
}
