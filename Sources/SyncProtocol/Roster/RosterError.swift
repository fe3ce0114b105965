/// Why a roster version was not accepted, with a stable code for programs and a sentence for
/// people.
public struct RosterError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Stable codes, as `docs/protocol.md` lists them.
    public enum Code: String, Sendable {
        /// Not a roster payload: not JSON, a member missing, a key twice.
        case malformed = "roster-malformed"
        /// Another federation's roster.
        case otherFederation = "roster-other-federation"
        /// A genesis other than the one this node was configured with.
        case wrongGenesis = "roster-wrong-genesis"
        /// A version older than the current one that is not the one accepted at its number.
        case rollback = "roster-rollback"
        /// A version that skips one: the versions between are needed first.
        case gap = "roster-gap"
        /// A version whose `previous` is not the id of the version before it.
        case wrongPrevious = "roster-wrong-previous"
        /// Too few valid signatures of the previous version's members, or of its own.
        case notEnoughSignatures = "roster-signatures"
        /// Two different versions with one number, each validly signed: neither is accepted.
        case fork = "roster-fork"
    }

    public let code: Code
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
