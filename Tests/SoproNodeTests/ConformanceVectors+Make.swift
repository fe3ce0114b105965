import CatalogueStore
import Foundation
import SoproNode
import SyncProtocol

extension ConformanceVectors {
    /// 2026-11-27T00:00:00Z: the cases' clocks count from here.
    static let start: Int64 = 1_795_737_600_000

    static func entry(_ number: Int) -> String { "0192f3a4-5b6c-7d8e-9f01-\(String(format: "%012d", number))" }

    /// Builds every case with the in-memory `Replica` as the reference implementation.
    static func make() throws -> ConformanceVectors {
        var maker = Maker()
        try maker.makeAll()
        return ConformanceVectors(
            keys: maker.keyNames.map { name in
                let key = maker.key(name)
                return Key(name: name, seed: Hex.encode(key.seed), author: key.authorID.rawValue)
            }, cases: maker.cases)
    }

    struct Maker {
        let keyNames = ["a", "b", "c", "x"]
        var cases: [Case] = []

        /// Fixed seeds: 32 bytes of 0x11 for a, 0x22 for b, …
        func key(_ name: String) -> NodeKey {
            let index = keyNames.firstIndex(of: name) ?? 0
            return (try? NodeKey(seed: Data(repeating: UInt8(0x11 * (index + 1)), count: 32))) ?? NodeKey()
        }

        /// Signs operations as `author`'s change `seq` (after `previous`) at `time`.
        func change(
            _ author: String, _ operations: [EntryOperation], seq: UInt64 = 1, after previous: SignedChange? = nil,
            time: Int64, counter: Int64 = 0, editor: String = "editor"
        ) throws -> SignedChange {
            try ChangeSigner.sign(
                operations: operations, editor: editor, seq: seq, previous: previous?.id,
                hlc: HLCTimestamp(time: start + time, counter: counter), key: key(author))
        }

        /// Signs exact payload text as `author` (for malformed and unusual payloads).
        func raw(_ author: String, _ text: String) throws -> SignedChange {
            try raw(author, Data(text.utf8))
        }

        func raw(_ author: String, _ bytes: Data) throws -> SignedChange {
            SignedChange(payload: bytes, signature: try key(author).signature(for: bytes, context: .change))
        }

        /// A payload with the usual members around `ops` (JSON text), for hand-made operations.
        func payload(_ author: String, seq: Int = 1, prev: String = "null", time: Int64 = 1, ops: String) -> String {
            #"{"author":"\#(key(author).authorID.rawValue)","editor":"editor","hlc":{"counter":0,"time":\#(start + time)},"ops":[\#(ops)],"prev":\#(prev),"protocol":1,"schema":1,"seq":\#(seq)}"#
        }

        func set(_ field: String, _ value: SyncValue, entry: Int = 1, supersedes: [WriteTag] = []) -> EntryOperation {
            EntryOperation(
                kind: "enterprise", entry: ConformanceVectors.entry(entry),
                action: .set(field: field, value: value, supersedes: supersedes))
        }

        func add(_ field: String, _ value: SyncValue, entry: Int = 1) -> EntryOperation {
            EntryOperation(
                kind: "enterprise", entry: ConformanceVectors.entry(entry), action: .add(field: field, value: value))
        }

        func remove(_ field: String, _ value: SyncValue, tags: [WriteTag], entry: Int = 1) -> EntryOperation {
            EntryOperation(
                kind: "enterprise", entry: ConformanceVectors.entry(entry),
                action: .remove(field: field, value: value, tags: tags))
        }

        func tag(_ author: String, _ seq: UInt64, _ index: Int) -> WriteTag {
            WriteTag(author: key(author).authorID, seq: seq, index: index)
        }

        enum Input {
            case changes([SignedChange], now: Int64 = 10_000)
            case evidence([SignedChange], now: Int64 = 10_000)
        }

        /// Runs `inputs` through a fresh replica and records what it answered after each.
        mutating func add(_ name: String, _ about: String, roster: [String] = ["a", "b", "c"], _ inputs: [Input]) {
            let trusted = AuthorRoster(
                roster.enumerated().map { TrustedAuthor(id: key($1).authorID, region: "AT1\($0 + 1)", name: $1) })
            var replica = Replica(acceptance: ChangeAcceptance(roster: trusted, schema: CatalogueSchema.fieldSchema))
            var steps: [Step] = []
            for input in inputs {
                switch input {
                case .changes(let changes, let now):
                    let results = replica.receive(changes, now: start + now)
                    steps.append(
                        Step(
                            now: start + now, receive: changes.map(Change.init), evidence: nil,
                            results: results.map(Self.result), digest: replica.digest, forks: Self.forks(replica)))
                case .evidence(let changes, let now):
                    if let evidence = try? ForkEvidence(verifying: changes) { replica.record(evidence) }
                    steps.append(
                        Step(
                            now: start + now, receive: nil, evidence: changes.map(Change.init), results: nil,
                            digest: replica.digest, forks: Self.forks(replica)))
                }
            }
            cases.append(Case(name: name, about: about, roster: roster, steps: steps))
        }

        static func forks(_ replica: Replica) -> [Fork] {
            replica.forks.map { Fork(author: $0.author.rawValue, seq: $0.seq) }
        }

        /// The HTTP status a push of one refused change answers (docs/protocol.md, push).
        static func result(_ result: Replica.ReceiveResult) -> Result {
            switch result {
            case .accepted: return Result(status: "accepted")
            case .duplicate: return Result(status: "duplicate")
            case .refused(let error):
                let http: Int =
                    switch error.code {
                    case .tooLarge: 413
                    case .unknownAuthor, .keyRetired: 403
                    case .seqGap, .wrongPrevious, .fork: 409
                    case .clockAhead: 503
                    case .malformed, .badSignature, .unsupportedVersion, .clockNotAdvancing, .invalidOperation: 422
                    }
                return Result(status: "refused", code: error.code.rawValue, http: http)
            }
        }

        mutating func makeAll() throws {
            try merges()
            try refusals()
            try forks()
        }

        mutating func merges() throws {
            let a1 = try change("a", [set("name.de", "Holzwerkstatt")], time: 1)
            let b1 = try change("b", [set("name.de", "Tischlerei")], time: 2)
            add(
                "register-last-writer-wins",
                "Two concurrent writes of one register: the later hlc wins, the other stays as a conflict (both live in the digest, ordered by hlc).",
                [.changes([a1]), .changes([b1])])
            let a1same = try change("a", [set("region", "AT12")], time: 5)
            let b1same = try change("b", [set("region", "AT13")], time: 5)
            add(
                "register-equal-clocks-author-order",
                "Equal hlc: the greater author id wins; received in either order the digest is the same.",
                [.changes([b1same]), .changes([a1same])])
            let a2 = try change(
                "a", [set("name.de", "Holzwerkstatt Traisental", supersedes: [tag("a", 1, 0), tag("b", 1, 0)])], seq: 2,
                after: a1, time: 3)
            add(
                "supersedes-resolves-a-conflict",
                "A write that names both live writes in supersedes replaces them: one live write remains.",
                [.changes([a1, b1]), .changes([a2])])
            let region = try change("a", [set("region", "AT12")], time: 1)
            let name = try change(
                "a", [set("name.de", "Werkstatt", supersedes: [tag("a", 1, 0)])], seq: 2, after: region, time: 2)
            add(
                "supersedes-reaches-only-its-register",
                "supersedes naming a tag of another register's write is ignored: region stays AT12.",
                [.changes([region, name])])
            let eleven = try change("a", (0...10).map { set("name.de", .string("v\($0)")) }, time: 1)
            add(
                "eleven-writes-one-register",
                "Eleven writes of one register in one change (one hlc): the winner is index 10, and tags order as numbers (…:1:9 before …:1:10), not as strings.",
                [.changes([eleven])])
            let addA = try change("a", [add("sectors", "16.23")], time: 1)
            let addB = try change("b", [add("sectors", "16.23")], time: 2)
            let removeA = try change(
                "a", [remove("sectors", "16.23", tags: [tag("a", 1, 0)])], seq: 2, after: addA, time: 3)
            add(
                "set-concurrent-add-survives-remove",
                "An element added by a and b; a removes the add it saw: b's add keeps the element.",
                [.changes([addA]), .changes([removeA]), .changes([addB])])
            let twoAdds = try change("a", [add("sectors", "16.23"), add("sectors", "31.01")], time: 1)
            let wideRemove = try change(
                "b", [remove("sectors", "16.23", tags: [tag("a", 1, 0), tag("a", 1, 1)])], time: 2)
            add(
                "remove-ignores-tags-of-other-elements",
                "A remove of 16.23 that also names the add of 31.01 removes only 16.23 — here received before the adds.",
                [.changes([wideRemove]), .changes([twoAdds])])
            let named = try change("a", [set("name.de", "Betrieb")], time: 1)
            let retract = try change(
                "a",
                [
                    EntryOperation(
                        kind: "enterprise", entry: ConformanceVectors.entry(1), action: .retract(supersedes: []))
                ], seq: 2, after: named, time: 2)
            let lateEdit = try change("b", [set("name.hu", "Üzem")], time: 3)
            let restore = try change(
                "a",
                [
                    EntryOperation(
                        kind: "enterprise", entry: ConformanceVectors.entry(1),
                        action: .restore(supersedes: [tag("a", 2, 0)]))
                ],
                seq: 3, after: retract, time: 4)
            add(
                "retract-edit-restore",
                "A retraction hides the entry; a later edit does not show it again; a restore that supersedes the retraction does.",
                [.changes([named, retract]), .changes([lateEdit]), .changes([restore])])
            add(
                "only-a-null-write",
                "An entry whose only write is null is in the digest, with the register listed (value null).",
                [.changes([try change("a", [set("name.de", .null, entry: 2)], time: 1)])])
            add(
                "only-a-remove",
                "An entry named only by a remove is in the digest: no registers, no sets, an empty retraction.",
                [.changes([try change("a", [remove("sectors", "16.23", tags: [tag("b", 1, 0)], entry: 3)], time: 1)])])
            add(
                "only-a-retract",
                "An entry named only by a retract is in the digest with its retraction write.",
                [
                    .changes([
                        try change(
                            "a",
                            [
                                EntryOperation(
                                    kind: "enterprise", entry: ConformanceVectors.entry(4),
                                    action: .retract(supersedes: []))
                            ],
                            time: 1)
                    ])
                ])
            add(
                "unknown-op-creates-no-entry",
                "An operation with an unknown op name is accepted, kept and not applied: no entry, the empty catalogue's digest.",
                [
                    .changes([
                        try raw(
                            "a",
                            payload(
                                "a",
                                ops: #"{"entry":"\#(ConformanceVectors.entry(5))","kind":"enterprise","op":"annotate"}"#
                            ))
                    ])
                ])
        }

        mutating func refusals() throws {
            let a1 = try change("a", [set("region", "AT12")], time: 1)
            let author = key("a").authorID.rawValue
            let e = ConformanceVectors.entry(1)
            func one(
                _ name: String, _ about: String, _ change: SignedChange, after: [SignedChange] = [], now: Int64 = 10_000
            ) {
                var inputs: [Input] = []
                if !after.isEmpty { inputs.append(.changes(after)) }
                inputs.append(.changes([change], now: now))
                add(name, about, inputs)
            }
            one("malformed-not-json", "The payload is not JSON.", try raw("a", "not json"))
            one(
                "malformed-byte-order-mark", "A UTF-8 byte-order mark before the object.",
                try raw("a", Data([0xEF, 0xBB, 0xBF]) + Data(payload("a", ops: "").utf8)))
            one(
                "malformed-minus-zero", "-0 is a second spelling of 0.",
                try raw("a", payload("a", ops: "").replacingOccurrences(of: #""counter":0"#, with: #""counter":-0"#)))
            one(
                "malformed-duplicate-after-unescaping", "\\u0065ditor and editor are one member name.",
                try raw(
                    "a",
                    payload("a", ops: "").replacingOccurrences(
                        of: #""editor":"editor","#, with: #""editor":"editor","\u0065ditor":"x","#)))
            one(
                "malformed-upper-case-author", "The author id in upper case.",
                try raw("a", payload("a", ops: "").replacingOccurrences(of: author, with: author.uppercased())))
            one(
                "malformed-seq-2-without-prev", "seq 2 with prev null.", try raw("a", payload("a", seq: 2, ops: "")),
                after: [a1])
            one(
                "malformed-editor-too-long", "An editor of 201 bytes.",
                try raw(
                    "a",
                    payload("a", ops: "").replacingOccurrences(
                        of: #""editor":"editor""#, with: #""editor":"\#(String(repeating: "e", count: 201))""#)))
            let shortSignature = try raw("a", payload("a", ops: ""))
            one(
                "malformed-signature-63-bytes", "A signature of 63 bytes.",
                SignedChange(payload: shortSignature.payload, signature: shortSignature.signature.prefix(63)))
            one(
                "too-large-payload", "A payload of more than 262,144 bytes.",
                try raw(
                    "a",
                    payload(
                        "a",
                        ops:
                            #"{"entry":"\#(e)","field":"name.de","kind":"enterprise","op":"set","supersedes":[],"value":"\#(String(repeating: "x", count: 262_144))"}"#
                    )))
            one(
                "too-large-string", "A string of 65,537 bytes.",
                try raw(
                    "a",
                    payload(
                        "a",
                        ops:
                            #"{"entry":"\#(e)","field":"name.de","kind":"enterprise","op":"set","supersedes":[],"value":"\#(String(repeating: "x", count: 65_537))"}"#
                    )))
            one(
                "too-large-operations", "2,001 operations.",
                try raw(
                    "a",
                    payload(
                        "a",
                        ops: Array(repeating: #"{"entry":"\#(e)","kind":"enterprise","op":"annotate"}"#, count: 2001)
                            .joined(separator: ","))))
            let good = try raw("a", payload("a", ops: ""))
            var flipped = good.signature
            flipped[0] ^= 1
            one(
                "bad-signature", "The signature does not verify.",
                SignedChange(payload: good.payload, signature: flipped))
            one("unknown-author", "x is not in the roster.", try change("x", [set("region", "AT12")], time: 1))
            one(
                "unsupported-version", "protocol 2.",
                try raw("a", payload("a", ops: "").replacingOccurrences(of: #""protocol":1"#, with: #""protocol":2"#)))
            let a2 = try change("a", [set("region", "AT13")], seq: 2, after: a1, time: 2)
            let a3 = try change("a", [set("region", "AT11")], seq: 3, after: a2, time: 3)
            one("seq-gap", "seq 3 while the head is 1 (the error names seq 2).", a3, after: [a1])
            let wrongPrev = try raw(
                "a", payload("a", seq: 2, prev: "\"\(String(repeating: "0", count: 64))\"", time: 2, ops: ""))
            one("wrong-prev", "seq 2 whose prev is not the id of seq 1.", wrongPrev, after: [a1])
            one(
                "clock-not-advancing", "seq 2 stamped before seq 1.",
                try change("a", [set("region", "AT13")], seq: 2, after: a1, time: 0), after: [a1])
            one(
                "clock-ahead", "Stamped 301 s ahead of the receiver's clock (the bound is 300 s).",
                try change("a", [set("region", "AT12")], time: 10_000 + 301_000))
            one("duplicate", "The same change again.", a1, after: [a1])
            func op(_ text: String) throws -> SignedChange { try raw("a", payload("a", ops: text)) }
            one(
                "invalid-operation-unknown-kind", "kind shop is not in the schema.",
                try op(#"{"entry":"\#(e)","field":"name.de","kind":"shop","op":"set","supersedes":[],"value":"x"}"#))
            one(
                "invalid-operation-unknown-field", "enterprise has no field colour.",
                try op(
                    #"{"entry":"\#(e)","field":"colour","kind":"enterprise","op":"set","supersedes":[],"value":"x"}"#))
            one(
                "invalid-operation-set-on-a-set", "sectors is a set.",
                try op(
                    #"{"entry":"\#(e)","field":"sectors","kind":"enterprise","op":"set","supersedes":[],"value":"16.23"}"#
                ))
            one(
                "invalid-operation-wrong-type", "employees takes integers.",
                try op(
                    #"{"entry":"\#(e)","field":"employees","kind":"enterprise","op":"set","supersedes":[],"value":"many"}"#
                ))
            one(
                "invalid-operation-too-many-tags", "1,001 tags in supersedes.",
                try op(
                    #"{"entry":"\#(e)","field":"region","kind":"enterprise","op":"set","supersedes":[\#((1...1001).map { "\"\(author):\($0):0\"" }.joined(separator: ","))],"value":"AT12"}"#
                ))
            one(
                "invalid-operation-kind-too-long", "A kind of 129 bytes.",
                try op(
                    #"{"entry":"\#(e)","field":"region","kind":"\#(String(repeating: "k", count: 129))","op":"set","supersedes":[],"value":"AT12"}"#
                ))
            one(
                "invalid-operation-upper-case-tag", "A tag whose author id is upper case.",
                try op(
                    #"{"entry":"\#(e)","field":"region","kind":"enterprise","op":"set","supersedes":["\#(author.uppercased()):1:0"],"value":"AT12"}"#
                ))
            one(
                "invalid-operation-tag-leading-zero", "A tag seq with a leading zero.",
                try op(
                    #"{"entry":"\#(e)","field":"region","kind":"enterprise","op":"set","supersedes":["\#(author):01:0"],"value":"AT12"}"#
                ))
            one(
                "invalid-operation-entry-not-canonical", "An entry id in upper case.",
                try op(
                    #"{"entry":"\#(e.uppercased())","field":"region","kind":"enterprise","op":"set","supersedes":[],"value":"AT12"}"#
                ))
            one(
                "invalid-operation-language-case", "name.DE instead of name.de.",
                try op(
                    #"{"entry":"\#(e)","field":"name.DE","kind":"enterprise","op":"set","supersedes":[],"value":"Holz"}"#
                ))
            one(
                "accepted-unknown-schema", "schema 2 with known operations is accepted and applied.",
                try raw(
                    "a",
                    payload(
                        "a",
                        ops:
                            #"{"entry":"\#(e)","field":"region","kind":"enterprise","op":"set","supersedes":[],"value":"AT12"}"#
                    ).replacingOccurrences(of: #""schema":1"#, with: #""schema":2"#)))
            one(
                "accepted-bogus-vocabulary",
                "A value of the right JSON type but outside the vocabulary is accepted (the reader shows it as a problem).",
                try op(
                    #"{"entry":"\#(e)","field":"socialModel","kind":"enterprise","op":"set","supersedes":[],"value":"bogus"}"#
                ))
        }

        mutating func forks() throws {
            let a1 = try change("a", [set("region", "AT12")], time: 1)
            let a2 = try change("a", [set("name.de", "Zweig eins")], seq: 2, after: a1, time: 2)
            let a3 = try change("a", [set("name.de", "Zweig eins, weiter")], seq: 3, after: a2, time: 3)
            let rival2 = try change("a", [set("name.de", "Zweig zwei")], seq: 2, after: a1, time: 4)
            let b1 = try change("b", [set("name.hu", "Műhely")], time: 5)
            add(
                "fork-found-on-receive",
                "A second change at seq 2 is refused with fork; both are evidence, and a's log is applied only up to seq 1 (a3, which continues the kept branch, is stored and not applied). b is unaffected.",
                [.changes([a1, a2, b1]), .changes([rival2]), .changes([a3])])
            add(
                "fork-evidence-from-a-peer",
                "A node holding a's first branch receives the evidence (a2 and its rival): it applies a's log only up to seq 1.",
                [.changes([a1, a2, a3, b1]), .evidence([rival2, a2])])
        }
    }
}
