/// An `application/problem+json` answer (RFC 9457) as a client reads it. The server writes
/// these members (`ProblemDetails` in NodeServer); a test checks that what it writes reads back
/// as this.
package struct Problem: Codable, Sendable, Hashable {
    package static let typePrefix = "urn:sopro:problem:"

    package var status: Int
    /// `urn:sopro:problem:<code>`.
    package var type: String
    package var title: String
    package var detail: String
    package var expectedSeq: UInt64?
    package var retryAfterSeconds: Int?
    package var results: [PushResult]?
    /// Every validation problem, one per element (invalid entries).
    package var issues: [String]?
    /// Each invalid field of a submitted form (an inquiry).
    package var fields: [FieldProblem]?

    /// The stable code: `type` without its prefix (`unauthorized`, `own-head-unconfirmed`).
    package var code: String {
        type.hasPrefix(Self.typePrefix) ? String(type.dropFirst(Self.typePrefix.count)) : type
    }
}

/// One invalid field of a submitted form, for programs (`code`) and people (`message`).
package struct FieldProblem: Codable, Sendable, Hashable {
    package var field: String
    package var code: String
    package var message: String

    package init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }
}
