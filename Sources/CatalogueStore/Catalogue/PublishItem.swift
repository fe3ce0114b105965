package import DirectoryModel

/// One entry to publish: the entry, and the document as written, so publishing can tell which
/// fields it mentions (fields it leaves out are left alone, and another region's translation
/// survives). Entry files make these with where each entry came from (`SourcedEntry`); the API
/// makes them from a request body.
package struct PublishItem: Sendable {
    package var entry: Entry
    package var document: DocumentValue
    /// For an edit of a copy (the workspace's form): the document the copy was made from. Then
    /// `document` is the whole entry as the editor left it, and only what the editor changed
    /// is written; a field someone else changed meanwhile to another value is refused as a
    /// conflict (`NodeError.editConflict`) rather than silently overwritten.
    package var base: DocumentValue?

    package init(entry: Entry, document: DocumentValue, base: DocumentValue? = nil) {
        self.entry = entry
        self.document = document
        self.base = base
    }
}
