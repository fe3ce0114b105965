package import CatalogueStore
package import DirectoryModel

/// One entry and where it came from.
package struct SourcedEntry: Sendable {
    package var entry: Entry
    /// The entry's path in its file (`products[2]`, or the root for a one-entry file).
    package var path: FieldPath
    /// Where the entry starts.
    package var location: FileLocation
    /// The entry as written, so publishing can tell which fields the file mentions: fields a
    /// file leaves out are left alone, and another region's translation survives.
    package var document: DocumentValue

    package init(entry: Entry, path: FieldPath = .root, location: FileLocation, document: DocumentValue) {
        self.entry = entry
        self.path = path
        self.location = location
        self.document = document
    }

    /// What publishing needs of it.
    package var publishItem: PublishItem { PublishItem(entry: entry, document: document) }
}
