import Crypto
import Foundation

/// A change as it travels: the payload's exact bytes and an Ed25519 signature over them.
///
/// On the wire (JSON) both are base64 strings, so the payload bytes arrive untouched whatever
/// the JSON library on either side does: `{"payload": "<base64>", "signature": "<base64>"}`.
public struct SignedChange: Hashable, Sendable, Codable {
    /// The payload: UTF-8 JSON, exactly as signed.
    public var payload: Data
    /// The 64-byte Ed25519 signature of `SignatureContext.change.message(for: payload)`.
    public var signature: Data

    public init(payload: Data, signature: Data) {
        self.payload = payload
        self.signature = signature
    }

    /// The id: SHA-256 of the payload bytes.
    public var id: ChangeID { ChangeID(payload: payload) }

    /// Parses the payload, checks limits and form, and verifies the signature against the
    /// author the payload names. Nothing is re-serialised: the signature is checked over the
    /// bytes that arrived.
    public func verified(limits: ChangeLimits = .standard) throws(SyncError) -> VerifiedChange {
        try read(limits: limits, checkingSignature: true)
    }

    /// Reads a change whose signature this node checked when it stored it, without checking it
    /// again — for rebuilding a catalogue from the store's own log, where the Ed25519 check
    /// would be most of the cost and proves nothing new. Never for bytes that come from outside
    /// (a peer, a push, a file): those go through `verified(limits:)`.
    public func rereadFromOwnStore(limits: ChangeLimits = .standard) throws(SyncError) -> VerifiedChange {
        try read(limits: limits, checkingSignature: false)
    }

    private func read(limits: ChangeLimits, checkingSignature: Bool) throws(SyncError) -> VerifiedChange {
        guard payload.count <= limits.maximumPayloadBytes else {
            throw SyncError.tooLarge(
                "the payload has \(payload.count) bytes; at most \(limits.maximumPayloadBytes) are allowed")
        }
        guard signature.count == 64 else {
            throw SyncError.malformed("a signature has 64 bytes, this one \(signature.count)")
        }
        let root: SyncValue
        let longestString: Int
        do {
            (root, longestString) = try StrictJSONParser().parseMeasuring(payload)
        } catch {
            throw SyncError.malformed("the payload is not valid JSON: \(error)")
        }
        guard let fields = root.object else { throw SyncError.malformed("the payload must be a JSON object") }
        guard let version = fields["protocol"]?.integer else {
            throw SyncError.malformed("\"protocol\" must be an integer")
        }
        guard version == SyncProtocolVersion.current else { throw SyncError.unsupportedVersion(Int(version)) }
        guard let schema = fields["schema"]?.integer, schema >= 1 else {
            throw SyncError.malformed("\"schema\" must be a positive integer")
        }
        guard let authorText = fields["author"]?.string else {
            throw SyncError.malformed("\"author\" must be a string")
        }
        // From outside only the canonical forms; what this node's store holds was accepted by
        // an older version perhaps, and is read as it was then (`verify` reports it).
        let normalizing = !checkingSignature
        let author = try normalizing ? AuthorID(normalizing: authorText) : AuthorID(parsing: authorText)
        guard let seqValue = fields["seq"]?.integer, seqValue >= 1 else {
            throw SyncError.malformed("\"seq\" must be an integer of at least 1")
        }
        let seq = UInt64(seqValue)
        let previous: ChangeID?
        switch fields["prev"] {
        case nil, .null?: previous = nil
        case .string(let text)?: previous = try normalizing ? ChangeID(normalizing: text) : ChangeID(parsing: text)
        default: throw SyncError.malformed("\"prev\" must be a change id or null")
        }
        if seq == 1 && previous != nil { throw SyncError.malformed("the first change (seq 1) has no prev") }
        if seq > 1 && previous == nil { throw SyncError.malformed("seq \(seq) needs prev, the id of seq \(seq - 1)") }
        guard let clock = fields["hlc"]?.object, let time = clock["time"]?.integer, time >= 0,
            let counter = clock["counter"]?.integer, counter >= 0
        else {
            throw SyncError.malformed(
                "\"hlc\" must be {\"time\": milliseconds, \"counter\": n}, both non-negative integers")
        }
        guard let editor = fields["editor"]?.string, !editor.isEmpty, editor.utf8.count <= limits.maximumEditorBytes
        else {
            throw SyncError.malformed(
                "\"editor\" must be a non-empty string of at most \(limits.maximumEditorBytes) bytes")
        }
        guard let operationValues = fields["ops"]?.array else { throw SyncError.malformed("\"ops\" must be an array") }
        guard operationValues.count <= limits.maximumOperations else {
            throw SyncError.tooLarge(
                "\(operationValues.count) operations; at most \(limits.maximumOperations) are allowed")
        }
        if longestString > limits.maximumStringBytes {
            throw SyncError.tooLarge(
                "a string of \(longestString) bytes; at most \(limits.maximumStringBytes) are allowed")
        }
        let reference = ChangeReference(author: author, seq: seq, id: id)
        var operations: [EntryOperation] = []
        operations.reserveCapacity(operationValues.count)
        do {
            for (index, value) in operationValues.enumerated() {
                operations.append(
                    try EntryOperation(from: value, index: index, limits: limits, normalizing: normalizing))
            }
        } catch {
            throw error.about(reference)
        }
        if checkingSignature,
            !SignatureContext.change.isValid(signature: signature, of: payload, by: try author.publicKey)
        {
            throw SyncError.badSignature.about(reference)
        }
        return VerifiedChange(
            signed: self, id: reference.id, author: author, seq: seq, previous: previous,
            hlc: HLCTimestamp(time: time, counter: counter), editor: editor, schema: Int(schema), operations: operations
        )
    }

    public enum CodingKeys: String, CodingKey {
        case payload, signature
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let payload = Data(base64Encoded: try container.decode(String.self, forKey: .payload)) else {
            throw DecodingError.dataCorruptedError(
                forKey: .payload, in: container, debugDescription: "payload is not base64")
        }
        guard let signature = Data(base64Encoded: try container.decode(String.self, forKey: .signature)) else {
            throw DecodingError.dataCorruptedError(
                forKey: .signature, in: container, debugDescription: "signature is not base64")
        }
        self.init(payload: payload, signature: signature)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(payload.base64EncodedString(), forKey: .payload)
        try container.encode(signature.base64EncodedString(), forKey: .signature)
    }
}

/// A change whose signature verified and whose payload is well-formed: what the log holds.
public struct VerifiedChange: Hashable, Sendable {
    /// The bytes as received, kept exactly.
    public let signed: SignedChange
    public let id: ChangeID
    public let author: AuthorID
    public let seq: UInt64
    /// The id of the author's previous change (`nil` for seq 1).
    public let previous: ChangeID?
    public let hlc: HLCTimestamp
    /// Who at the author's node made the change.
    public let editor: String
    /// The payload schema version the author wrote.
    public let schema: Int
    public let operations: [EntryOperation]

    public var reference: ChangeReference { ChangeReference(author: author, seq: seq, id: id) }

    /// The tag of the operation at `index`.
    public func tag(ofOperation index: Int) -> WriteTag {
        WriteTag(author: author, seq: seq, index: index)
    }
}

/// Builds and signs a node's next change.
public enum ChangeSigner {
    /// Signs a change with `key`; the payload is written as canonical JSON.
    public static func sign(
        operations: [EntryOperation], editor: String, seq: UInt64, previous: ChangeID?, hlc: HLCTimestamp, key: NodeKey
    ) throws -> SignedChange {
        var payload: [String: SyncValue] = [
            "protocol": .integer(Int64(SyncProtocolVersion.current)),
            "schema": .integer(Int64(SyncProtocolVersion.payloadSchema)),
            "author": .string(key.authorID.rawValue),
            "seq": .integer(Int64(seq)),
            "hlc": ["time": .integer(hlc.time), "counter": .integer(hlc.counter)],
            "editor": .string(editor),
            "ops": .array(operations.map(\.syncValue)),
        ]
        payload["prev"] = previous.map { .string($0.rawValue) } ?? .null
        let bytes = Data(CanonicalJSON.encode(.object(payload)))
        return SignedChange(payload: bytes, signature: try key.signature(for: bytes, context: .change))
    }
}
