import DirectoryModel
import Synchronization

/// Facet counts and the catalogue overview, remembered for the catalogue version they were
/// counted at. Counting facets walks every matching entry's facet rows — tens of milliseconds
/// for a search that matches thousands of entries — while the catalogue changes only when a
/// batch is applied; so a search page's counts are counted once per query and catalogue
/// version. The version is read in the same read transaction as the counts would be, so a
/// remembered answer is exactly what counting would give.
final class CatalogueSummaryCache: Sendable {
    /// What makes two facet-count requests the same: the query without its page and cursor,
    /// and the facets asked for.
    struct Key: Hashable {
        var text: String?
        var language: String?
        var kind: String?
        var facets: [CatalogueQuery.Facet]
        var lighthouse: Bool?
        var updatedSince: Int64?
        var facetNames: [String]

        init(_ query: CatalogueQuery, facetNames: [String]) {
            text = query.text
            language = query.language?.rawValue
            kind = query.kind?.rawValue
            facets = query.facets.sorted { ($0.name, $0.value) < ($1.name, $1.value) }
            lighthouse = query.lighthouse
            updatedSince = query.updatedSince
            self.facetNames = facetNames.sorted()
        }
    }

    private struct State {
        var version: Int64 = -1
        var facetCounts: [Key: FacetCounts] = [:]
        var overview: CatalogueOverview?
        var digest: String?

        /// Moves to `newVersion`, forgetting everything counted at an older one; `false` when
        /// `newVersion` is itself older (a reader that began before the latest write), whose
        /// answer must not be remembered as current.
        mutating func moveTo(_ newVersion: Int64) -> Bool {
            if newVersion < version { return false }
            if newVersion > version {
                version = newVersion
                facetCounts = [:]
                overview = nil
                digest = nil
            }
            return true
        }
    }

    /// Distinct queries remembered per version; beyond, the cache starts over (searches are
    /// mostly a few popular ones, and counting again is always correct).
    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int = 512) {
        self.capacity = capacity
    }

    func facetCounts(_ key: Key, version: Int64) -> FacetCounts? {
        state.withLock { $0.version == version ? $0.facetCounts[key] : nil }
    }

    func remember(_ counts: FacetCounts, for key: Key, version: Int64) {
        state.withLock { state in
            guard state.moveTo(version) else { return }
            if state.facetCounts.count >= capacity { state.facetCounts.removeAll(keepingCapacity: true) }
            state.facetCounts[key] = counts
        }
    }

    func overview(version: Int64) -> CatalogueOverview? {
        state.withLock { $0.version == version ? $0.overview : nil }
    }

    func remember(_ overview: CatalogueOverview, version: Int64) {
        state.withLock { state in
            guard state.moveTo(version) else { return }
            state.overview = overview
        }
    }

    /// The state digest at `version`: every sync round's heads answer carries it, and computing
    /// it reads every entry's canonical JSON, so it is computed once per version.
    func digest(version: Int64) -> String? {
        state.withLock { $0.version == version ? $0.digest : nil }
    }

    func remember(digest: String, version: Int64) {
        state.withLock { state in
            guard state.moveTo(version) else { return }
            state.digest = digest
        }
    }
}
