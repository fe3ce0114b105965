import CatalogueStore
import Hummingbird

/// Counts every request and its latency into `NodeMetrics`.
///
/// Not Hummingbird's `MetricsMiddleware`: that one records through swift-metrics, whose backend
/// is bootstrapped once per process, so the demo's six nodes (and the tests' many) in one
/// process would all count into one registry and each `/metrics` would show the others'
/// requests. Each node keeps its own Prometheus registry instead.
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
