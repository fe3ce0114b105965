package import SyncProtocol

extension CatalogueNode {
    /// Every value a register of an entry has had, newest first: the live writes and those they
    /// superseded, each read back from the signed change that made it (the register keeps the
    /// tags of superseded writes, `author:seq:index`, so no index of the log by entry is needed).
    ///
    /// At most `limit` writes, the tags of the latest changes first (a tag's seq orders one
    /// author's writes; across authors the clock does, so the newest `limit` per author are read
    /// and then sorted). A superseded write whose change the store no longer holds (a forked
    /// author's removed branch) is left out.
    package nonisolated func history(
        of state: EntryState, register field: String, limit: Int = 50
    ) async throws
        -> [Write]
    {
        guard let register = state.register(field), limit > 0 else { return [] }
        let tags = Set(register.live.keys).union(register.superseded)
        var byAuthor: [AuthorID: [WriteTag]] = [:]
        for tag in tags { byAuthor[tag.author, default: []].append(tag) }
        var writes: [Write] = []
        for (author, authorTags) in byAuthor {
            var changes: [UInt64: VerifiedChange?] = [:]
            for tag in authorTags.sorted(by: >).prefix(limit) {
                if let live = register.live[tag] {
                    writes.append(live)
                    continue
                }
                if changes[tag.seq] == nil {
                    let signed = try await store.change(of: author, seq: tag.seq)
                    changes[tag.seq] = .some(try? signed?.rereadFromOwnStore(limits: limits))
                }
                guard let change = changes[tag.seq] ?? nil, change.operations.indices.contains(tag.index),
                    case .set(let written, let value, _) = change.operations[tag.index].action, written == field
                else { continue }
                writes.append(Write(tag: tag, hlc: change.hlc, editor: change.editor, value: value))
            }
        }
        return Array(writes.sorted(by: Write.precedes).reversed().prefix(limit))
    }
}
