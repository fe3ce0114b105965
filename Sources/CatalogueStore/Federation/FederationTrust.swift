package import SyncProtocol
import Synchronization

/// Whom the node trusts right now: its configured rules, and — once it follows a federation
/// roster — the roster's members and the cut-offs of retired keys. Read by every receive and
/// publish (`CatalogueNode.acceptance`); replaced as a whole when a roster version or key event
/// takes effect.
package final class FederationTrust: Sendable {
    private struct Current: Sendable {
        var acceptance: ChangeAcceptance
        var state: FederationState
        /// The store write the state came from (see `nextGeneration()`).
        var generation: UInt64 = 0
    }

    /// The rules from configuration (trusted authors, schema, clock skew).
    package let configured: ChangeAcceptance
    package let ledger: FederationLedger
    private let current: Mutex<Current>
    private let generations = Mutex<UInt64>(0)

    package init(configured: ChangeAcceptance, genesis: RosterID?) {
        self.configured = configured
        ledger = FederationLedger(configuredGenesis: genesis, configuredAuthors: configured.roster)
        let empty = FederationState(genesis: genesis, versions: [], events: [])
        current = Mutex(Current(acceptance: Self.acceptance(configured, empty), state: empty))
    }

    package var acceptance: ChangeAcceptance { current.withLock { $0.acceptance } }
    package var state: FederationState { current.withLock { $0.state } }

    /// A number for a federation write, taken inside the store's write transaction (writes are
    /// serialized, so the numbers follow the order the writes commit in).
    package func nextGeneration() -> UInt64 {
        generations.withLock { value in
            value += 1
            return value
        }
    }

    /// Takes `state`, computed by the write numbered `generation`, as the federation's — unless a
    /// later write's state is already in force (two offers at once: the older result must not
    /// land last). Returns whether whom the node trusts changed.
    @discardableResult
    package func update(_ state: FederationState, generation: UInt64) -> Bool {
        let acceptance = Self.acceptance(configured, state)
        return current.withLock { current in
            guard generation > current.generation else { return false }
            let changed =
                current.acceptance.roster != acceptance.roster || current.acceptance.cutoffs != acceptance.cutoffs
            current = Current(acceptance: acceptance, state: state, generation: generation)
            return changed
        }
    }

    /// Configuration's rules while no roster is in force; the roster's members and cut-offs once
    /// one is (configured `trustedAuthors` then no longer count).
    private static func acceptance(_ configured: ChangeAcceptance, _ state: FederationState) -> ChangeAcceptance {
        guard state.chain != nil else { return configured }
        var acceptance = configured
        acceptance.roster = state.authorRoster
        acceptance.cutoffs = state.cutoffs
        return acceptance
    }
}
