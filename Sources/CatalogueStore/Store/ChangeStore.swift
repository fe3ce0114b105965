package import DirectoryModel
package import SyncProtocol

/// Where a node keeps its change logs and the merged catalogue.
///
/// The seam between the node and its database: the SQLite implementation serves production
/// (a file) and tests (in memory); the rules every implementation applies are
/// `ChangeAcceptance`'s, and the merge is `SyncProtocol`'s.
package protocol ChangeStore: Sendable {
    /// Applies a verified batch in (author, seq) order, all of it in one transaction: log rows,
    /// heads, fork evidence and merged entries move together — or, with `.deferred` (and for as
    /// long as the catalogue lags), log rows, heads and the lag mark, the entries merged in
    /// memory until the refresh. Results are in the order given.
    func apply(
        _ batch: [Result<VerifiedChange, SyncError>], acceptance: ChangeAcceptance, now: Int64,
        catalogue: CatalogueUpdate
    ) async throws
        -> [Replica.ReceiveResult]

    /// Brings a lagging catalogue (see `CatalogueUpdate.deferred`) up to the log in one
    /// transaction: the catch-up's merged entries and the index, or, when the merge was
    /// interrupted (a restart, another writer, a moved quarantine), the whole catalogue from the
    /// log. Returns how many changes it lagged; `nil` when nothing lagged.
    func refreshCatalogue() async throws -> Int?

    /// Author → highest seq held.
    func versionVector() async throws -> VersionVector

    /// Each author's last change.
    func heads() async throws -> [AuthorID: AuthorHead]

    /// The changes a peer with `vector` lacks, paged (see `Replica.changes(missingFrom:)`).
    func changes(missingFrom vector: VersionVector, maximumCount: Int, maximumBytes: Int) async throws -> DeltaPage

    /// One entry's merged state.
    func entry(kind: String, id: String) async throws -> EntryState?

    /// One entry as every reader sees it (see `CatalogueEntry`); the default builds it from
    /// `entry(kind:id:)` each time.
    func catalogueEntry(kind: String, id: String) async throws -> CatalogueEntry?

    /// The entries at `keys` that exist (visible or not), read together in one transaction:
    /// what the matcher and lists of many entries read instead of one query per entry.
    func catalogueEntries(_ keys: some Collection<EntryKey> & Sendable) async throws -> [EntryKey: CatalogueEntry]

    /// The state digest of the whole catalogue (see docs/protocol.md).
    func digest() async throws -> String

    /// Every fork known, with its evidence, by author then seq.
    func forks() async throws -> [ForkEvidence]

    /// Records fork evidence (verified by the caller) of trusted authors; moves quarantine points
    /// and rebuilds the catalogue when one moved back, in one transaction. Returns, per
    /// evidence, whether it added anything.
    func record(_ evidence: [ForkEvidence], acceptance: ChangeAcceptance, now: Int64) async throws -> [Bool]

    /// What a sync round starts from: heads cut back before forks, with ids; forks; digest.
    func syncState() async throws -> SyncState

    /// The stored change of `author` at `seq`, if any.
    func change(of author: AuthorID, seq: UInt64) async throws -> SignedChange?

    /// Signs and applies the node's own changes in one write transaction, so no other write
    /// comes between reading the head and storing what follows it: `sign` gets the author's log
    /// as the transaction sees it and reads merged entries through it, and returns the changes
    /// (in seq order) and a result. The changes are applied all or nothing: if one is refused,
    /// nothing is stored and the refusal is thrown.
    func appendOwn<Result: Sendable>(
        author: AuthorID, acceptance: ChangeAcceptance, now: Int64,
        sign: @escaping @Sendable (OwnLog) throws -> (changes: [VerifiedChange], result: Result)
    ) async throws -> Result

    /// The federation's roster versions, key events and adopted genesis.
    func federationDocuments() async throws -> FederationDocuments

    /// Reads the federation documents, lets `update` decide what to write, and writes it with
    /// the cut-offs, in one transaction (so two offers at once cannot lose each other's
    /// signatures); returns whether the catalogue was rebuilt (a cut-off moved) and `update`'s
    /// result.
    func updateFederation<Result: Sendable>(
        now: Int64, _ update: @escaping @Sendable (FederationDocuments) throws -> (FederationStoreChange, Result)
    ) async throws -> (rebuilt: Bool, result: Result)

    /// Visible entries matching `query`, a page at a time.
    func entries(matching query: CatalogueQuery) async throws -> CataloguePage

    /// Counts per value of `facets` among the entries `query` matches.
    func facetCounts(matching query: CatalogueQuery, facets: [String]) async throws -> FacetCounts

    /// The most recently changed visible entries, newest first; with `region`, only those in
    /// that NUTS region or a region inside it (`AT1` takes `AT12` and `AT127`).
    func recentlyUpdated(limit: Int, region: String?) async throws -> [CataloguePage.Item]

    /// Visible entries per region and kind, and per publishing author.
    func overview() async throws -> CatalogueOverview

    /// The visible entries `author` published (whose oldest standing value is theirs), most
    /// recently changed first, at most `limit`: a region's own entries, for its editors.
    func entryKeys(publishedBy author: String, limit: Int) async throws -> [EntryKey]

    /// Visible entries whose text contains any of `terms` as a word prefix, best first.
    func textRelevance(anyOf terms: [String], limit: Int) async throws -> [RelevanceHit]

    // Pictures, stored by content: what entries name by hash, and the sizes pages show.

    /// Keeps `picture` (already checked: its hash, type and limits); storing it again is a no-op.
    func store(_ picture: StoredPicture) async throws
    /// The picture named `sha256`, if this node holds it.
    func picture(_ sha256: PictureHash) async throws -> StoredPicture?
    /// The picture `sha256` made `width` pixels wide for pages, if made before.
    func rendition(of sha256: PictureHash, width: Int) async throws -> StoredPicture?
    /// Keeps a picture's rendition for pages (not federated: each node makes its own).
    func store(_ rendition: StoredPicture, of sha256: PictureHash, width: Int) async throws
    /// Pictures that visible entries name and this node does not hold yet, at most `limit`.
    func missingPictures(limit: Int) async throws -> [PictureHash]
}

extension ChangeStore {
    package func catalogueEntry(kind: String, id: String) async throws -> CatalogueEntry? {
        try await entry(kind: kind, id: id).map(CatalogueEntry.init(state:))
    }

    package func catalogueEntries(
        _ keys: some Collection<EntryKey> & Sendable
    ) async throws
        -> [EntryKey: CatalogueEntry]
    {
        var entries: [EntryKey: CatalogueEntry] = [:]
        for key in keys {
            if let entry = try await catalogueEntry(kind: key.kind, id: key.id) { entries[key] = entry }
        }
        return entries
    }

    /// Applies a batch with the catalogue updated in the same transaction.
    package func apply(
        _ batch: [Result<VerifiedChange, SyncError>], acceptance: ChangeAcceptance, now: Int64
    ) async throws
        -> [Replica.ReceiveResult]
    {
        try await apply(batch, acceptance: acceptance, now: now, catalogue: .immediate)
    }
}
