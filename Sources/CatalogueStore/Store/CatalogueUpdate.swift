/// When a batch's changes reach the materialized catalogue (entries, search index, facets).
package enum CatalogueUpdate: Sendable, Hashable {
    /// In the batch's own transaction: what every push and publish uses.
    case immediate
    /// Later, in one rebuild (`ChangeStore.refreshCatalogue()`): the batch's transaction stores
    /// the log rows and heads and marks the catalogue as lagging. For a bulk catch-up — a fresh
    /// mirror, a node restored from nothing — where rebuilding each entry once at the end costs a
    /// fraction of updating it once per change (each entry is typically changed several times).
    case deferred
}
