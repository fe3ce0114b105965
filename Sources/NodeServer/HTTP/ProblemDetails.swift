import CatalogueStore
import Foundation
package import Hummingbird
import NIOCore
import NIOFoundationCompat
package import NodeAPI
import SyncProtocol

/// An `application/problem+json` response (RFC 9457): every error the HTTP API returns.
package struct ProblemDetails: HTTPResponseError, Encodable {
    package var status: HTTPResponse.Status
    /// A stable URI naming the kind of problem, e.g. `urn:sopro:problem:seq-gap`.
    package var type: String
    package var title: String
    package var detail: String
    /// Extension members.
    package var expectedSeq: UInt64?
    package var retryAfterSeconds: Int?
    package var results: [PushResult]?
    /// Every validation problem, one per element (for invalid entries).
    package var issues: [String]?
    /// Each invalid field of a submitted form (an inquiry): `field`, `code`, `message`.
    package var fields: [FieldProblem]?
    /// The methods a path allows, for the `Allow` header of a 405 (not a member of the body).
    package var allowedMethods: [String]?

    package init(
        status: HTTPResponse.Status, code: String, title: String, detail: String, expectedSeq: UInt64? = nil,
        retryAfterSeconds: Int? = nil, results: [PushResult]? = nil
    ) {
        self.status = status
        self.type = "urn:sopro:problem:\(code)"
        self.title = title
        self.detail = detail
        self.expectedSeq = expectedSeq
        self.retryAfterSeconds = retryAfterSeconds
        self.results = results
    }

    enum CodingKeys: String, CodingKey {
        case status, type, title, detail, expectedSeq, retryAfterSeconds, results, issues, fields
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Int(status.code), forKey: .status)
        try container.encode(type, forKey: .type)
        try container.encode(title, forKey: .title)
        try container.encode(detail, forKey: .detail)
        try container.encodeIfPresent(expectedSeq, forKey: .expectedSeq)
        try container.encodeIfPresent(retryAfterSeconds, forKey: .retryAfterSeconds)
        try container.encodeIfPresent(results, forKey: .results)
        try container.encodeIfPresent(issues, forKey: .issues)
        try container.encodeIfPresent(fields, forKey: .fields)
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        if let allowedMethods { headers[.allow] = allowedMethods.joined(separator: ", ") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(
            status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: try encoder.encode(self))))
    }

    static func badRequest(_ detail: String) -> ProblemDetails {
        ProblemDetails(status: .badRequest, code: "malformed-request", title: "Malformed request", detail: detail)
    }

    static func tooLarge(_ detail: String) -> ProblemDetails {
        ProblemDetails(status: .contentTooLarge, code: "too-large", title: "Request too large", detail: detail)
    }

    static let readOnly = ProblemDetails(
        status: .methodNotAllowed, code: "read-only-mirror", title: "Read-only mirror",
        detail: "this node is a read-only mirror; publish and push at a regional node")

    /// The HTTP form of a refused change.
    init(_ error: SyncError, results: [PushResult]? = nil) {
        let status: HTTPResponse.Status =
            switch error.code {
            case .tooLarge: .contentTooLarge
            case .unknownAuthor, .keyRetired: .forbidden
            case .seqGap, .wrongPrevious, .fork: .conflict
            case .clockAhead: .serviceUnavailable
            case .malformed, .badSignature, .unsupportedVersion, .clockNotAdvancing, .invalidOperation:
                .unprocessableContent
            }
        self.init(
            status: status, code: error.code.rawValue, title: "Change refused: \(error.code.rawValue)",
            detail: error.description, expectedSeq: error.expectedSeq,
            retryAfterSeconds: error.retryAfterMilliseconds.map { Int(($0 + 999) / 1000) }, results: results)
    }
}

extension ProblemDetails {
    /// The HTTP form of the node's refusal to publish.
    init(_ error: NodeError) {
        switch error.code {
        case .readOnlyMirror:
            self = .readOnly
        case .ownHeadUnconfirmed:
            // The replicator asks its peers again within a second or two while it waits.
            self.init(
                status: .serviceUnavailable, code: error.code.rawValue, title: "Not ready to publish",
                detail: error.description, retryAfterSeconds: 2)
        case .ownLogForked:
            self.init(
                status: .conflict, code: error.code.rawValue, title: "This node's own log is forked",
                detail: error.description)
        case .ownChangeRefused:
            self.init(
                status: .unprocessableContent, code: error.code.rawValue, title: "Cannot sign this publish",
                detail: error.description)
        case .noSuchEntry:
            self.init(status: .notFound, code: error.code.rawValue, title: "No such entry", detail: error.description)
        case .editConflict:
            self.init(
                status: .conflict, code: error.code.rawValue, title: "Changed meanwhile", detail: error.description)
        }
    }
}

extension ProblemDetails {
    /// Decodes a JSON body, turning every decoding failure into a 400 that says where.
    static func decode<Value: Decodable>(_ type: Value.Type, from body: ByteBuffer) throws -> Value {
        let data = Data(buffer: body)
        // Foundation's decoder keeps one of two members with the same name, silently: refuse
        // them (and the other ambiguities) first, as payloads are refused.
        do {
            _ = try StrictJSONParser.structureOnly.parse(data)
        } catch {
            if error.message.hasPrefix("duplicate member") {
                throw badRequest("the body is not valid JSON: \(error)")
            }
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw badRequest("the body is not valid JSON: \(syntaxProblem(in: data))")
            }
            throw badRequest(error.describedWithPath(root: "the body"))
        } catch {
            throw badRequest("the body is not valid JSON: \(error)")
        }
    }

    /// Where JSON syntax breaks, as line and column, from Foundation's parser.
    static func syntaxProblem(in data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return "it does not have the expected shape"
        } catch {
            let debug = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "invalid JSON"
            // "… around character 13." (Linux) / "… around line 1, column 14." (Darwin)
            guard let range = debug.range(of: "around character "),
                let offset = Int(debug[range.upperBound...].prefix { $0.isNumber })
            else { return debug }
            let prefix = data.prefix(offset)
            let line = prefix.filter { $0 == UInt8(ascii: "\n") }.count + 1
            let column = offset - (prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
            return
                "\(debug.prefix { $0 != " " } == "Invalid" ? "invalid value" : "unexpected input") at line \(line), column \(column)"
        }
    }

    /// Collects a request body up to `limit` bytes, or answers 413.
    static func collectBody(of request: Request, upTo limit: Int) async throws -> ByteBuffer {
        var request = request
        do {
            return try await request.collectBody(upTo: limit)
        } catch {
            throw tooLarge("the body is larger than \(limit) bytes")
        }
    }
}
