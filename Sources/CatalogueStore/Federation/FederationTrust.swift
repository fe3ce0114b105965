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
    }

    /// The rules from configuration (trusted authors, schema, clock skew).
    package let configured: ChangeAcceptance
    package let ledger: FederationLedger
    private let current: Mutex<Current>

    package init(configured: ChangeAcceptance, genesis: RosterID?) {
        self.configured = configured
        ledger = FederationLedger(configuredGenesis: genesis, configuredAuthors: configured.roster)
        let empty = FederationState(genesis: genesis, versions: [], events: [])
        current = Mutex(Current(acceptance: Self.acceptance(configured, empty), state: empty))
    }

    package var acceptance: ChangeAcceptance { current.withLock { $0.acceptance } }
    package var state: FederationState { current.withLock { $0.state } }

    /// Takes `state` as the federation's; returns whether whom the node trusts changed.
    @discardableResult
    package func update(_ state: FederationState) -> Bool {
        let acceptance = Self.acceptance(configured, state)
        return current.withLock { current in
            let changed =
                current.acceptance.roster != acceptance.roster || current.acceptance.cutoffs != acceptance.cutoffs
            current = Current(acceptance: acceptance, state: state)
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
