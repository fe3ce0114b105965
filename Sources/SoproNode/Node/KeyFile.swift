package import Foundation
package import SyncProtocol

/// A node's signing key on disk: the 32-byte seed, hex-encoded, readable by its owner only.
package enum KeyFile {
    /// Reads the key at `url`.
    package static func load(from url: URL) throws -> NodeKey {
        // Whitespace anywhere is ignored: a recovery key typed back from its printed groups reads.
        let text = try String(contentsOf: url, encoding: .utf8).filter { !$0.isWhitespace }
        guard let seed = Hex.decode(text), seed.count == 32 else {
            throw KeyFileError("\(url.path) is not a key file (64 hex digits)")
        }
        return try NodeKey(seed: seed)
    }

    /// Writes a new key to `url` with mode 0600; refuses to overwrite an existing file.
    package static func create(at url: URL) throws -> NodeKey {
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw KeyFileError("\(url.path) exists already; a key is never overwritten")
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let key = NodeKey()
        guard
            FileManager.default.createFile(
                atPath: url.path, contents: Data((Hex.encode(key.seed) + "\n").utf8),
                attributes: [.posixPermissions: 0o600])
        else {
            throw KeyFileError("cannot write the key file \(url.path)")
        }
        return key
    }

    static func loadOrCreate(at url: URL) throws -> NodeKey {
        FileManager.default.fileExists(atPath: url.path) ? try load(from: url) : try create(at: url)
    }
}
