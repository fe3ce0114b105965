import Foundation
import GRDB
package import SyncProtocol

extension SQLiteChangeStore {
    /// Each forked author's quarantine point, from the evidence held (a seq with two or more
    /// different changes) and the federation's cut-offs of retired keys (the seq after `last`),
    /// read in the caller's transaction.
    static func quarantine(_ db: Database) throws -> Quarantine {
        var quarantine = Quarantine()
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT author, MIN(seq) AS seq FROM (
                        SELECT author, seq FROM forkChange GROUP BY author, seq HAVING COUNT(*) >= 2
                    ) GROUP BY author
                    """))
        for row in rows { quarantine.record(author: try AuthorID(parsing: row["author"]), seq: row["seq"]) }
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT author, lastSeq FROM keyCutoff")) {
            let last: UInt64 = row["lastSeq"]
            quarantine.record(author: try AuthorID(parsing: row["author"]), seq: last + 1)
        }
        return quarantine
    }

    static func insertForkChange(
        _ signed: SignedChange, author: String, seq: UInt64, id: ChangeID, now: Int64, db: Database
    ) throws {
        try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO forkChange (author, seq, id, payload, signature, detectedAt)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [author, seq, id.rawValue, signed.payload, signed.signature, now])
    }

    package func forks() async throws -> [ForkEvidence] {
        try await writer.read { db in try Self.forks(db) }
    }

    static func forks(_ db: Database) throws -> [ForkEvidence] {
        var groups: [(author: String, seq: UInt64, changes: [VerifiedChange])] = []
        let rows = try Row.fetchCursor(
            db, sql: "SELECT author, seq, payload, signature FROM forkChange ORDER BY author, seq, id")
        while let row = try rows.next() {
            let author: String = row["author"]
            let seq: UInt64 = row["seq"]
            let signed = SignedChange(payload: row["payload"], signature: row["signature"])
            let change: VerifiedChange
            do {
                change = try signed.rereadFromOwnStore()
            } catch {
                throw StoreError.corrupt("fork evidence \(signed.id) of \(author.prefix(12))… cannot be read: \(error)")
            }
            if let last = groups.last, last.author == author, last.seq == seq {
                groups[groups.count - 1].changes.append(change)
            } else {
                groups.append((author, seq, [change]))
            }
        }
        return groups.compactMap { ForkEvidence($0.changes) }
    }

    package func record(_ evidence: [ForkEvidence], acceptance: ChangeAcceptance, now: Int64) async throws -> [Bool] {
        try await writer.write { db in
            let lagging = try Self.catalogueLag(db) != nil
            var quarantine = try Self.quarantine(db)
            var moved = false
            var results: [Bool] = []
            for fork in evidence {
                guard acceptance.roster.contains(fork.author) else {
                    results.append(false)
                    continue
                }
                let author = fork.author.rawValue
                var added = false
                for change in fork.changes {
                    try Self.insertForkChange(
                        change.signed, author: author, seq: fork.seq, id: change.id, now: now, db: db)
                    added = added || db.changesCount > 0
                }
                // The copy in this node's log, if it is another one, is evidence too.
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO forkChange (author, seq, id, payload, signature, detectedAt)
                        SELECT author, seq, id, payload, signature, ? FROM change WHERE author = ? AND seq = ?
                        """,
                    arguments: [now, author, fork.seq])
                results.append(added)
                if quarantine.record(author: fork.author, seq: fork.seq) { moved = true }
            }
            if moved {
                if lagging {
                    try Self.markCatalogueLagging(db, now: now, changes: 1)
                } else {
                    _ = try Self.rematerialize(db, checkingSignatures: false)
                }
            }
            return results
        }
    }

    package func syncState() async throws -> SyncState {
        try await writer.read { db in
            let quarantine = try Self.quarantine(db)
            var heads: [AuthorID: SyncState.Head] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT author, seq, id FROM head") {
                let author = try AuthorID(parsing: row["author"])
                let seq: UInt64 = row["seq"]
                let capped = quarantine.cap(author: author, seq: seq)
                if capped == seq {
                    heads[author] = SyncState.Head(seq: seq, id: try ChangeID(parsing: row["id"]))
                } else if capped > 0,
                    let id = try String.fetchOne(
                        db.cachedStatement(sql: "SELECT id FROM change WHERE author = ? AND seq = ?"),
                        arguments: [author.rawValue, capped])
                {
                    heads[author] = SyncState.Head(seq: capped, id: try ChangeID(parsing: id))
                }
            }
            let forks = try Self.forks(db).map { SyncState.Fork(author: $0.author, seq: $0.seq, changes: $0.ids) }
            return SyncState(heads: heads, forks: forks, digest: try self.currentDigest(db))
        }
    }

    package func change(of author: AuthorID, seq: UInt64) async throws -> SignedChange? {
        try await writer.read { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT payload, signature FROM change WHERE author = ? AND seq = ?"),
                arguments: [author.rawValue, seq]
            ).map { SignedChange(payload: $0["payload"], signature: $0["signature"]) }
        }
    }
}
