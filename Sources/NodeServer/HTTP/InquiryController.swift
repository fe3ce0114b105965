import Brokerage
import DirectoryModel
import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat
import NodeAPI
import SyncProtocol

/// Inquiries under `/v1`: a public submission endpoint for other sites' forms, the operators'
/// endpoints (editor token, checked by `EditorAuthentication`), the node-to-node referral endpoint (signed), and personal-data
/// export and erasure. A node without an inquiry desk (a mirror) answers every one with a 404
/// problem: it holds no inquiries.
struct InquiryController: Sendable {
    let desk: InquiryDesk?
    var maximumBodyBytes = 64 * 1024

    /// What every inquiry endpoint answers at a node without a desk.
    static let noInquiries = ProblemDetails(
        status: .notFound, code: "no-inquiries", title: "No inquiries here",
        detail: "this node takes no inquiries (a mirror); send them to a regional node")

    private func openDesk() throws -> InquiryDesk {
        guard let desk else { throw Self.noInquiries }
        return desk
    }

    /// The public submission: a JSON inquiry, `website` as the honeypot.
    struct Submission: Decodable {
        var inquiry: InquiryDraft
        var website: String?
        var consentStatement: String?

        init(from decoder: any Decoder) throws {
            inquiry = try InquiryDraft(from: decoder)
            enum Keys: String, CodingKey { case website, consentStatement }
            let container = try decoder.container(keyedBy: Keys.self)
            website = try container.decodeIfPresent(String.self, forKey: .website)
            consentStatement = try container.decodeIfPresent(String.self, forKey: .consentStatement)
        }
    }

    func submit(_ request: Request, client: String) async throws -> JSONResponse<InquiryReceipt> {
        let desk = try openDesk()
        let body = try await ProblemDetails.collectBody(of: request, upTo: maximumBodyBytes)
        let submission = try ProblemDetails.decode(Submission.self, from: body)
        let statement = String(
            (submission.consentStatement ?? "consent given on a partner site, submitted through the API").prefix(1000))
        let inquiry = try await handling {
            try await desk.submit(
                submission.inquiry, channel: .api, consentStatement: statement, client: client,
                honeypot: submission.website)
        }
        let reference = String((inquiry?.id ?? UUID().uuidString.lowercased()).prefix(8))
        return JSONResponse(InquiryReceipt(received: true, reference: reference), status: .accepted)
    }

    func list(_ request: Request) async throws -> JSONResponse<InquiryList> {
        let desk = try openDesk()
        var state: InquiryState?
        if let text = request.uri.queryParameters["state"].map(String.init), !text.isEmpty {
            guard let parsed = InquiryState(rawValue: text) else {
                throw ProblemDetails.badRequest(
                    "state: \"\(text)\" is not one of \(InquiryState.allRawValues.joined(separator: ", "))")
            }
            state = parsed
        }
        var limit = 100
        if let text = request.uri.queryParameters["limit"], !text.isEmpty {
            guard let number = Int(text), (1...1000).contains(number) else {
                throw ProblemDetails.badRequest("limit: \"\(text)\" is not a number from 1 to 1000")
            }
            limit = number
        }
        return JSONResponse(InquiryList(inquiries: try await desk.list(state: state, limit: limit)))
    }

    func show(_ request: Request, id: String) async throws -> JSONResponse<InquiryDetail> {
        let desk = try openDesk()
        let inquiry = try await handling { try await desk.inquiry(id) }
        return JSONResponse(InquiryDetail(inquiry: inquiry, matches: try await desk.matches(for: inquiry)))
    }

    func status(_ request: Request, id: String, editor: String) async throws -> JSONResponse<Inquiry> {
        let desk = try openDesk()
        let body = try ProblemDetails.decode(
            InquiryStatusBody.self, from: try await ProblemDetails.collectBody(of: request, upTo: maximumBodyBytes))
        var state: InquiryState?
        if let text = body.state {
            guard let parsed = InquiryState(rawValue: text) else {
                throw ProblemDetails(
                    status: .unprocessableContent, code: "invalid-state", title: "Unknown state",
                    detail: "state: \"\(text)\" is not one of \(InquiryState.allRawValues.joined(separator: ", "))")
            }
            state = parsed
        }
        guard state != nil || body.note?.isEmpty == false else {
            throw ProblemDetails.badRequest("give a state, a note, or both")
        }
        return JSONResponse(
            try await handling { try await desk.record(id, state: state, note: body.note, operatorName: editor) })
    }

    func refer(_ request: Request, id: String, editor: String) async throws -> JSONResponse<Inquiry> {
        let desk = try openDesk()
        let body = try ProblemDetails.decode(
            InquiryReferralBody.self, from: try await ProblemDetails.collectBody(of: request, upTo: maximumBodyBytes))
        return JSONResponse(
            try await handling { try await desk.refer(id, to: body.to, note: body.note, operatorName: editor) })
    }

    func cooperationDraft(_ request: Request, id: String) async throws -> Response {
        let desk = try openDesk()
        let yaml = try await handling {
            try await desk.cooperationDraft(
                id, enterprises: request.uri.queryParameters[values: "enterprise"].map(String.init),
                products: request.uri.queryParameters[values: "product"].map(String.init))
        }
        return Response(
            status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: yaml)))
    }

    func receiveReferral(_ request: Request) async throws -> JSONResponse<ReferralReceipt> {
        let desk = try openDesk()
        let body = try await ProblemDetails.collectBody(of: request, upTo: maximumBodyBytes * 2)
        let referral = try ProblemDetails.decode(SignedReferral.self, from: body)
        let result = try await handling { try await desk.receive(referral) }
        return JSONResponse(
            ReferralReceipt(id: result.inquiry.id, new: result.isNew), status: result.isNew ? .created : .ok)
    }

    private func email(_ request: Request) async throws -> EmailAddress {
        let body = try ProblemDetails.decode(
            PersonalDataRequestBody.self,
            from: try await ProblemDetails.collectBody(of: request, upTo: maximumBodyBytes))
        do {
            return try EmailAddress(parsing: body.email)
        } catch {
            throw ProblemDetails(
                status: .unprocessableContent, code: "invalid-email", title: "Not an e-mail address",
                detail: "email: \(error.message)")
        }
    }

    func exportPersonalData(_ request: Request) async throws -> JSONResponse<InquiryList> {
        let desk = try openDesk()
        return JSONResponse(InquiryList(inquiries: try await desk.export(email: try await email(request))))
    }

    func erasePersonalData(_ request: Request) async throws -> JSONResponse<PersonalDataErasure> {
        let desk = try openDesk()
        return JSONResponse(PersonalDataErasure(erased: try await desk.erase(email: try await email(request))))
    }

    /// Maps the desk's refusals to problems.
    private func handling<Value>(_ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch let problems as InquiryProblems {
            var problem = ProblemDetails(
                status: .unprocessableContent, code: "invalid-inquiry", title: "Invalid inquiry",
                detail: "nothing was stored: \(problems.description)")
            problem.fields = problems.problems.map {
                FieldProblem(field: $0.field, code: $0.reason.code, message: $0.message)
            }
            throw problem
        } catch let error as InquiryError {
            throw ProblemDetails(error)
        }
    }
}

extension ProblemDetails {
    /// The HTTP form of an inquiry desk's refusal.
    init(_ error: InquiryError) {
        let (status, code): (HTTPResponse.Status, String) =
            switch error.kind {
            case .notFound: (.notFound, "not-found")
            case .rateLimited: (.tooManyRequests, "rate-limited")
            case .untrustedSender: (.forbidden, "untrusted-sender")
            case .badSignature: (.forbidden, "bad-signature")
            case .notAddressedHere: (.unprocessableContent, "not-addressed-here")
            case .stale: (.unprocessableContent, "stale-referral")
            case .malformedReferral: (.unprocessableContent, "malformed-referral")
            case .noConsentForReferral: (.unprocessableContent, "no-consent")
            case .unknownRegion: (.unprocessableContent, "unknown-region")
            case .noPeerAddress: (.unprocessableContent, "no-peer-address")
            case .referralFailed: (.badGateway, "referral-failed")
            case .readOnly: (.notFound, "no-inquiries")
            case .erased: (.gone, "erased")
            }
        var retryAfter: Int?
        if case .rateLimited(let seconds) = error.kind { retryAfter = seconds }
        self.init(
            status: status, code: code, title: code.replacingOccurrences(of: "-", with: " ").capitalizedFirst,
            detail: error.description, retryAfterSeconds: retryAfter)
    }
}
