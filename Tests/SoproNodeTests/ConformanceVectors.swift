import Foundation
import SoproNode
import SyncProtocol

/// The conformance vectors of `docs/conformance/vectors.json`: their format, and how they are
/// made. `ConformanceVectorTests` runs the committed file against the node; running the tests
/// with `SOPRO_WRITE_VECTORS=1` writes the file anew from `ConformanceVectors.make()`.
struct ConformanceVectors: Codable {
    struct Key: Codable {
        var name: String
        var seed: String
        var author: String
    }

    struct Change: Codable {
        var payload: String
        var signature: String

        init(_ signed: SignedChange) {
            payload = signed.payload.base64EncodedString()
            signature = signed.signature.base64EncodedString()
        }

        init(payload: Data, signature: Data) {
            self.payload = payload.base64EncodedString()
            self.signature = signature.base64EncodedString()
        }

        var signed: SignedChange? {
            guard let payload = Data(base64Encoded: payload), let signature = Data(base64Encoded: signature) else {
                return nil
            }
            return SignedChange(payload: payload, signature: signature)
        }
    }

    /// What the receiver answers for one change: `accepted`, `duplicate`, or a refusal code with
    /// the HTTP status a push of that change alone answers.
    struct Result: Codable, Equatable {
        var status: String
        var code: String?
        var http: Int?
    }

    struct Fork: Codable, Equatable {
        var author: String
        var seq: UInt64
    }

    struct Step: Codable {
        /// The receiver's wall clock, ms since 1970.
        var now: Int64
        /// Changes received in one batch (a push), or fork evidence given (`evidence`).
        var receive: [Change]?
        var evidence: [Change]?
        var results: [Result]?
        /// After the step: the state digest and the forks known (author, seq).
        var digest: String
        var forks: [Fork]
    }

    struct Case: Codable {
        var name: String
        var about: String
        /// The names of the keys the receiver trusts.
        var roster: [String]
        var steps: [Step]
    }

    var format = "sopro-conformance/1"
    var note =
        "Receivers use the catalogue's field schema (docs/protocol.md, The catalogue's fields); each case starts from an empty store. See docs/conformance/README.md."
    var keys: [Key]
    var cases: [Case]

    static var fileURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/conformance/vectors.json")
    }
}
