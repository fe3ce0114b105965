import DirectoryModel
import SyncProtocol

/// Turns entries into batches of operations against the merged state: each entry becomes the
/// operations that make the merged state say what the entry says (only the fields its document
/// mentions), packed into as few changes as the change limits allow, never splitting one entry's
/// operations unless the entry alone exceeds a limit.
enum PublishPlan {
    static func make(
        _ entries: [PublishItem], limits: ChangeLimits, reading own: OwnLog
    ) throws -> (
        batches: [[EntryOperation]], result: PublishReport
    ) {
        var report = PublishReport()
        var batches: [[EntryOperation]] = [[]]
        var batchBytes = 0
        // Leave room for the payload's own members (author, hlc, editor …).
        let byteBudget = limits.maximumPayloadBytes - 1024
        var conflicts: [NodeError.EntryConflicts] = []
        for (index, sourced) in entries.enumerated() {
            let entry = sourced.entry
            var fields = EntryFields(kind: entry.kind, id: entry.id, document: sourced.document)
            let current = try own.entry(kind: entry.kind.rawValue, id: entry.id.rawValue)
            if let base = sourced.base {
                let baseFields = EntryFields(kind: entry.kind, id: entry.id, document: base)
                let (delta, collisions) = fields.changes(since: baseFields, current: current)
                if !collisions.isEmpty {
                    conflicts.append(.init(index: index, kind: entry.kind, id: entry.id, fields: collisions))
                }
                fields = delta
            }
            let entryOperations = EntryChangePlanner.operations(for: fields, current: current)
            report.entries.append(
                PublishReport.EntryOutcome(
                    id: entry.id, kind: entry.kind,
                    outcome: current == nil
                        ? .created : entryOperations.isEmpty ? .unchanged : .updated(fieldNames(of: entryOperations))))
            let sizes = entryOperations.map { CanonicalJSON.encode($0.syncValue).count + 1 }
            let entryBytes = sizes.reduce(0, +)
            if let last = batches.last, !last.isEmpty,
                batchBytes + entryBytes > byteBudget || last.count + entryOperations.count > limits.maximumOperations
            {
                batches.append([])
                batchBytes = 0
            }
            for (operation, size) in zip(entryOperations, sizes) {
                if let last = batches.last, !last.isEmpty,
                    batchBytes + size > byteBudget || last.count + 1 > limits.maximumOperations
                {
                    batches.append([])
                    batchBytes = 0
                }
                batches[batches.count - 1].append(operation)
                batchBytes += size
            }
        }
        if !conflicts.isEmpty { throw NodeError.editConflict(conflicts) }
        return (batches.filter { !$0.isEmpty }, report)
    }

    private static func fieldNames(of operations: [EntryOperation]) -> [String] {
        var names: [String] = []
        for operation in operations {
            let name: String =
                switch operation.action {
                case .set(let field, _, _), .add(let field, _), .remove(let field, _, _): field
                case .retract, .restore: "retracted"
                case .unknown(let name): name
                }
            if !names.contains(name) { names.append(name) }
        }
        return names
    }
}
