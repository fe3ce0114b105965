/// When a batch's changes reach the materialized catalogue (entries, search index, facets).
package enum CatalogueUpdate: Sendable, Hashable {
    /// In the batch's own transaction: what every push and publish uses.
    case immediate
    /// Later, at `ChangeStore.refreshCatalogue()`: the batch's transaction stores the log rows
    /// and heads and marks the catalogue as lagging, and its changes are merged into the bulk
    /// catch-up's entry states in memory (`BulkCatchUp`, bounded; the oldest are written out
    /// when it is full). The refresh writes those states and builds the index once. For a bulk
    /// catch-up — a fresh mirror, a node restored from nothing — where writing each entry once
    /// at the end costs a fraction of writing it once per change (each entry is typically changed
    /// several times), and nothing of the log is parsed twice.
    case deferred
}
