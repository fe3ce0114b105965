import CatalogueStore
import EntryDocuments
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOFoundationCompat

extension WebController {
    /// The whole visible catalogue as CSV (`/catalogue.csv`, the columns of `sopro-node export
    /// --format csv`), for buyers and partners who work in a spreadsheet. Revalidated by the
    /// node's heads like every catalogue page, so a repeated download costs a look at the heads.
    func catalogueCSV(_ request: Request) async throws -> Response {
        guard let store = node.store as? SQLiteChangeStore else {
            throw HTTPError(.notFound, message: "this node's store cannot be exported")
        }
        let etag = try await etag(of: "catalogue.csv")
        var headers: HTTPFields = [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: "attachment; filename=\"sopro-catalogue.csv\"",
            .eTag: etag,
            .cacheControl: "no-cache",
        ]
        if EntityTag.matches(request.headers[.ifNoneMatch], etag) {
            return Response(status: .notModified, headers: headers)
        }
        let data = try CatalogueExport.render(try await CatalogueExport.items(of: store), as: .csv)
        headers[.contentLength] = String(data.count)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(data: data)))
    }
}
