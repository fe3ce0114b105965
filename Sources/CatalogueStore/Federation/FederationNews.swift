package import Logging
package import SyncProtocol

/// What changed between two readings of the federation, as log lines: a roster version in force,
/// a proposal, a roster fork, a key event in effect, a key fork. Every node logs these when an
/// offer (a sync round, a push, the CLI) changes its federation state.
package enum FederationNews {
    package static func log(from before: FederationState, to after: FederationState, logger: Logger) {
        if after.current?.version != before.current?.version {
            logger.notice(
                "federation roster version \(after.current?.version ?? 0) in force",
                metadata: [
                    "roster.version": "\(after.current?.version ?? 0)",
                    "roster.members": "\(after.current?.members.map(\.region).joined(separator: ",") ?? "")",
                    "roster.threshold": "\(after.current?.threshold ?? 0)",
                ])
        }
        let known = Set(before.proposals.map(\.signed.id))
        for proposal in after.proposals where !known.contains(proposal.signed.id) {
            logger.notice(
                "roster proposal for version \(proposal.roster.version) held",
                metadata: [
                    "roster.proposal": "\(proposal.signed.id.rawValue.prefix(12))",
                    "roster.approvals": "\(proposal.approvedBy.count)/\(proposal.needed)",
                ])
        }
        let forks = Set(after.chain?.forks.keys.map { $0 } ?? []).subtracting(before.chain?.forks.keys.map { $0 } ?? [])
        for version in forks.sorted() {
            logger.error(
                "roster fork: two validly signed versions \(version); neither is accepted",
                metadata: ["roster.fork": "\(version)"])
        }
        for applied in after.appliedEvents where !before.appliedEvents.contains(applied) {
            logger.notice(
                "key event in effect: \(applied.event.reason.rawValue) of \(applied.event.region)",
                metadata: [
                    "key.region": "\(applied.event.region)", "key.seq": "\(applied.event.seq)",
                    "key.retiring": "\(applied.event.retiring.short)", "key.last": "\(applied.event.last)",
                    "key.new": "\(applied.event.key.short)",
                ])
        }
        for fork in after.keyForks where !before.keyForks.contains(fork) {
            logger.error(
                "key fork: two valid key events of \(fork.region) at \(fork.seq); neither is applied",
                metadata: ["key.region": "\(fork.region)", "key.seq": "\(fork.seq)"])
        }
    }
}
