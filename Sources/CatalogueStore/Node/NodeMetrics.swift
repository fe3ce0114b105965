import Foundation
package import Prometheus
package import SyncProtocol

/// The node's Prometheus metrics: changes applied and refused (by reason), each peer's lag and
/// last success, HTTP requests and their latencies. Served as text at `GET /metrics`.
package final class NodeMetrics: Sendable {
    package let registry = PrometheusCollectorRegistry()
    private let applied: Counter
    private let duplicates: Counter

    package init() {
        applied = registry.makeCounter(
            descriptor: Self.name("changes", "applied", "total", "Changes accepted and applied"))
        duplicates = registry.makeCounter(
            descriptor: Self.name("changes", "duplicate", "total", "Changes received again"))
    }

    package static func name(
        _ subsystem: String, _ metric: String, _ unit: String, _ help: String
    ) -> MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "sopro", subsystem: subsystem, metricName: metric, unitName: unit, helpText: help)
    }

    package func record(_ results: [Replica.ReceiveResult]) {
        for result in results {
            switch result {
            case .accepted: applied.increment()
            case .duplicate: duplicates.increment()
            case .refused(let error):
                registry.makeCounter(
                    descriptor: Self.name("changes", "refused", "total", "Changes refused, by reason"),
                    labels: [("reason", error.code.rawValue)]
                ).increment()
            }
        }
    }

    /// Forks known, and whether the node may sign.
    package func record(forks: Int, ownHeadConfirmed: Bool?) {
        registry.makeGauge(descriptor: Self.name("forks", "known", "", "Forks with evidence held by this node"))
            .set(to: Double(forks))
        if let ownHeadConfirmed {
            registry.makeGauge(
                descriptor: Self.name(
                    "own_head", "confirmed", "", "1 once the node has confirmed its own latest change with its peers")
            )
            .set(to: ownHeadConfirmed ? 1 : 0)
        }
    }

    /// The metrics in Prometheus text format, as `GET /metrics` serves them.
    package var exposition: String { String(decoding: registry.emitToBuffer(), as: UTF8.self) }

    package func recordOpenConnections(_ count: Int) {
        registry.makeGauge(
            descriptor: Self.name("http", "open", "connections", "HTTP connections the server holds open")
        ).set(to: Double(count))
    }

    package func record(method: String, status: Int, seconds: Double) {
        registry.makeCounter(
            descriptor: Self.name("http", "requests", "total", "HTTP requests answered"),
            labels: [("method", method), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: Self.name("http", "request_duration", "seconds", "HTTP request latency"),
            labels: [("method", method)],
            buckets: [
                .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                .milliseconds(100), .milliseconds(250), .milliseconds(1000), .seconds(5),
            ]
        ).record(.nanoseconds(Int64(seconds * 1e9)))
    }
}

extension NodeMetrics {
    /// The federation's roster as held: version, members, proposals, forks, key events.
    package func record(federation state: FederationState) {
        func gauge(_ metric: String, _ help: String, _ value: Int) {
            registry.makeGauge(descriptor: Self.name("roster", metric, "", help)).set(to: Double(value))
        }
        gauge(
            "version", "The roster version in force (0: none, trust by configuration)", Int(state.current?.version ?? 0)
        )
        gauge("members", "Members of the roster version in force", state.current?.members.count ?? 0)
        gauge("proposals", "Roster versions held that collect approvals", state.proposals.count)
        gauge("forks", "Roster numbers with two validly signed versions", state.chain?.forks.count ?? 0)
        gauge(
            "key_events", "Key events in effect (rotations, revocations, fork resolutions)", state.appliedEvents.count)
        gauge("key_forks", "Regions with two valid key events at one seq", state.keyForks.count)
        gauge("retired_keys", "Keys retired with a cut-off", state.cutoffs.count)
    }

    /// Counts roster versions and key events as they take effect.
    package func recordFederationChange(
        versionBefore: UInt64?, after: UInt64?, eventsBefore: Int, after eventsAfter: Int
    ) {
        let versions = Int(after ?? 0) - Int(versionBefore ?? 0)
        if versions > 0 {
            registry.makeCounter(
                descriptor: Self.name("roster", "versions_accepted", "total", "Roster versions that took effect")
            ).increment(by: Int64(versions))
        }
        if eventsAfter > eventsBefore {
            registry.makeCounter(
                descriptor: Self.name("roster", "key_events_applied", "total", "Key events that took effect")
            ).increment(by: Int64(eventsAfter - eventsBefore))
        }
    }
}

extension NodeMetrics {
    /// Live-feed subscribers connected now.
    package func recordFeedSubscribers(_ count: Int) {
        registry.makeGauge(descriptor: Self.name("feed", "subscribers", "", "Live-feed subscribers connected"))
            .set(to: Double(count))
    }
}
