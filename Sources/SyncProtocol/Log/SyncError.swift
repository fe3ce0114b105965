/// Why a change (or other sync input) was refused, in plain words, naming the change.
///
/// `code` is stable and machine-readable (the HTTP layer maps it to a status); `description`
/// is for people. Retryable refusals (`clock-ahead`, `seq-gap`) may succeed later unchanged.
public struct SyncError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Stable identifiers of refusal reasons, as they appear on the wire.
    public enum Code: String, Hashable, Sendable, CaseIterable, Codable {
        case malformed
        case tooLarge = "too-large"
        case badSignature = "bad-signature"
        case unknownAuthor = "unknown-author"
        case keyRetired = "key-retired"
        case unsupportedVersion = "unsupported-version"
        case seqGap = "seq-gap"
        case wrongPrevious = "wrong-prev"
        case clockAhead = "clock-ahead"
        case clockNotAdvancing = "clock-not-advancing"
        case fork
        case invalidOperation = "invalid-operation"
    }

    private enum Reason: Hashable, Sendable {
        case malformed(String)
        case tooLarge(String)
        case badSignature
        case unknownAuthor(AuthorID)
        case keyRetired(AuthorID, last: UInt64)
        case unsupportedVersion(Int)
        case seqGap(expected: UInt64, got: UInt64)
        case wrongPrevious(expected: ChangeID?)
        case clockAhead(by: Int64, limit: Int64)
        case clockNotAdvancing(previous: HLCTimestamp)
        case fork(existing: ChangeID)
        case invalidOperation(index: Int, String)
        case refusedByPeer(code: Code, detail: String, expectedSeq: UInt64?)
    }

    private let reason: Reason
    /// The change refused, when the refusal is about one.
    public private(set) var change: ChangeReference?

    private init(_ reason: Reason, change: ChangeReference? = nil) {
        self.reason = reason
        self.change = change
    }

    public static func malformed(_ detail: String) -> SyncError { SyncError(.malformed(detail)) }
    public static func tooLarge(_ detail: String) -> SyncError { SyncError(.tooLarge(detail)) }
    public static let badSignature = SyncError(.badSignature)
    public static func unknownAuthor(_ author: AuthorID) -> SyncError { SyncError(.unknownAuthor(author)) }
    public static func keyRetired(_ author: AuthorID, last: UInt64) -> SyncError {
        SyncError(.keyRetired(author, last: last))
    }
    public static func unsupportedVersion(_ version: Int) -> SyncError { SyncError(.unsupportedVersion(version)) }
    public static func seqGap(expected: UInt64, got: UInt64) -> SyncError {
        SyncError(.seqGap(expected: expected, got: got))
    }
    public static func wrongPrevious(expected: ChangeID?) -> SyncError { SyncError(.wrongPrevious(expected: expected)) }
    public static func clockAhead(by milliseconds: Int64, limit: Int64) -> SyncError {
        SyncError(.clockAhead(by: milliseconds, limit: limit))
    }
    public static func clockNotAdvancing(previous: HLCTimestamp) -> SyncError {
        SyncError(.clockNotAdvancing(previous: previous))
    }
    public static func fork(existing: ChangeID) -> SyncError { SyncError(.fork(existing: existing)) }
    public static func invalidOperation(index: Int, _ detail: String) -> SyncError {
        SyncError(.invalidOperation(index: index, detail))
    }

    /// A peer's refusal of a change this node pushed, as the peer reported it (its `detail`
    /// shortened: it comes from outside).
    public static func refusedByPeer(code: Code, detail: String, expectedSeq: UInt64? = nil) -> SyncError {
        SyncError(.refusedByPeer(code: code, detail: String(detail.prefix(300)), expectedSeq: expectedSeq))
    }

    /// The same refusal, naming `change`.
    public func about(_ change: ChangeReference) -> SyncError {
        var error = self
        error.change = change
        return error
    }

    public var code: Code {
        switch reason {
        case .malformed: .malformed
        case .tooLarge: .tooLarge
        case .badSignature: .badSignature
        case .unknownAuthor: .unknownAuthor
        case .keyRetired: .keyRetired
        case .unsupportedVersion: .unsupportedVersion
        case .seqGap: .seqGap
        case .wrongPrevious: .wrongPrevious
        case .clockAhead: .clockAhead
        case .clockNotAdvancing: .clockNotAdvancing
        case .fork: .fork
        case .invalidOperation: .invalidOperation
        case .refusedByPeer(let code, _, _): code
        }
    }

    /// Whether the same change may be accepted later (after the gap fills or clocks agree).
    public var isRetryable: Bool {
        switch reason {
        case .seqGap, .clockAhead: true
        case .refusedByPeer(let code, _, _): code == .seqGap || code == .clockAhead
        default: false
        }
    }

    /// For a sequence gap: the seq the receiver needs next from this author.
    public var expectedSeq: UInt64? {
        switch reason {
        case .seqGap(let expected, _): expected
        case .refusedByPeer(_, _, let expected): expected
        default: nil
        }
    }

    /// For a clock ahead of ours: how long to wait before retrying, in milliseconds.
    public var retryAfterMilliseconds: Int64? {
        if case .clockAhead(let ahead, let limit) = reason { ahead - limit } else { nil }
    }

    /// The reason in plain words, without naming the change.
    public var message: String {
        switch reason {
        case .malformed(let detail): "malformed: \(detail)"
        case .tooLarge(let detail): "too large: \(detail)"
        case .badSignature: "the signature does not verify for the payload and its author"
        case .unknownAuthor(let author): "author \(author.short)… is not trusted by this node"
        case .keyRetired(let author, let last):
            "key \(author.short)… is retired by the federation: its changes after seq \(last) are refused"
        case .unsupportedVersion(let version):
            "protocol version \(version) is not supported (this node speaks \(SyncProtocolVersion.current))"
        case .seqGap(let expected, let got): "seq \(got) does not follow the author's head; expected seq \(expected)"
        case .wrongPrevious(let expected):
            "prev does not name the author's previous change (expected \(expected?.rawValue ?? "none"))"
        case .clockAhead(let ahead, let limit):
            "the change is stamped \(ahead / 1000) s ahead of this node's clock (at most \(limit / 1000) s allowed); retry later or fix the clock"
        case .clockNotAdvancing(let previous):
            "the clock does not advance past the author's previous change (\(previous))"
        case .fork(let existing):
            "fork: another change with the same author and seq is already stored (\(existing.rawValue)); both are kept as fork evidence and the author's log is applied only up to the seq before the fork"
        case .invalidOperation(let index, let detail): "operation \(index): \(detail)"
        case .refusedByPeer(let code, let detail, _): "the peer refused it (\(code.rawValue)): \(detail)"
        }
    }

    public var description: String {
        if let change { "change \(change): \(message)" } else { message }
    }
}

/// Names a change in messages: author, seq and id.
public struct ChangeReference: Hashable, Sendable, Codable, CustomStringConvertible {
    public var author: AuthorID
    public var seq: UInt64
    public var id: ChangeID

    public init(author: AuthorID, seq: UInt64, id: ChangeID) {
        self.author = author
        self.seq = seq
        self.id = id
    }

    public var description: String { "\(author.short)…#\(seq) (\(id.rawValue.prefix(12))…)" }
}
