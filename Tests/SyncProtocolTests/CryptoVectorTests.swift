import Crypto
import Foundation
import SyncProtocol
import Testing

/// RFC 8032 §7.1 test vectors: the signing library must produce exactly these signatures.
@Suite struct CryptoVectorTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var secret: String
        var publicKey: String
        var message: String
        var signature: String
        var testDescription: String { name }
    }

    static let vectors = [
        Vector(
            name: "TEST 1", secret: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", message: "",
            signature:
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        ),
        Vector(
            name: "TEST 2", secret: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", message: "72",
            signature:
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
        ),
        Vector(
            name: "TEST 3", secret: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            publicKey: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", message: "af82",
            signature:
                "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
        ),
    ]

    @Test(arguments: vectors)
    func signsAndVerifiesLikeRFC8032(_ vector: Vector) throws {
        let key = try NodeKey(seed: try #require(Hex.decode(vector.secret)))
        #expect(key.authorID.rawValue == vector.publicKey)
        let message = try #require(Hex.decode(vector.message))
        let privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: try #require(Hex.decode(vector.secret)))
        // Ed25519 is deterministic: the library must reproduce the published signature.
        #expect(Hex.encode(try privateKey.signature(for: message)) == vector.signature)
        let publicKey = try key.authorID.publicKey
        #expect(publicKey.isValidSignature(try #require(Hex.decode(vector.signature)), for: message))
        var tampered = try #require(Hex.decode(vector.signature))
        tampered[0] ^= 1
        #expect(!publicKey.isValidSignature(tampered, for: message))
    }

    @Test func contextSeparatesSignatures() throws {
        let key = NodeKey()
        let payload = Data("{}".utf8)
        let signature = try key.signature(for: payload, context: .change)
        let publicKey = try key.authorID.publicKey
        #expect(SignatureContext.change.isValid(signature: signature, of: payload, by: publicKey))
        #expect(!SignatureContext(name: "sopro/referral/v1").isValid(signature: signature, of: payload, by: publicKey))
        #expect(!publicKey.isValidSignature(signature, for: payload), "a bare signature over the payload must differ")
        #expect(SignatureContext.change.message(for: payload) == Data("sopro/change/v1\u{0}{}".utf8))
    }
}
