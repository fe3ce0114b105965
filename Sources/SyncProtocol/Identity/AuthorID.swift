import Crypto
import Foundation

/// A node's identity: its Ed25519 public key as 64 lower-case hex digits.
///
/// Hex is long but unambiguous in every language and in URLs; ids compare (for clock ties)
/// as strings, which for fixed-length lower-case hex is the same as comparing the key bytes.
public struct AuthorID: SyncIdentifier, Comparable {
    public let rawValue: String

    /// Reads an author id in its only form on the wire: 64 lower-case hex digits. Upper case is
    /// refused, not normalised: a node that accepted it would relay bytes a strict node refuses,
    /// and the author's log would stall there.
    public init(parsing text: String) throws(SyncError) {
        guard Hex.isCanonical(text, digits: 64) else {
            throw SyncError.malformed(
                "\(text.prefix(80).debugDescription) is not an author id (64 lower-case hex digits)")
        }
        rawValue = text
    }

    /// Reads an author id typed by a person (a command's argument, the configuration file):
    /// upper-case hex digits are taken as the lower-case ones.
    public init(normalizing text: String) throws(SyncError) {
        try self.init(parsing: text.lowercased())
    }

    public init(publicKey: Curve25519.Signing.PublicKey) {
        rawValue = Hex.encode(publicKey.rawRepresentation)
    }

    /// The Ed25519 public key the id names.
    public var publicKey: Curve25519.Signing.PublicKey {
        get throws(SyncError) {
            guard let bytes = Hex.decode(rawValue),
                let key = try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)
            else {
                throw SyncError.malformed("\(rawValue) is not an Ed25519 public key")
            }
            return key
        }
    }

    /// The first 12 hex digits, enough to tell authors apart in logs and tables.
    public var short: String { String(rawValue.prefix(12)) }

    public static func < (lhs: AuthorID, rhs: AuthorID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Lower-case hexadecimal, as used for author ids, change ids and digests.
public enum Hex {
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    public static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count / 2)
        var index = 0
        while index < characters.count {
            guard let high = value(of: characters[index]), let low = value(of: characters[index + 1]) else {
                return nil
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    /// Exactly `digits` lower-case hex digits: the only spelling of ids on the wire.
    static func isCanonical(_ text: String, digits: Int) -> Bool {
        text.utf8.count == digits && text.utf8.allSatisfy(isLowerDigit)
    }

    static func isLowerDigit(_ character: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(character)
            || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(character)
    }

    static func value(of character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
