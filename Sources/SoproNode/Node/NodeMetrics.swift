import Foundation
import Hummingbird
import Prometheus
import SyncProtocol

/// The node's Prometheus metrics: changes applied and refused (by reason), each peer's lag and
/// last success, HTTP requests and their latencies. Served as text at `GET /metrics`.
public final class NodeMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let applied: Counter
    private let duplicates: Counter

    public init() {
        applied = registry.makeCounter(
            descriptor: Self.name("changes", "applied", "total", "Changes accepted and applied"))
        duplicates = registry.makeCounter(
            descriptor: Self.name("changes", "duplicate", "total", "Changes received again"))
    }

    static func name(_ subsystem: String, _ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "sopro", subsystem: subsystem, metricName: metric, unitName: unit, helpText: help)
    }

    func record(_ results: [Replica.ReceiveResult]) {
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

    /// Forks known, and whether the node may sign.
    func record(forks: Int, ownHeadConfirmed: Bool?) {
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
    var exposition: String { String(decoding: registry.emitToBuffer(), as: UTF8.self) }

    func recordOpenConnections(_ count: Int) {
        registry.makeGauge(
            descriptor: Self.name("http", "open", "connections", "HTTP connections the server holds open")
        ).set(to: Double(count))
    }

    func record(method: String, status: Int, seconds: Double) {
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

/// Counts every request and its latency into `NodeMetrics`.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: NodeMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.record(
                method: request.method.rawValue, status: Int(response.status.code), seconds: Self.seconds(since: start))
            return response
        } catch let error as any HTTPResponseError {
            metrics.record(
                method: request.method.rawValue, status: Int(error.status.code), seconds: Self.seconds(since: start))
            throw error
        } catch {
            metrics.record(method: request.method.rawValue, status: 500, seconds: Self.seconds(since: start))
            throw error
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// `GET /metrics`: Prometheus text format.
struct MetricsResponse: ResponseGenerator {
    let metrics: NodeMetrics

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
            body: .init(byteBuffer: ByteBuffer(bytes: metrics.registry.emitToBuffer())))
    }
}
