import CatalogueStore
import Hummingbird
import NIOCore
import Prometheus

/// `GET /metrics`: Prometheus text format.
struct MetricsResponse: ResponseGenerator {
    let metrics: NodeMetrics

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
            body: .init(byteBuffer: ByteBuffer(bytes: metrics.registry.emitToBuffer())))
    }
}
