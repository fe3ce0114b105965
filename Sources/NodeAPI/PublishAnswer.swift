package import DirectoryModel
package import SyncProtocol

/// `POST /v1/publish` and `POST /v1/retract`: what became of each entry, and the changes the
/// node signed for them.
package struct PublishAnswer: Codable, Sendable {
    package struct Entry: Codable, Sendable {
        package var kind: String
        package var id: String
        /// `created`, `updated` or `unchanged` (publish); `retracted` or `unchanged` (retract).
        package var outcome: String
        /// For `updated`: the fields that changed.
        package var fields: [String]?

        package init(kind: String, id: String, outcome: String, fields: [String]? = nil) {
            self.kind = kind
            self.id = id
            self.outcome = outcome
            self.fields = fields
        }
    }

    package var entries: [Entry]
    package var changes: [ChangeReference]

    package init(entries: [Entry], changes: [ChangeReference]) {
        self.entries = entries
        self.changes = changes
    }
}

/// `POST /v1/publish` request: entry documents, as in entry files.
package struct PublishRequestBody: Codable, Sendable {
    package var entries: [DocumentValue]

    package init(entries: [DocumentValue]) {
        self.entries = entries
    }
}

/// `POST /v1/retract` request: the entries to take out of the catalogue.
package struct RetractRequestBody: Codable, Sendable {
    package struct Target: Codable, Sendable {
        package var kind: String
        package var id: String

        package init(kind: String, id: String) {
            self.kind = kind
            self.id = id
        }
    }

    package var entries: [Target]

    package init(entries: [Target]) {
        self.entries = entries
    }
}
