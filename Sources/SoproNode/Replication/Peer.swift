import SyncProtocol

/// Another node this node syncs with, from configuration.
public struct Peer: Hashable, Sendable {
    /// A short name for logs and status, e.g. `wien`.
    public var name: String
    /// The peer's base URL, e.g. `http://127.0.0.1:8013`.
    public var url: String
    /// The peer's author id, if it is a regional node (mirrors have none).
    public var authorID: AuthorID?

    public init(name: String, url: String, authorID: AuthorID? = nil) {
        self.name = name
        self.url = url.hasSuffix("/") ? String(url.dropLast()) : url
        self.authorID = authorID
    }
}
