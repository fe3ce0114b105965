/// A verified batch prepared for applying: refusals from verification already in `results`, the
/// verified changes in (author, seq) order so a batch in any order applies whole. Every store
/// (in memory, SQLite) applies batches through this, so they agree on order and results.
public struct ReceiveBatch: Sendable {
    /// One result per change, in the order given; verified changes start as `.duplicate` until
    /// applied.
    public var results: [Replica.ReceiveResult]
    /// The verified changes with their position in the batch, in (author, seq) order.
    public let ordered: [(index: Int, change: VerifiedChange)]

    public init(_ batch: [Result<VerifiedChange, SyncError>]) {
        var results = [Replica.ReceiveResult](repeating: .duplicate, count: batch.count)
        var verified: [(index: Int, change: VerifiedChange)] = []
        for (index, outcome) in batch.enumerated() {
            switch outcome {
            case .success(let change): verified.append((index, change))
            case .failure(let error): results[index] = .refused(error)
            }
        }
        verified.sort { ($0.change.author, $0.change.seq, $0.index) < ($1.change.author, $1.change.seq, $1.index) }
        self.results = results
        self.ordered = verified
    }
}
