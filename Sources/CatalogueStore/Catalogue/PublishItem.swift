package import DirectoryModel

/// One entry to publish: the entry, and the document as written, so publishing can tell which
/// fields it mentions (fields it leaves out are left alone, and another region's translation
/// survives). Entry files make these with where each entry came from (`SourcedEntry`); the API
/// makes them from a request body.
package struct PublishItem: Sendable {
    package var entry: Entry
    package var document: DocumentValue

    package init(entry: Entry, document: DocumentValue) {
        self.entry = entry
        self.document = document
    }
}
