/// An author the node accepts changes from, as named in its configuration.
public struct TrustedAuthor: Hashable, Sendable, Codable {
    public var id: AuthorID
    /// The region the author publishes for, a NUTS code such as `AT12`.
    public var region: String
    /// A display name, e.g. `Niederösterreich (St. Pölten)`.
    public var name: String

    public init(id: AuthorID, region: String, name: String) {
        self.id = id
        self.region = region
        self.name = name
    }
}

/// The authors a node trusts. Changes by anyone else are refused, whoever relays them.
public struct AuthorRoster: Hashable, Sendable {
    private var authors: [AuthorID: TrustedAuthor]

    public init(_ authors: [TrustedAuthor] = []) {
        self.authors = Dictionary(authors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func author(_ id: AuthorID) -> TrustedAuthor? { authors[id] }

    public func contains(_ id: AuthorID) -> Bool { authors[id] != nil }

    public var all: [TrustedAuthor] { authors.values.sorted { $0.id < $1.id } }

    public mutating func insert(_ author: TrustedAuthor) { authors[author.id] = author }

    public mutating func remove(_ id: AuthorID) { authors[id] = nil }
}
