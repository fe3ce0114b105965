import Crypto
import Foundation

/// A key event as it travels: the payload's exact bytes and the recovery key's signature over
/// them (`{"payload": "<base64>", "signature": "<base64>"}`), an Ed25519 signature of
/// `SignatureContext.keyEvent.message(for: payload)` by the key the payload names as
/// `recoveryKey`.
public struct SignedKeyEvent: Hashable, Sendable, Codable {
    public var payload: Data
    /// 64 bytes.
    public var signature: Data

    public init(payload: Data, signature: Data) {
        self.payload = payload
        self.signature = signature
    }

    /// Signs `event` with `recovery`, the recovery key the event names.
    public init(_ event: KeyEvent, recovery: NodeKey) throws {
        precondition(event.recoveryKey == recovery.authorID, "the event names another recovery key")
        let payload = event.payload
        self.init(payload: payload, signature: try recovery.signature(for: payload, context: .keyEvent))
    }

    public var id: KeyEventID { KeyEventID(payload: payload) }

    /// The event, read and its signature checked against the recovery key it names. Whether
    /// that key is the one the region committed to is the chain's business (`FederationState`).
    public func verified() throws(RosterError) -> KeyEvent {
        let event = try KeyEvent(parsing: payload)
        guard signature.count == 64, let publicKey = try? event.recoveryKey.publicKey,
            SignatureContext.keyEvent.isValid(signature: signature, of: payload, by: publicKey)
        else { throw RosterError(.keyEventSignature, "the signature is not the named recovery key's") }
        return event
    }
}

extension SignatureContext {
    /// Key events: never valid as a change, a roster version or anything else.
    public static let keyEvent = SignatureContext(name: "sopro/key-event/v1")
}
