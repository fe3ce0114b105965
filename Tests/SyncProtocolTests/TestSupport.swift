import Foundation
import SoproTestSupport
import SyncProtocol

/// A small catalogue schema for the tests: one kind with every shape.
let testSchema = FieldSchema(kinds: [
    "enterprise": [
        "name": .localized,
        "region": .register(.string),
        "employees": .register(.integer),
        "address.locality": .register(.string),
        "sectors": .set(.string),
        "partners": .set(.object),
    ],
    "product": [
        "name": .localized,
        "categories": .set(.string),
    ],
])

/// Wall time used by the tests: 2026-11-29T00:00:00Z in milliseconds.
let testNow: Int64 = 1_795_737_600_000

func makeReplica(trusting keys: [NodeKey], skew: Int64 = 5 * 60 * 1000) -> Replica {
    let roster = AuthorRoster(
        keys.enumerated().map {
            TrustedAuthor(id: $0.element.authorID, region: "AT1\($0.offset)", name: "Node \($0.offset)")
        })
    return Replica(acceptance: ChangeAcceptance(roster: roster, schema: testSchema, maximumSkewMilliseconds: skew))
}

func set(
    _ field: String, _ value: SyncValue, entry: String = "e1", kind: String = "enterprise", supersedes: [WriteTag] = []
)
    -> EntryOperation
{
    EntryOperation(kind: kind, entry: entry, action: .set(field: field, value: value, supersedes: supersedes))
}

func add(_ field: String, _ value: SyncValue, entry: String = "e1", kind: String = "enterprise") -> EntryOperation {
    EntryOperation(kind: kind, entry: entry, action: .add(field: field, value: value))
}

func sign(
    _ operations: [EntryOperation], key: NodeKey, seq: UInt64 = 1, previous: ChangeID? = nil, time: Int64 = testNow,
    editor: String = "maria"
)
    throws -> SignedChange
{
    try ChangeSigner.sign(
        operations: operations, editor: editor, seq: seq, previous: previous, hlc: HLCTimestamp(time: time), key: key)
}
