import Foundation

/// One version of the federation's membership: who the partners are, the keys each signs with,
/// and how many of them must sign the next version. Versions form a chain from a genesis
/// (version 1); see `RosterChain` for the rules and `docs/protocol.md` for the format.
public struct Roster: Hashable, Sendable {
    /// The payload format this code reads and writes (`"roster": 1`).
    public static let format: Int64 = 1
    /// Members per version, at most (the payload stays far below a change's 64 KiB).
    public static let maximumMembers = 64
    /// Keys per member, at most (the current one and those still being rotated out).
    public static let maximumKeysPerMember = 4
    /// Payload bytes, at most (64 members with four keys each need about 25 KiB).
    public static let maximumPayloadBytes = 64 * 1024

    /// The federation's name, the same in every version (`sopro-pannonia`).
    public var federation: String
    /// 1 for the genesis, then each version one more than the one it follows.
    public var version: UInt64
    /// The id of the version this one follows; `nil` for the genesis.
    public var previous: RosterID?
    /// How many members of this version must sign the next one (and this one).
    public var threshold: Int
    public var members: [RosterMember]
    /// When the version was written, ms since 1970 (information for people; not an expiry).
    public var issued: Int64
    /// The keys of the previous version's members that this version no longer lists (a member
    /// left, or a key was replaced), each with the last seq of its log that stays valid: every
    /// node applies that key's changes up to `last` and refuses and drops the rest, so a departed
    /// member's history ends at the same change everywhere. Absent from the payload when empty.
    public var retired: [RetiredKey]

    public init(
        federation: String, version: UInt64, previous: RosterID?, threshold: Int, members: [RosterMember],
        issued: Int64, retired: [RetiredKey] = []
    ) {
        self.federation = federation
        self.version = version
        self.previous = previous
        self.threshold = threshold
        self.members = members
        self.issued = issued
        self.retired = retired
    }

    /// The member for `region`, if any.
    public func member(region: String) -> RosterMember? {
        members.first { $0.region == region }
    }

    /// The member that signs with `key`, if any.
    public func member(holding key: AuthorID) -> RosterMember? {
        members.first { $0.keys.contains(key) }
    }

    /// Who may publish, as change acceptance reads it: every key of every member.
    public var authorRoster: AuthorRoster {
        AuthorRoster(
            members.flatMap { member in
                member.keys.map { TrustedAuthor(id: $0, region: member.region, name: member.name) }
            })
    }

    /// The payload in canonical JSON (keys sorted, no spaces), as a new version is signed.
    public var payload: Data {
        var fields: [String: SyncValue] = [
            "roster": .integer(Self.format),
            "federation": .string(federation),
            "version": .integer(Int64(version)),
            "previous": previous.map { .string($0.rawValue) } ?? .null,
            "threshold": .integer(Int64(threshold)),
            "issued": .integer(issued),
        ]
        fields["members"] = .array(
            members.map { member in
                var object: [String: SyncValue] = [
                    "region": .string(member.region),
                    "name": .string(member.name),
                    "keys": .array(member.keys.map { .string($0.rawValue) }),
                    "recovery": .string(member.recovery),
                ]
                if let url = member.url { object["url"] = .string(url) }
                return .object(object)
            })
        if !retired.isEmpty {
            fields["retired"] = .array(
                retired.map { .object(["key": .string($0.key.rawValue), "last": .integer(Int64($0.last))]) })
        }
        return Data(CanonicalJSON.string(.object(fields)).utf8)
    }

    /// Reads and checks a payload: its form, and that members, regions and keys are each named
    /// once and the threshold is one a majority rule can meet (1 … members).
    public init(parsing payload: some Collection<UInt8>) throws(RosterError) {
        guard payload.count <= Self.maximumPayloadBytes else {
            throw RosterError(
                .malformed, "the payload has \(payload.count) bytes; at most \(Self.maximumPayloadBytes) are allowed")
        }
        let root: SyncValue
        do {
            root = try StrictJSONParser().parse(payload)
        } catch {
            throw RosterError(.malformed, "the payload is not valid JSON: \(error)")
        }
        guard let fields = root.object else { throw RosterError(.malformed, "the payload must be a JSON object") }
        guard fields["roster"]?.integer == Self.format else {
            throw RosterError(.malformed, "\"roster\" must be \(Self.format)")
        }
        guard let federation = fields["federation"]?.string, !federation.isEmpty, federation.utf8.count <= 100 else {
            throw RosterError(.malformed, "\"federation\" must be a name of 1 to 100 bytes")
        }
        guard let version = fields["version"]?.integer, version >= 1 else {
            throw RosterError(.malformed, "\"version\" must be an integer of at least 1")
        }
        let previous: RosterID?
        switch fields["previous"] {
        case nil, .null?: previous = nil
        case .string(let text)?:
            do {
                previous = try RosterID(parsing: text)
            } catch {
                throw RosterError(.malformed, "\"previous\": \(error.message)")
            }
        default: throw RosterError(.malformed, "\"previous\" must be a roster id or null")
        }
        if version == 1, previous != nil { throw RosterError(.malformed, "the genesis (version 1) has no previous") }
        if version > 1, previous == nil {
            throw RosterError(.malformed, "version \(version) needs previous, the id of version \(version - 1)")
        }
        guard let issued = fields["issued"]?.integer, issued >= 0 else {
            throw RosterError(.malformed, "\"issued\" must be a time in ms since 1970")
        }
        guard let list = fields["members"]?.array, !list.isEmpty, list.count <= Self.maximumMembers else {
            throw RosterError(.malformed, "\"members\" must list 1 to \(Self.maximumMembers) members")
        }
        var members: [RosterMember] = []
        var regions: Set<String> = []
        var keys: Set<AuthorID> = []
        for (index, value) in list.enumerated() {
            let member = try Self.member(value, at: index)
            guard regions.insert(member.region).inserted else {
                throw RosterError(.malformed, "members[\(index)]: region \(member.region) is listed twice")
            }
            for key in member.keys where !keys.insert(key).inserted {
                throw RosterError(.malformed, "members[\(index)]: key \(key.rawValue.prefix(12))… is listed twice")
            }
            members.append(member)
        }
        guard let threshold = fields["threshold"]?.integer, threshold >= 1, threshold <= Int64(members.count) else {
            throw RosterError(.malformed, "\"threshold\" must be from 1 to the number of members (\(members.count))")
        }
        var retired: [RetiredKey] = []
        switch fields["retired"] {
        case nil: break
        case .array(let list)? where list.count <= Self.maximumMembers * Self.maximumKeysPerMember:
            for (index, value) in list.enumerated() {
                guard let object = value.object, let text = object["key"]?.string,
                    let key = try? AuthorID(parsing: text), let last = object["last"]?.integer, last >= 0
                else {
                    throw RosterError(
                        .malformed, "retired[\(index)] must be {\"key\": author id, \"last\": seq (0 for none)}")
                }
                guard !keys.contains(key), !retired.contains(where: { $0.key == key }) else {
                    throw RosterError(
                        .malformed,
                        "retired[\(index)]: key \(key.rawValue.prefix(12))… is listed twice or still a member's")
                }
                retired.append(RetiredKey(key: key, last: UInt64(last)))
            }
        default:
            throw RosterError(
                .malformed,
                "\"retired\" must be a list of at most \(Self.maximumMembers * Self.maximumKeysPerMember) retired keys")
        }
        self.init(
            federation: federation, version: UInt64(version), previous: previous, threshold: Int(threshold),
            members: members, issued: issued, retired: retired)
    }

    private static func member(_ value: SyncValue, at index: Int) throws(RosterError) -> RosterMember {
        let path = "members[\(index)]"
        guard let fields = value.object else { throw RosterError(.malformed, "\(path) must be an object") }
        guard let region = fields["region"]?.string, (2...5).contains(region.count),
            region.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) })
        else { throw RosterError(.malformed, "\(path).region must be a NUTS code such as AT12") }
        guard let name = fields["name"]?.string, !name.isEmpty, name.utf8.count <= 200 else {
            throw RosterError(.malformed, "\(path).name must be a name of 1 to 200 bytes")
        }
        var url: String?
        switch fields["url"] {
        case nil, .null?: url = nil
        case .string(let text)? where text.hasPrefix("https://") || text.hasPrefix("http://"):
            url = text
        default: throw RosterError(.malformed, "\(path).url must be an http(s) address")
        }
        guard let keyList = fields["keys"]?.array, !keyList.isEmpty, keyList.count <= maximumKeysPerMember else {
            throw RosterError(.malformed, "\(path).keys must list 1 to \(maximumKeysPerMember) author ids")
        }
        var keys: [AuthorID] = []
        for (keyIndex, key) in keyList.enumerated() {
            guard let text = key.string, let id = try? AuthorID(parsing: text), (try? id.publicKey) != nil else {
                throw RosterError(.malformed, "\(path).keys[\(keyIndex)] is not an author id (an Ed25519 public key)")
            }
            keys.append(id)
        }
        guard let recovery = fields["recovery"]?.string, Hex.isCanonical(recovery, digits: 64) else {
            throw RosterError(.malformed, "\(path).recovery must be a SHA-256 in 64 lower-case hex digits")
        }
        return RosterMember(region: region, name: name, url: url, keys: keys, recovery: recovery)
    }
}
