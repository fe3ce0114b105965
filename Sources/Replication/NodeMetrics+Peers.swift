import CatalogueStore
import Prometheus

extension NodeMetrics {
    func record(_ status: PeerStatus, now: Int64) {
        let labels = [("peer", status.peer.name)]
        registry.makeGauge(
            descriptor: Self.name(
                "peer", "lag", "changes", "Changes the peer had that this node lacked at the last look"),
            labels: labels
        ).set(to: Double(status.changesBehind))
        if let success = status.lastSuccess {
            registry.makeGauge(
                descriptor: Self.name("peer", "last_success", "seconds", "Unix time of the last successful sync"),
                labels: labels
            ).set(to: Double(success) / 1000)
        }
        registry.makeGauge(
            descriptor: Self.name("peer", "consecutive", "failures", "Failed sync rounds in a row"), labels: labels
        ).set(to: Double(status.consecutiveFailures))
        registry.makeGauge(
            descriptor: Self.name(
                "peer", "digest", "mismatch", "1 when heads were equal at the last round but state digests were not"),
            labels: labels
        ).set(to: status.digestMismatch ? 1 : 0)
        registry.makeGauge(
            descriptor: Self.name("peer", "refused", "changes", "Changes refused at the last round with the peer"),
            labels: labels
        ).set(to: Double(status.refusedChanges))
    }
}
