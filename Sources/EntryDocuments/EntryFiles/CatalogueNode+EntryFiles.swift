package import CatalogueStore

extension CatalogueNode {
    /// Publishes the entries read from entry files (see `publish(_:editor:)` for items).
    package func publish(_ entries: [SourcedEntry], editor: String) async throws -> PublishReport {
        try await publish(entries.map(\.publishItem), editor: editor)
    }
}
