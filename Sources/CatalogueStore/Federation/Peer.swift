package import SyncProtocol

/// Another node this node syncs with, from configuration.
package struct Peer: Hashable, Sendable {
    /// A short name for logs and status, e.g. `wien`.
    package var name: String
    /// The peer's base URL, e.g. `http://127.0.0.1:8013`.
    package var url: String
    /// The peer's author id, if it is a regional node (mirrors have none).
    package var authorID: AuthorID?

    package init(name: String, url: String, authorID: AuthorID? = nil) {
        self.name = name
        self.url = url.hasSuffix("/") ? String(url.dropLast()) : url
        self.authorID = authorID
    }
}
