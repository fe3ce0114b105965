import Crypto
import Foundation
import _CryptoExtras

/// A password as the node keeps it: scrypt (memory-hard: each guess costs `128 · r · N` bytes
/// of memory as well as time, so an attacker with a copy of the store cannot try passwords on
/// thousands of GPU cores at once) with a random salt, in the PHC string format
/// `$scrypt$ln=15,r=8,p=3$<salt>$<hash>` (base64 without padding), so the cost travels with
/// each hash and can be raised later without invalidating old ones.
///
/// scrypt rather than Argon2id: Argon2 is in no library of the field here (swift-crypto has
/// scrypt and PBKDF2 in `_CryptoExtras`, BoringSSL underneath; libsodium or libargon2 would mean
/// a C library at run time and hand-written bindings). The default cost is one of the
/// equivalent settings OWASP's Password Storage Cheat Sheet lists for scrypt (N = 2^15, r = 8,
/// p = 3: 32 MiB). Measured on this 2-core machine: 0.32 s with OpenSSL's scrypt (Python's
/// hashlib, same parameters), 1.5 s in a debug build of this module (BoringSSL unoptimised).
package struct PasswordHash: Sendable, Hashable, CustomStringConvertible {
    /// scrypt's cost: `log2(N)`, `r` (block size) and `p` (parallelism).
    package struct Cost: Sendable, Hashable {
        package var logRounds: Int
        package var blockSize: Int
        package var parallelism: Int

        package init(logRounds: Int, blockSize: Int, parallelism: Int) {
            self.logRounds = logRounds
            self.blockSize = blockSize
            self.parallelism = parallelism
        }

        /// OWASP's N = 2^15, r = 8, p = 3.
        package static let standard = Cost(logRounds: 15, blockSize: 8, parallelism: 3)

        /// Whether scrypt can run with these numbers here: N from 2^10 to 2^20, r from 1 to 32, p
        /// from 1 to 16 (a stored hash outside them is refused rather than run for minutes).
        var isSupported: Bool {
            (10...20).contains(logRounds) && (1...32).contains(blockSize) && (1...16).contains(parallelism)
        }
    }

    package let cost: Cost
    let salt: [UInt8]
    let hash: [UInt8]

    /// The hash of `password` with a new random salt.
    package static func make(_ password: String, cost: Cost = .standard) throws -> PasswordHash {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return PasswordHash(cost: cost, salt: salt, hash: try derive(password, salt: salt, cost: cost))
    }

    /// A hash no password verifies against (random bytes where the hash goes), made without
    /// running scrypt: verifying against it costs what verifying against a real one of `cost`
    /// does, for sign-ins with an unknown address.
    package static func decoy(cost: Cost) -> PasswordHash {
        var generator = SystemRandomNumberGenerator()
        func random(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) } }
        return PasswordHash(cost: cost, salt: random(16), hash: random(32))
    }

    private init(cost: Cost, salt: [UInt8], hash: [UInt8]) {
        self.cost = cost
        self.salt = salt
        self.hash = hash
    }

    /// Reads a stored PHC string; `nil` when it is not one this node writes.
    package init?(parsing text: String) {
        let parts = text.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].isEmpty, parts[1] == "scrypt" else { return nil }
        var values: [String: Int] = [:]
        for pair in parts[2].split(separator: ",") {
            let item = pair.split(separator: "=", maxSplits: 1)
            guard item.count == 2, let value = Int(item[1]) else { return nil }
            values[String(item[0])] = value
        }
        guard let logRounds = values["ln"], let blockSize = values["r"], let parallelism = values["p"],
            values.count == 3
        else { return nil }
        let cost = Cost(logRounds: logRounds, blockSize: blockSize, parallelism: parallelism)
        guard cost.isSupported, let salt = Self.decode(parts[3]), salt.count >= 16,
            let hash = Self.decode(parts[4]), hash.count == 32
        else { return nil }
        self.init(cost: cost, salt: salt, hash: hash)
    }

    package var description: String {
        "$scrypt$ln=\(cost.logRounds),r=\(cost.blockSize),p=\(cost.parallelism)$\(Self.encode(salt))$\(Self.encode(hash))"
    }

    /// Whether `password` is the one hashed, compared in constant time.
    package func verifies(_ password: String) -> Bool {
        guard let candidate = try? Self.derive(password, salt: salt, cost: cost), candidate.count == hash.count else {
            return false
        }
        return zip(candidate, hash).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func derive(_ password: String, salt: [UInt8], cost: Cost) throws -> [UInt8] {
        guard cost.isSupported else { throw AccountError.unsupportedCost }
        // swift-crypto 3.12 traps on an empty password (it force-unwraps the bytes' address);
        // no password this node sets is empty, so none verifies.
        guard !password.isEmpty, !salt.isEmpty else { throw AccountError.shortPassword(1) }
        let key = try KDF.Scrypt.deriveKey(
            from: Array(password.utf8), salt: salt, outputByteCount: 32, rounds: 1 << cost.logRounds,
            blockSize: cost.blockSize, parallelism: cost.parallelism)
        return key.withUnsafeBytes { Array($0) }
    }

    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: Substring) -> [UInt8]? {
        guard text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "/" }) else { return nil }
        let padded = String(text) + String(repeating: "=", count: (4 - text.count % 4) % 4)
        return Data(base64Encoded: padded).map(Array.init)
    }
}
