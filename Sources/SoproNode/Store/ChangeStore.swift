import SyncProtocol

/// Where a node keeps its change logs and the merged catalogue.
///
/// The seam between the node and its database: the SQLite implementation serves production
/// (a file) and tests (in memory); the rules every implementation applies are
/// `ChangeAcceptance`'s, and the merge is `SyncProtocol`'s.
public protocol ChangeStore: Sendable {
    /// Applies a verified batch in (author, seq) order, all of it in one transaction: log rows,
    /// heads, fork evidence and merged entries move together. Results are in the order given.
    func apply(
        _ batch: [Result<VerifiedChange, SyncError>], acceptance: ChangeAcceptance, now: Int64
    ) async throws
        -> [Replica.ReceiveResult]

    /// Author → highest seq held.
    func versionVector() async throws -> VersionVector

    /// Each author's last change.
    func heads() async throws -> [AuthorID: AuthorHead]

    /// The changes a peer with `vector` lacks, paged (see `Replica.changes(missingFrom:)`).
    func changes(missingFrom vector: VersionVector, maximumCount: Int, maximumBytes: Int) async throws -> DeltaPage

    /// One entry's merged state.
    func entry(kind: String, id: String) async throws -> EntryState?

    /// The state digest of the whole catalogue (see docs/protocol.md).
    func digest() async throws -> String

    /// Recorded forks.
    func forks() async throws -> [ForkEvidence]

    /// Visible entries matching `query`, a page at a time.
    func entries(matching query: CatalogueQuery) async throws -> CataloguePage
}
