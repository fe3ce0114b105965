import CatalogueStore
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOFoundationCompat
import NodeAPI
import SyncProtocol

/// The federation endpoints: the roster versions and key events the node holds, offers of more
/// (from peers, from operators' CLIs — every document proves itself by its signatures, so no
/// token is needed, and mirrors take them too), and the node's own member card.
struct FederationController: Sendable {
    let node: CatalogueNode
    /// What this node says about itself for a roster; `nil` for a mirror.
    var card: MemberCard?
    var logger: Logger
    /// Largest offer accepted (128 versions of up to 64 KiB with their signatures fit).
    var maximumBodyBytes = 12 * 1_048_576

    /// `GET /v1/federation`.
    /// With the documents' tag as `ETag`; 304 when `If-None-Match` names it (a peer's round
    /// while nothing changed).
    func show(_ request: Request) async throws -> Response {
        let documents = try await node.store.federationDocuments()
        let etag = "\"\(documents.tag)\""
        if EntityTag.matches(request.headers[.ifNoneMatch], etag) {
            return Response(status: .notModified, headers: [.eTag: etag])
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(FederationMessage(node.federation, documents: documents))
        return Response(
            status: .ok, headers: [.contentType: "application/json", .eTag: etag],
            body: .init(byteBuffer: ByteBuffer(data: body)))
    }

    /// `POST /v1/federation`: each document's outcome; 200 whatever they are (a refusal is an
    /// answer about that document, not about the request).
    func offer(_ request: Request) async throws -> JSONResponse<FederationOfferResponse> {
        let body = try await ProblemDetails.collectBody(of: request, upTo: maximumBodyBytes)
        let message = try ProblemDetails.decode(FederationDocumentsMessage.self, from: body)
        guard message.versions.count <= FederationLedger.maximumOffered,
            message.keyEvents.count <= FederationLedger.maximumOffered
        else {
            throw ProblemDetails.tooLarge(
                "at most \(FederationLedger.maximumOffered) roster versions and \(FederationLedger.maximumOffered) key events per request"
            )
        }
        let result = try await node.offerFederation(
            versions: message.versions, events: message.keyEvents, logger: logger)
        return JSONResponse(FederationOfferResponse(result))
    }

    /// `GET /v1/federation/card`.
    func memberCard() throws -> JSONResponse<MemberCard> {
        guard let card else {
            throw ProblemDetails(
                status: .notFound, code: "not-found", title: "No member card",
                detail: "a mirror is not a member of the federation; it has no card")
        }
        return JSONResponse(card)
    }
}
