import GRDB
package import SyncProtocol

extension SQLiteChangeStore {
    package func appendOwn<Result: Sendable>(
        author: AuthorID, acceptance: ChangeAcceptance, now: Int64,
        sign: @escaping @Sendable (OwnLog) throws -> (changes: [VerifiedChange], result: Result)
    ) async throws -> Result {
        try await writer.write { db in
            // Planning reads merged entries: they must include everything in the log.
            _ = try Self.refreshInTransaction(db, bulk: self.bulk)
            let own = OwnLog(
                head: try Self.head(of: author.rawValue, db: db),
                forkedAt: try Self.quarantine(db).from[author],
                lookup: { kind, id in try Self.storedState(kind: kind, id: id, db: db) })
            let (changes, result) = try sign(own)
            let results = try Self.applyInTransaction(
                changes, acceptance: acceptance, now: now, catalogue: .immediate, bulk: self.bulk, db: db)
            for result in results where result != .accepted {
                // Throwing rolls the whole transaction back: nothing of this publish is stored.
                if case .refused(let error) = result { throw error }
                throw StoreError.corrupt("the node's own new change was already stored")
            }
            return result
        }
    }
}
