import Foundation
import SyncProtocol
import Synchronization

/// Catalogue entries as last read, each with the stored state bytes it was built from. A read
/// fetches the entry's state bytes (one indexed row) and reuses the remembered entry when they
/// are the same bytes, so an entry is decoded, materialised and validated once per version of
/// its own state — not once per page view, linked card or matcher candidate — and a remembered
/// entry can never be stale, whatever transaction wrote or rolled back.
///
/// Bounded: past `capacity` entries it starts over (entries read are mostly the few that are
/// linked and visited; reading one again is always correct). Whole-catalogue reads (export,
/// the rebuild) go around it.
final class EntryReadCache: Sendable {
    private struct Remembered {
        var bytes: Data
        var entry: CatalogueEntry
    }

    let capacity: Int
    private let entries = Mutex<[EntryKey: Remembered]>([:])

    init(capacity: Int = 2_048) {
        self.capacity = capacity
    }

    /// The entry remembered for `key`, if it was built from exactly `bytes`.
    func entry(_ key: EntryKey, builtFrom bytes: Data) -> CatalogueEntry? {
        entries.withLock { entries in
            guard let remembered = entries[key], remembered.bytes == bytes else { return nil }
            return remembered.entry
        }
    }

    func remember(_ entry: CatalogueEntry, _ key: EntryKey, builtFrom bytes: Data) {
        entries.withLock { entries in
            if entries.count >= capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = Remembered(bytes: bytes, entry: entry)
        }
    }
}
