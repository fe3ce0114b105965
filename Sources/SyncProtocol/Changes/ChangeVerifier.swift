/// Verifies batches of changes on several cores.
///
/// Verification (parsing and the Ed25519 check) needs no state, so it runs in parallel before
/// a node applies the batch in order in one transaction.
public enum ChangeVerifier {
    /// Verifies `changes` using up to `concurrency` tasks; results keep the input order.
    public static func verify(
        _ changes: [SignedChange], limits: ChangeLimits = .standard, concurrency: Int = 2
    ) async -> [Result<VerifiedChange, SyncError>] {
        guard concurrency > 1, changes.count > 1 else { return changes.map { verify($0, limits: limits) } }
        // Small chunks, so a worker that finishes early takes the next one instead of idling
        // while the other finishes a big half.
        let chunkSize = max(16, changes.count / (concurrency * 8))
        let chunks = stride(from: 0, to: changes.count, by: chunkSize).map { $0..<min(changes.count, $0 + chunkSize) }
        return await withTaskGroup(of: (Int, [Result<VerifiedChange, SyncError>]).self) { group in
            var next = 0
            func startNext() {
                guard next < chunks.count else { return }
                let index = next
                let slice = Array(changes[chunks[index]])
                group.addTask { (index, slice.map { verify($0, limits: limits) }) }
                next += 1
            }
            for _ in 0..<concurrency { startNext() }
            var parts = [[Result<VerifiedChange, SyncError>]](repeating: [], count: chunks.count)
            for await (index, results) in group {
                parts[index] = results
                startNext()
            }
            return parts.flatMap { $0 }
        }
    }

    static func verify(_ change: SignedChange, limits: ChangeLimits) -> Result<VerifiedChange, SyncError> {
        Result { () throws(SyncError) in try change.verified(limits: limits) }
    }
}
