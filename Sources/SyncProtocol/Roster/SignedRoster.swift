import Crypto
import Foundation

/// A roster version as it travels: the payload's exact bytes and the members' signatures over
/// them (`{"payload": "<base64>", "signatures": [{"key": "<author id>", "signature": "<base64>"}]}`).
/// Each signature is an Ed25519 signature of `SignatureContext.roster.message(for: payload)` by
/// one of a member's keys; signatures are added one by one as members approve.
public struct SignedRoster: Hashable, Sendable, Codable {
    public struct Signature: Hashable, Sendable, Codable {
        public var key: AuthorID
        /// 64 bytes.
        public var signature: Data

        public init(key: AuthorID, signature: Data) {
            self.key = key
            self.signature = signature
        }
    }

    /// The payload: UTF-8 JSON, exactly as signed.
    public var payload: Data
    public var signatures: [Signature]

    public init(payload: Data, signatures: [Signature] = []) {
        self.payload = payload
        self.signatures = signatures
    }

    /// A new version, signed by `keys` (each key adds its signature; more can be added later).
    public init(_ roster: Roster, signedBy keys: [NodeKey]) throws {
        self.init(payload: roster.payload)
        for key in keys { try sign(with: key) }
    }

    /// The id: SHA-256 of the payload bytes.
    public var id: RosterID { RosterID(payload: payload) }

    /// The roster the payload holds, checked for form (not for signatures).
    public func roster() throws(RosterError) -> Roster {
        try Roster(parsing: payload)
    }

    /// Adds `key`'s signature, replacing an earlier one by the same key.
    public mutating func sign(with key: NodeKey) throws {
        let signature = try key.signature(for: payload, context: .roster)
        signatures.removeAll { $0.key == key.authorID }
        signatures.append(Signature(key: key.authorID, signature: signature))
    }

    /// A copy with only the signatures that verify, one per key.
    public func keepingValidSignatures() -> SignedRoster {
        var seen: Set<AuthorID> = []
        var copy = self
        copy.signatures = signatures.filter { signature in
            guard signature.signature.count == 64, !seen.contains(signature.key),
                let publicKey = try? signature.key.publicKey,
                SignatureContext.roster.isValid(signature: signature.signature, of: payload, by: publicKey)
            else { return false }
            seen.insert(signature.key)
            return true
        }
        return copy
    }

    /// The regions of `roster`'s members with at least one valid signature here: a member counts
    /// once however many of its keys signed, a key no member of `roster` holds counts for
    /// nothing, and a signature that does not verify is ignored.
    /// `keys` adds the keys members rotated to by key events and stops counting retired ones
    /// after their last roster version (`version` is the number of the version being signed).
    public func signingRegions(of roster: Roster, version: UInt64? = nil, keys: SigningKeys = .listed) -> Set<String> {
        var regions: Set<String> = []
        let number = version ?? (try? self.roster().version) ?? 0
        for signature in signatures where signature.signature.count == 64 {
            guard let region = keys.region(of: signature.key, in: roster, signing: number),
                !regions.contains(region)
            else { continue }
            if !keys.signaturesVerified {
                guard let publicKey = try? signature.key.publicKey,
                    SignatureContext.roster.isValid(signature: signature.signature, of: payload, by: publicKey)
                else { continue }
            }
            regions.insert(region)
        }
        return regions
    }
}

extension SignatureContext {
    /// Roster versions: never valid as a change, a referral or anything else.
    public static let roster = SignatureContext(name: "sopro/roster/v1")
}
