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
        /// A version that changes a continuing member's recovery commitment.
        case recoveryChanged = "roster-recovery-changed"
        /// Not a key event payload.
        case keyEventMalformed = "key-event-malformed"
        /// A key event not signed by the recovery key the region committed to.
        case keyEventSignature = "key-event-signature"
        /// A key event that does not continue its region's chain (a gap, a wrong previous, a
        /// key the region does not hold, a region not in the roster).
        case keyEventChain = "key-event-chain"
        /// Two different valid key events with one seq for one region: neither is applied.
        case keyEventFork = "key-event-fork"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
