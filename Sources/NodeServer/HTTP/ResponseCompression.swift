import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Compresses responses with gzip for clients that accept it: pull pages (base64 payloads in
/// JSON) shrink to about a third, catalogue pages and listings more.
///
/// Only bodies of a known length of at least `minimumBytes` are compressed (small answers — an
/// idle sync round's heads — gain nothing), only text, JSON and XML, and never twice. A strong
/// `ETag` becomes weak, since the bytes sent are no longer those it names (as nginx does).
struct ResponseCompression<Context: RequestContext>: RouterMiddleware {
    var minimumBytes = 1024
    /// Level 1: most of the gain for a fraction of the CPU of the default level, which matters
    /// on a two-core node that verifies signatures at the same time.
    var level: Int32 = 1

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        guard Self.acceptsGzip(request.headers[values: .acceptEncoding]),
            response.headers[.contentEncoding] == nil,
            let length = response.body.contentLength, length >= minimumBytes,
            Self.isCompressible(response.headers[.contentType])
        else { return response }
        let collected = ByteBufferCollector()
        try await response.body.write(collected)
        var plain = collected.buffer
        let compressed = try plain.compress(with: .gzip(configuration: .init(compressionLevel: level)))
        response.body = ResponseBody(byteBuffer: compressed)
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = String(compressed.readableBytes)
        response.headers.append(HTTPField(name: .vary, value: "Accept-Encoding"))
        if let etag = response.headers[.eTag], !etag.hasPrefix("W/") { response.headers[.eTag] = "W/" + etag }
        return response
    }

    /// Whether an `Accept-Encoding` list admits gzip (`gzip` or `*`, with a q-value above 0).
    static func acceptsGzip(_ values: [String]) -> Bool {
        // The first item naming gzip (or `*`) decides: `gzip;q=0` refuses it.
        guard
            let item = QualityList(values).items.first(where: {
                ["gzip", "x-gzip", "*"].contains($0.value.lowercased())
            })
        else { return false }
        return item.quality > 0
    }

    static func isCompressible(_ contentType: String?) -> Bool {
        guard let type = contentType?.lowercased() else { return false }
        return type.hasPrefix("text/") || type.contains("json") || type.contains("xml")
    }
}

/// Collects a response body that is already in memory (a known length), to compress it.
private final class ByteBufferCollector: ResponseBodyWriter {
    var buffer = ByteBuffer()

    func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        self.buffer.writeBuffer(&buffer)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
