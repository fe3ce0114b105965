/// Verifies batches of changes on several cores.
///
/// Verification (parsing and the Ed25519 check) needs no state, so it runs in parallel before
/// a node applies the batch in order in one transaction.
public enum ChangeVerifier {
    /// Verifies `changes` using up to `concurrency` tasks; results keep the input order.
    public static func verify(
        _ changes: [SignedChange], limits: ChangeLimits = .standard, concurrency: Int = 2
    ) async -> [Result<VerifiedChange, SyncError>] {
        let workers = max(1, min(concurrency, changes.count))
        guard workers > 1 else { return changes.map { verify($0, limits: limits) } }
        let chunk = (changes.count + workers - 1) / workers
        return await withTaskGroup(of: (Int, [Result<VerifiedChange, SyncError>]).self) { group in
            for worker in 0..<workers {
                let range = (worker * chunk)..<min(changes.count, (worker + 1) * chunk)
                let slice = Array(changes[range])
                group.addTask { (worker, slice.map { verify($0, limits: limits) }) }
            }
            var parts = [[Result<VerifiedChange, SyncError>]](repeating: [], count: workers)
            for await (worker, results) in group { parts[worker] = results }
            return parts.flatMap { $0 }
        }
    }

    static func verify(_ change: SignedChange, limits: ChangeLimits) -> Result<VerifiedChange, SyncError> {
        Result { () throws(SyncError) in try change.verified(limits: limits) }
    }
}
