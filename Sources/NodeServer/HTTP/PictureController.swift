import CatalogueStore
import DirectoryModel
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOFoundationCompat
import NodeAPI

/// Pictures under `/v1/pictures`: an editor uploads one (`POST`, regional nodes), and anyone —
/// pages, peers, mirrors — fetches one by its hash (`GET`), as stored or at a page's width.
struct PictureController: Sendable {
    let node: CatalogueNode
    let intake: PictureIntake

    /// Behind `EditorAuthentication`. The body is the picture's bytes; its type is told from them.
    /// `?orientation=` gives the EXIF orientation of a picture whose metadata was removed.
    func upload(_ request: Request) async throws -> JSONResponse<PictureAnswer> {
        let body = try await ProblemDetails.collectBody(of: request, upTo: PictureIntake.uploadBytes)
        guard body.readableBytes > 0 else {
            throw ProblemDetails(
                status: .badRequest, code: "malformed-picture", title: "No picture",
                detail: "the body is empty; send the picture's bytes (JPEG, PNG or WebP)")
        }
        let orientation = try request.uri.queryParameters.get("orientation").map { value -> Int in
            guard let orientation = Int(value), (1...8).contains(orientation) else {
                throw ProblemDetails.badRequest("orientation must be an EXIF orientation, 1 to 8")
            }
            return orientation
        }
        let picture: StoredPicture
        do {
            picture = try await intake.taking(Array(buffer: body), orientation: orientation)
        } catch {
            throw ProblemDetails(error)
        }
        try await node.store.store(picture)
        return JSONResponse(PictureAnswer(picture.info), status: .created)
    }

    /// The picture named `sha256`; with `width` (one of `PictureIntake.renditionWidths`) the
    /// size a page shows, made once and kept. Immutable: named by its content.
    func picture(_ request: Request, sha256 text: String) async throws -> Response {
        guard let sha256 = try? PictureHash(parsing: text), sha256.rawValue == text else {
            throw ProblemDetails.badRequest(
                "\(text.quotedForProblem) is not a picture's SHA-256 (64 lower-case hex digits)")
        }
        let width = try request.uri.queryParameters.get("width").map { value -> Int in
            guard let width = Int(value), PictureIntake.renditionWidths.contains(width) else {
                throw ProblemDetails.badRequest(
                    "width must be one of \(PictureIntake.renditionWidths.map(String.init).joined(separator: ", "))")
            }
            return width
        }
        // A rendition made before is served without reading the picture (up to 4 MiB) itself.
        var made: StoredPicture?
        if let width { made = try await node.store.rendition(of: sha256, width: width) }
        var picture: StoredPicture
        if let made {
            picture = made
        } else {
            guard let original = try await node.store.picture(sha256) else {
                throw ProblemDetails(
                    status: .notFound, code: "not-found", title: "No such picture",
                    detail: "this node holds no picture \(sha256.rawValue)")
            }
            picture = original
            if let width {
                picture = await intake.making(width, of: original)
                try await node.store.store(picture, of: sha256, width: width)
            }
        }
        let tag = "\"\(sha256.rawValue)\(width.map { "-\($0)" } ?? "")\""
        var headers: HTTPFields = [
            .contentType: picture.info.type.mediaType, .eTag: tag,
            .cacheControl: "public, max-age=31536000, immutable",
        ]
        if EntityTag.matches(request.headers[.ifNoneMatch], tag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(picture.data.count)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(data: picture.data)))
    }
}

extension ProblemDetails {
    /// A picture refused: 413 when too large, 415 when not JPEG, PNG or WebP, 422 otherwise.
    init(_ problem: PictureProblem) {
        let status: HTTPResponse.Status =
            switch problem.code {
            case "picture-too-large": .contentTooLarge
            case "unsupported-picture-type": .unsupportedMediaType
            default: .unprocessableContent
            }
        self.init(status: status, code: problem.code, title: "Picture refused", detail: problem.message)
    }
}
