import NodeAPI
import Synchronization

/// The roster documents each peer last sent and their tag, so that a round while nothing
/// changed costs a `304 Not Modified` and what the peer lacks is still known; and the documents
/// the peer refused since, which are not offered to it again until its documents change (a peer
/// that follows another genesis would otherwise be sent the same refused versions every round).
final class PeerFederationCache: Sendable {
    struct Seen: Sendable {
        var tag: String
        var documents: FederationDocumentsMessage
        var refused: Set<String> = []
    }

    private let entries = Mutex<[String: Seen]>([:])

    func seen(_ peer: String) -> Seen? {
        entries.withLock { $0[peer] }
    }

    func remember(_ peer: String, tag: String, documents: FederationDocumentsMessage) {
        entries.withLock { $0[peer] = Seen(tag: tag, documents: documents) }
    }

    /// After giving the peer documents: what it refused is not given again while its tag stays;
    /// when it took something, its tag changed and the next round asks anew.
    func gave(_ peer: String, refused: Set<String>, tookSomething: Bool) {
        entries.withLock { entries in
            if tookSomething {
                entries[peer] = nil
            } else {
                entries[peer]?.refused.formUnion(refused)
            }
        }
    }
}
