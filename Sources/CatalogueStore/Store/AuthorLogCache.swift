import GRDB
import SyncProtocol

/// Each author's head while a batch is applied: read from the store once per
/// author, kept current as the batch's changes are accepted, and the moved heads written once at
/// the batch's end (a batch of 1,000 changes by one author moves its head once, not 1,000 times).
struct AuthorLogCache {
    struct Log {
        var head: AuthorHead?
    }

    private var logs: [String: Log] = [:]
    private var moved: Set<String> = []

    mutating func log(of author: String, db: Database) throws -> Log {
        if let log = logs[author] { return log }
        let log = Log(head: try SQLiteChangeStore.head(of: author, db: db))
        logs[author] = log
        return log
    }

    /// Records an accepted change as the author's head (`log(of:)` was read first).
    mutating func advance(_ author: String, to head: AuthorHead) {
        logs[author]?.head = head
        moved.insert(author)
    }

    /// Writes the heads that moved.
    func saveHeads(_ db: Database) throws {
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO head (author, seq, id, hlcTime, hlcCounter) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (author) DO UPDATE SET seq = excluded.seq, id = excluded.id,
                    hlcTime = excluded.hlcTime, hlcCounter = excluded.hlcCounter
                """)
        for author in moved.sorted() {
            guard let head = logs[author]?.head else { continue }
            try upsert.execute(arguments: [author, head.seq, head.id.rawValue, head.hlc.time, head.hlc.counter])
        }
    }
}
