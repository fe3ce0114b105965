package import DirectoryModel
package import SyncProtocol

/// One entry of the catalogue as every reader sees it — pages, API, matcher and export: its
/// merged state, the document built from it, the entry read from that document by the rules of
/// entry files, and its provenance. Built only here; the store remembers it while the stored
/// state stays the same (`SQLiteChangeStore.catalogueEntry`), so a view no longer rebuilds and
/// validates the entry each time (the API detail did it twice).
package struct CatalogueEntry: Sendable {
    package let state: EntryState
    /// `nil` for a kind the catalogue does not know (a newer node's).
    package let kind: EntryKind?
    /// The entry document (as in entry files); `null` for an unknown kind.
    package let document: DocumentValue
    /// The entry, when its merged values read as one; `nil` for an unknown kind or an id that
    /// is not the catalogue's.
    package let entry: Entry?
    /// Problems of the merged entry (e.g. required fields not yet arrived); empty when valid.
    package let problems: [ValidationIssue]
    package let provenance: Provenance

    package init(state: EntryState) {
        self.state = state
        let kind = EntryKind(rawValue: state.kind)
        self.kind = kind
        let document = kind.map { EntryMaterializer.document(of: state, kind: $0) } ?? .null
        self.document = document
        let decoded: EntryDecoding.Result? =
            if let kind, (try? EntryID(parsing: state.id)) != nil {
                EntryDecoding.read(document, impliedKind: kind)
            } else {
                nil
            }
        entry = decoded?.entry
        problems = decoded?.issues ?? []
        provenance = Provenance(state: state)
    }

    /// Shown in the catalogue: not retracted, and readable as an entry.
    package var isVisible: Bool { state.isVisible && entry != nil }
}
