import CatalogueStore
import DirectoryModel
import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat
import NodeAPI
import SyncProtocol

/// Who may publish: checks an editor's bearer token. Tokens are stored only as hashes and never
/// logged.
package struct EditorAuthenticator: Sendable {
    private let lookup: @Sendable (String) -> String?

    package init(_ lookup: @escaping @Sendable (String) -> String?) {
        self.lookup = lookup
    }

    /// Nobody may publish.
    package static let none = EditorAuthenticator { _ in nil }

    /// The editor whose token this is, if any.
    func editor(forToken token: String) -> String? { lookup(token) }

    func editor(for request: Request) throws -> String {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw ProblemDetails(
                status: .unauthorized, code: "unauthorized", title: "Editor token required",
                detail: "publishing needs an editor token: Authorization: Bearer <token>")
        }
        guard let editor = lookup(String(header.dropFirst("Bearer ".count))) else {
            throw ProblemDetails(
                status: .unauthorized, code: "unauthorized", title: "Unknown editor token",
                detail: "the editor token is not one of this node's editors")
        }
        return editor
    }
}

/// Publishing under `/v1` (regional nodes only): `POST /v1/publish` and `POST /v1/retract`.
struct PublishController: Sendable {
    let node: CatalogueNode
    var maximumBodyBytes = 16 * 1_048_576

    /// Pictures the entries name that this node does not hold as named: a node publishes only
    /// pictures it can serve to its peers (uploaded first, `POST /v1/pictures`).
    func unheldPictures(_ entries: [(path: FieldPath, entry: Entry)]) async throws -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for (path, entry) in entries {
            for (index, picture) in entry.pictures.enumerated() {
                guard let info = picture.stored else { continue }
                let at = path.appending("pictures").appending(index)
                guard let held = try await node.store.picture(info.sha256) else {
                    issues.append(
                        ValidationIssue(
                            path: at.appending("sha256"),
                            message: "no picture \(info.sha256.rawValue) was uploaded to this node (POST /v1/pictures)")
                    )
                    continue
                }
                if held.info != info {
                    issues.append(
                        ValidationIssue(
                            path: at,
                            message:
                                "says \(info.type.rawValue) \(info.width) × \(info.height), \(info.bytes) bytes; the node holds "
                                + "\(held.info.type.rawValue) \(held.info.width) × \(held.info.height), \(held.info.bytes) bytes"
                        ))
                }
            }
        }
        return issues
    }

    /// Behind `EditorAuthentication`, which refuses a mirror and a request without an editor's token.
    func publish(_ request: Request, editor: String) async throws -> JSONResponse<PublishAnswer> {
        let body = try await ProblemDetails.collectBody(of: request, upTo: maximumBodyBytes)
        let documents = try ProblemDetails.decode(PublishRequestBody.self, from: body).entries
        var entries: [(index: Int, path: FieldPath, item: PublishItem)] = []
        var issues: [ValidationIssue] = []
        for (index, document) in documents.enumerated() {
            let path = FieldPath.root.appending("entries").appending(index)
            let result = EntryDecoding.read(document, at: path)
            issues += result.issues
            if let entry = result.validEntry {
                entries.append((index, path, PublishItem(entry: entry, document: document)))
            }
        }
        var seen: [EntryID: Int] = [:]
        // Named by their place in the body (an invalid entry before them counts too).
        for sourced in entries {
            if let first = seen[sourced.item.entry.id] {
                issues.append(
                    ValidationIssue(path: sourced.path.appending("id"), message: "the same id as entries[\(first)]"))
            }
            seen[sourced.item.entry.id] = sourced.index
        }
        issues += try await unheldPictures(entries.map { ($0.path, $0.item.entry) })
        guard issues.isEmpty else {
            var problem = ProblemDetails(
                status: .unprocessableContent, code: "invalid-entries", title: "Invalid entries",
                detail:
                    "nothing was published: \(issues.count) problem\(issues.count == 1 ? "" : "s"), the first: \(issues[0])"
            )
            problem.issues = issues.map(\.description)
            throw problem
        }
        let report = try await publishing { try await node.publish(entries.map(\.item), editor: editor) }
        return JSONResponse(
            PublishAnswer(
                entries: report.entries.map { outcome in
                    switch outcome.outcome {
                    case .created: .init(kind: outcome.kind.rawValue, id: outcome.id.rawValue, outcome: "created")
                    case .unchanged: .init(kind: outcome.kind.rawValue, id: outcome.id.rawValue, outcome: "unchanged")
                    case .updated(let fields):
                        .init(kind: outcome.kind.rawValue, id: outcome.id.rawValue, outcome: "updated", fields: fields)
                    }
                }, changes: report.changes))
    }

    func retract(_ request: Request, editor: String) async throws -> JSONResponse<PublishAnswer> {
        let body = try await ProblemDetails.collectBody(of: request, upTo: maximumBodyBytes)
        let targets = try ProblemDetails.decode(RetractRequestBody.self, from: body).entries
        let report = try await publishing {
            try await node.retract(targets.map { EntryKey(kind: $0.kind, id: $0.id) }, editor: editor)
        }
        return JSONResponse(
            PublishAnswer(
                entries: report.entries.map {
                    .init(kind: $0.key.kind, id: $0.key.id, outcome: $0.retracted ? "retracted" : "unchanged")
                }, changes: report.changes))
    }

    /// Maps the node's refusals to problems.
    private func publishing<Value>(_ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch let error as NodeError {
            throw ProblemDetails(error)
        }
    }
}
