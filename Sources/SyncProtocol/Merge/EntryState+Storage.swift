/// A compact binary form of an entry's merged state, for a node's own store.
///
/// Why not JSON: a node reads and writes the state of every entry a change touches, inside the
/// write transaction; with `JSONEncoder` that was the largest cost of applying a change. This
/// form is local to one store — it never travels and is never signed, so it may change with a
/// new version byte (readers refuse versions they do not know; the store then rebuilds from its
/// signed changes).
///
/// Layout (all integers are LEB128 varints, signed ones zig-zag encoded; strings are a length
/// and UTF-8 bytes):
/// `version(1) kind id authorCount author×32 bytes… registerCount (field register)…
/// setCount (field set)… retraction`, where a register is `liveCount write… supersededCount tag…`,
/// a set is `addCount write… removedCount (tag elementCount element…)…` (an element is the
/// canonical JSON of the value its remove named, as a string), a write is `tag hlcTime hlcCounter editor value`,
/// a tag is `authorIndex seq index`, and a value is a type byte (0 null, 1 false, 2 true,
/// 3 integer, 4 string, 5 array, 6 object) and its content.
extension EntryState {
    /// 2: removed set tags carry the element their remove named (1 had tags only).
    static let storageVersion: UInt8 = 2

    /// The state in the storage form.
    public var storageBytes: [UInt8] {
        var authors: [AuthorID: Int] = [:]
        var authorList: [AuthorID] = []
        func note(_ tag: WriteTag) {
            if authors[tag.author] == nil {
                authors[tag.author] = authorList.count
                authorList.append(tag.author)
            }
        }
        func noteAll(_ register: RegisterState) {
            register.live.keys.forEach(note)
            register.superseded.forEach(note)
        }
        registers.values.forEach(noteAll)
        for set in sets.values {
            set.adds.keys.forEach(note)
            set.removed.keys.forEach(note)
        }
        noteAll(retraction)

        var body = StorageWriter()
        body.byte(Self.storageVersion)
        body.string(kind)
        body.string(id)
        body.unsigned(authorList.count)
        for author in authorList { body.bytes(Hex.decode(author.rawValue) ?? []) }
        func tag(_ tag: WriteTag) {
            body.unsigned(authors[tag.author] ?? 0)
            body.unsigned(tag.seq)
            body.unsigned(tag.index)
        }
        func writes(_ writes: [WriteTag: Write]) {
            body.unsigned(writes.count)
            for write in writes.values {
                tag(write.tag)
                body.signed(write.hlc.time)
                body.signed(write.hlc.counter)
                body.string(write.editor)
                body.value(write.value)
            }
        }
        func tags(_ tags: Set<WriteTag>) {
            body.unsigned(tags.count)
            tags.forEach(tag)
        }
        func register(_ register: RegisterState) {
            writes(register.live)
            tags(register.superseded)
        }
        body.unsigned(registers.count)
        for (field, state) in registers {
            body.string(field)
            register(state)
        }
        body.unsigned(sets.count)
        for (field, state) in sets {
            body.string(field)
            writes(state.adds)
            body.unsigned(state.removed.count)
            for (removedTag, elements) in state.removed {
                tag(removedTag)
                body.unsigned(elements.count)
                for element in elements { body.string(String(decoding: element, as: UTF8.self)) }
            }
        }
        register(retraction)
        return body.bytes
    }

    /// Reads a state from its storage form; damaged or unknown input is refused, never trusted.
    public init(storageBytes: some Collection<UInt8>) throws(SyncError) {
        var reader = StorageReader(Array(storageBytes))
        let version = try reader.byte()
        guard version == Self.storageVersion else {
            throw .malformed("stored entry state has version \(version); this node reads \(Self.storageVersion)")
        }
        let kind = try reader.string()
        let id = try reader.string()
        let authorCount = try reader.count()
        var authors: [AuthorID] = []
        for _ in 0..<authorCount { authors.append(try AuthorID(parsing: Hex.encode(try reader.bytes(32)))) }
        func tag() throws(SyncError) -> WriteTag {
            let authorIndex = try reader.unsigned()
            guard authorIndex < authors.count else {
                throw .malformed("stored entry state names author \(authorIndex)")
            }
            let seq = try reader.unsigned()
            guard let index = Int(exactly: try reader.unsigned()) else {
                throw .malformed("stored entry state has an operation index out of range")
            }
            return WriteTag(author: authors[Int(authorIndex)], seq: seq, index: index)
        }
        func writes() throws(SyncError) -> [WriteTag: Write] {
            var writes: [WriteTag: Write] = [:]
            for _ in 0..<(try reader.count()) {
                let tag = try tag()
                let hlc = HLCTimestamp(time: try reader.signed(), counter: try reader.signed())
                writes[tag] = Write(tag: tag, hlc: hlc, editor: try reader.string(), value: try reader.value())
            }
            return writes
        }
        func tags() throws(SyncError) -> Set<WriteTag> {
            var tags: Set<WriteTag> = []
            for _ in 0..<(try reader.count()) { tags.insert(try tag()) }
            return tags
        }
        func register() throws(SyncError) -> RegisterState {
            RegisterState(live: try writes(), superseded: try tags())
        }
        var registers: [String: RegisterState] = [:]
        for _ in 0..<(try reader.count()) { registers[try reader.string()] = try register() }
        var sets: [String: SetState] = [:]
        for _ in 0..<(try reader.count()) {
            let field = try reader.string()
            let adds = try writes()
            var removed: [WriteTag: Set<[UInt8]>] = [:]
            for _ in 0..<(try reader.count()) {
                let removedTag = try tag()
                var elements: Set<[UInt8]> = []
                for _ in 0..<(try reader.count()) { elements.insert(Array(try reader.string().utf8)) }
                removed[removedTag] = elements
            }
            sets[field] = SetState(adds: adds, removed: removed)
        }
        let retraction = try register()
        guard reader.isAtEnd else { throw .malformed("stored entry state has trailing bytes") }
        self.init(kind: kind, id: id, registers: registers, sets: sets, retraction: retraction)
    }
}

/// Appends the storage form's primitives.
struct StorageWriter {
    var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func bytes(_ values: [UInt8]) { bytes.append(contentsOf: values) }

    mutating func unsigned(_ value: some BinaryInteger) {
        var rest = UInt64(value)
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func signed(_ value: Int64) {
        unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func string(_ text: String) {
        unsigned(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }

    mutating func value(_ value: SyncValue) {
        switch value {
        case .null: byte(0)
        case .bool(let flag): byte(flag ? 2 : 1)
        case .integer(let number):
            byte(3)
            signed(number)
        case .string(let text):
            byte(4)
            string(text)
        case .array(let values):
            byte(5)
            unsigned(values.count)
            values.forEach { self.value($0) }
        case .object(let fields):
            byte(6)
            unsigned(fields.count)
            for (key, field) in fields {
                string(key)
                self.value(field)
            }
        }
    }
}

/// Reads the storage form's primitives, refusing anything out of bounds.
struct StorageReader {
    private let bytes: [UInt8]
    private var offset = 0
    private var depth = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func byte() throws(SyncError) -> UInt8 {
        guard offset < bytes.count else { throw .malformed("stored entry state ends early") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func bytes(_ count: Int) throws(SyncError) -> ArraySlice<UInt8> {
        guard count <= bytes.count - offset else { throw .malformed("stored entry state ends early") }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    mutating func unsigned() throws(SyncError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw .malformed("stored entry state has an overlong number") }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    /// A count of items that follow: it can never exceed the bytes left, so a damaged count cannot make a
    /// reader allocate or loop without bound.
    mutating func count() throws(SyncError) -> Int {
        let value = try unsigned()
        guard value <= UInt64(bytes.count - offset) else { throw .malformed("stored entry state has a bad count") }
        return Int(value)
    }

    mutating func signed() throws(SyncError) -> Int64 {
        let raw = try unsigned()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    mutating func string() throws(SyncError) -> String {
        let utf8 = try bytes(try count())
        guard let text = String(validating: utf8, as: UTF8.self) else {
            throw .malformed("stored entry state has a string that is not UTF-8")
        }
        return text
    }

    mutating func value() throws(SyncError) -> SyncValue {
        depth += 1
        defer { depth -= 1 }
        guard depth <= 64 else { throw .malformed("stored entry state nests too deeply") }
        switch try byte() {
        case 0: return .null
        case 1: return .bool(false)
        case 2: return .bool(true)
        case 3: return .integer(try signed())
        case 4: return .string(try string())
        case 5:
            var values: [SyncValue] = []
            for _ in 0..<(try count()) { values.append(try value()) }
            return .array(values)
        case 6:
            var fields: [String: SyncValue] = [:]
            for _ in 0..<(try count()) { fields[try string()] = try value() }
            return .object(fields)
        case let type: throw .malformed("stored entry state has a value of unknown type \(type)")
        }
    }
}
