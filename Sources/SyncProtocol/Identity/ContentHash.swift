import Crypto
import Foundation

/// The SHA-256 of content named by its hash (pictures), as 64 lower-case hexadecimal digits.
public enum ContentHash {
    public static func sha256(_ bytes: some DataProtocol) -> String {
        Hex.encode(SHA256.hash(data: bytes))
    }
}
