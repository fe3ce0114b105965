import Foundation

/// A member's key event: its region replaces a signing key, signed by the region's recovery key
/// alone (no other member needs to sign). One message serves three purposes, told apart by
/// `reason` for people — the rules are the same:
///
/// - `rotation`: planned; `last` is the old key's last change.
/// - `revocation`: the old key was stolen; `last` is the last change the region made itself, and
///   everything the old key signed after it is refused and dropped everywhere.
/// - `fork`: the old key's log forked (a restored backup); `last` is a seq before the fork.
///
/// A region's events form a chain (`seq` 1, 2, …, each naming the one before as `previous`).
/// Event 1 is signed by the recovery key whose commitment the roster lists for the region;
/// each event names the commitment of the recovery key that signs the next one (`nextRecovery`,
/// as KERI's pre-rotation), so a stolen signing key can never rotate the region.
public struct KeyEvent: Hashable, Sendable {
    /// The payload format this code reads and writes (`"keyEvent": 1`).
    public static let format: Int64 = 1
    /// Payload bytes, at most.
    public static let maximumPayloadBytes = 4 * 1024

    public enum Reason: String, Hashable, Sendable, CaseIterable {
        case rotation, revocation, fork
    }

    public var federation: String
    /// The NUTS code of the member the event is about.
    public var region: String
    /// 1 for the region's first event, then one more each.
    public var seq: UInt64
    /// The id of the region's event `seq − 1`; `nil` for the first.
    public var previous: KeyEventID?
    /// The roster version current when the event was made: the old key's signatures count on
    /// roster versions up to this one, never on later ones.
    public var rosterVersion: UInt64
    /// The key that stops signing.
    public var retiring: AuthorID
    /// The last seq of `retiring`'s log that stays valid (0: none).
    public var last: UInt64
    /// The key that signs for the region from now on.
    public var key: AuthorID
    /// The recovery key that signs this event, shown now that it is used (its SHA-256 is the
    /// commitment in force).
    public var recoveryKey: AuthorID
    /// The commitment to the recovery key that signs the region's next event (it may be the same
    /// key's again).
    public var nextRecovery: String
    public var reason: Reason
    /// When the event was written, ms since 1970 (information for people).
    public var issued: Int64

    public init(
        federation: String, region: String, seq: UInt64, previous: KeyEventID?, rosterVersion: UInt64,
        retiring: AuthorID, last: UInt64, key: AuthorID, recoveryKey: AuthorID, nextRecovery: String,
        reason: Reason, issued: Int64
    ) {
        self.federation = federation
        self.region = region
        self.seq = seq
        self.previous = previous
        self.rosterVersion = rosterVersion
        self.retiring = retiring
        self.last = last
        self.key = key
        self.recoveryKey = recoveryKey
        self.nextRecovery = nextRecovery
        self.reason = reason
        self.issued = issued
    }

    /// The payload in canonical JSON (keys sorted, no spaces), as it is signed.
    public var payload: Data {
        let fields: [String: SyncValue] = [
            "keyEvent": .integer(Self.format),
            "federation": .string(federation),
            "region": .string(region),
            "seq": .integer(Int64(seq)),
            "previous": previous.map { .string($0.rawValue) } ?? .null,
            "rosterVersion": .integer(Int64(rosterVersion)),
            "retiring": .string(retiring.rawValue),
            "last": .integer(Int64(last)),
            "key": .string(key.rawValue),
            "recoveryKey": .string(recoveryKey.rawValue),
            "nextRecovery": .string(nextRecovery),
            "reason": .string(reason.rawValue),
            "issued": .integer(issued),
        ]
        return Data(CanonicalJSON.string(.object(fields)).utf8)
    }

    /// Reads and checks a payload's form (not its signature, not its place in a chain).
    public init(parsing payload: some Collection<UInt8>) throws(RosterError) {
        guard payload.count <= Self.maximumPayloadBytes else {
            throw RosterError(
                .keyEventMalformed,
                "the payload has \(payload.count) bytes; at most \(Self.maximumPayloadBytes) are allowed")
        }
        let root: SyncValue
        do {
            root = try StrictJSONParser().parse(payload)
        } catch {
            throw RosterError(.keyEventMalformed, "the payload is not valid JSON: \(error)")
        }
        guard let fields = root.object else {
            throw RosterError(.keyEventMalformed, "the payload must be a JSON object")
        }
        func fail(_ message: String) -> RosterError { RosterError(.keyEventMalformed, message) }
        func author(_ name: String) throws(RosterError) -> AuthorID {
            guard let text = fields[name]?.string, let id = try? AuthorID(parsing: text), (try? id.publicKey) != nil
            else { throw fail("\"\(name)\" must be an author id (an Ed25519 public key)") }
            return id
        }
        guard fields["keyEvent"]?.integer == Self.format else { throw fail("\"keyEvent\" must be \(Self.format)") }
        guard let federation = fields["federation"]?.string, !federation.isEmpty, federation.utf8.count <= 100 else {
            throw fail("\"federation\" must be a name of 1 to 100 bytes")
        }
        guard let region = fields["region"]?.string, (2...5).contains(region.count),
            region.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) })
        else { throw fail("\"region\" must be a NUTS code such as AT12") }
        guard let seq = fields["seq"]?.integer, seq >= 1 else { throw fail("\"seq\" must be an integer of at least 1") }
        let previous: KeyEventID?
        switch fields["previous"] {
        case nil, .null?: previous = nil
        case .string(let text)?:
            guard let id = try? KeyEventID(parsing: text) else { throw fail("\"previous\" must be a key event id") }
            previous = id
        default: throw fail("\"previous\" must be a key event id or null")
        }
        if seq == 1, previous != nil { throw fail("the first event (seq 1) has no previous") }
        if seq > 1, previous == nil { throw fail("event \(seq) needs previous, the id of event \(seq - 1)") }
        guard let rosterVersion = fields["rosterVersion"]?.integer, rosterVersion >= 1 else {
            throw fail("\"rosterVersion\" must be a roster version number")
        }
        guard let last = fields["last"]?.integer, last >= 0 else {
            throw fail("\"last\" must be a seq (0: no change of the retiring key stays)")
        }
        let retiring = try author("retiring")
        let key = try author("key")
        guard key != retiring else { throw fail("\"key\" must differ from \"retiring\"") }
        let recoveryKey = try author("recoveryKey")
        guard recoveryKey != key, recoveryKey != retiring else {
            throw fail("the recovery key must not be a signing key")
        }
        guard let nextRecovery = fields["nextRecovery"]?.string, Hex.isCanonical(nextRecovery, digits: 64) else {
            throw fail("\"nextRecovery\" must be a SHA-256 in 64 lower-case hex digits")
        }
        guard let reasonText = fields["reason"]?.string, let reason = Reason(rawValue: reasonText) else {
            throw fail("\"reason\" must be one of \(Reason.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let issued = fields["issued"]?.integer, issued >= 0 else {
            throw fail("\"issued\" must be a time in ms since 1970")
        }
        self.init(
            federation: federation, region: region, seq: UInt64(seq), previous: previous,
            rosterVersion: UInt64(rosterVersion), retiring: retiring, last: UInt64(last), key: key,
            recoveryKey: recoveryKey, nextRecovery: nextRecovery, reason: reason, issued: issued)
    }
}
