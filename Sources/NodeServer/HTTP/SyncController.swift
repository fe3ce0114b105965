import CatalogueStore
import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat
import NodeAPI
import Replication
import SyncProtocol

/// The node and sync endpoints under `/v1`.
struct SyncController: Sendable {
    let node: CatalogueNode
    /// The replicator's view of the peers, when this application runs beside one.
    var peerStatus: PeerStatusBoard?
    /// Largest push or pull body accepted.
    var maximumBodyBytes = 8 * 1_048_576
    /// Most changes in one push.
    var maximumPushChanges = 1_000
    /// The largest page a pull returns.
    var maximumPullChanges = 1_000
    var maximumPullBytes = 4 * 1_048_576

    static let softwareVersion = SoftwareVersion.description

    func info() async throws -> JSONResponse<NodeInfo> {
        let heads = try await node.store.heads()
        var region: String?
        if case .regional(_, let nodeRegion) = node.mode { region = nodeRegion }
        let forks = try await node.store.forks()
        var ownHead: OwnHeadStatus?
        if let author = node.authorID {
            var status = await node.ownHead
            status.seq = heads[author]?.seq ?? 0
            // A forked own log signs nothing, however its head was confirmed.
            if let fork = forks.filter({ $0.author == author }).map(\.seq).min() {
                status.confirmed = false
                status.forkedAt = fork
            }
            ownHead = status
        }
        return JSONResponse(
            NodeInfo(
                author: node.authorID, region: region, name: node.name, mode: node.mode.name,
                protocol: SyncProtocolVersion.current, software: Self.softwareVersion,
                heads: Dictionary(
                    uniqueKeysWithValues: heads.map {
                        ($0.key.rawValue, NodeInfo.Head(seq: $0.value.seq, id: $0.value.id))
                    }),
                digest: try await node.store.digest(),
                ownHeadConfirmed: ownHead?.confirmed, ownHead: ownHead,
                forks: forks.map { NodeInfo.ForkInfo(author: $0.author, seq: $0.seq, changes: $0.ids) },
                peers: await peerStatus?.statuses.values.sorted { $0.peer.name < $1.peer.name }.map { status in
                    NodeInfo.PeerInfo(
                        name: status.peer.name, url: status.peer.url, changesBehind: status.changesBehind,
                        changesAhead: status.changesAhead, lastSuccess: status.lastSuccess,
                        lastError: status.lastError, lastErrorAt: status.lastErrorAt,
                        consecutiveFailures: status.consecutiveFailures, readOnly: status.isReadOnly,
                        digestMismatch: status.digestMismatch, refusedChanges: status.refusedChanges,
                        liveFeed: status.liveFeed)
                } ?? []))
    }

    func heads() async throws -> JSONResponse<SyncState> {
        JSONResponse(try await node.store.syncState())
    }

    /// `GET /v1/sync/changes/{author}/{seq}`: one stored change, for a peer that compares logs.
    func change(author text: String, seq seqText: String) async throws -> JSONResponse<SignedChange> {
        guard let author = try? AuthorID(parsing: text) else {
            throw ProblemDetails.badRequest(
                "author: \(text.quotedForProblem) is not an author id (64 lower-case hex digits)")
        }
        // Digits only (no sign), no leading zero, and within the integers a payload can hold
        // (2^53 − 1): beyond SQLite's 2^63 − 1 a seq could not even be looked up.
        guard seqText.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), seqText.first != "0",
            let seq = UInt64(seqText), seq >= 1, seq <= VersionVector.maximumSeq
        else {
            throw ProblemDetails.badRequest("seq: \(seqText.quotedForProblem) is not a seq (a whole number ≥ 1)")
        }
        guard let change = try await node.store.change(of: author, seq: seq) else {
            throw ProblemDetails(
                status: .notFound, code: "not-found", title: "No such change",
                detail: "this node holds no change of \(author.short)… at seq \(seq)")
        }
        return JSONResponse(change)
    }

    /// `GET /v1/sync/forks`: every fork known, with its evidence.
    func forks() async throws -> JSONResponse<ForksMessage> {
        JSONResponse(ForksMessage(forks: try await node.store.forks().map(ForksMessage.Fork.init)))
    }

    /// `POST /v1/sync/forks`: evidence from a peer. Each is verified on its own; evidence of an
    /// author this node does not trust is refused. Mirrors take it too: it proves itself.
    func receiveForks(_ request: Request) async throws -> JSONResponse<ForksPushResponse> {
        let body = try await ProblemDetails.collectBody(of: request, upTo: maximumBodyBytes)
        let message = try ProblemDetails.decode(ForksMessage.self, from: body)
        guard message.forks.count <= 100, message.forks.allSatisfy({ $0.changes.count <= 16 }) else {
            throw ProblemDetails.tooLarge("at most 100 forks of at most 16 changes each per request")
        }
        var results: [ForksPushResponse.Result] = []
        var verified: [(index: Int, evidence: ForkEvidence)] = []
        for (index, fork) in message.forks.enumerated() {
            results.append(.init(author: fork.author, seq: fork.seq, status: "refused"))
            do {
                let evidence = try ForkEvidence(verifying: fork.changes, limits: node.limits)
                guard evidence.author == fork.author, evidence.seq == fork.seq else {
                    results[index].detail =
                        "the changes are of \(evidence.author.short)… at seq \(evidence.seq), not as named"
                    continue
                }
                guard node.acceptance.roster.contains(evidence.author) else {
                    results[index].detail = SyncError.unknownAuthor(evidence.author).message
                    continue
                }
                verified.append((index, evidence))
            } catch {
                results[index].detail = error.description
            }
        }
        let recorded = try await node.record(verified.map(\.evidence))
        for ((index, _), new) in zip(verified, recorded) {
            results[index].status = new ? "recorded" : "known"
        }
        return JSONResponse(ForksPushResponse(results: results))
    }

    func pull(_ request: Request) async throws -> JSONResponse<PullResponse> {
        let body = try await ProblemDetails.collectBody(of: request, upTo: maximumBodyBytes)
        let pull = try ProblemDetails.decode(PullRequest.self, from: body)
        let limit = min(max(pull.limit ?? maximumPullChanges, 1), maximumPullChanges)
        let bytes = min(max(pull.maxBytes ?? maximumPullBytes, 1), maximumPullBytes)
        let page = try await node.store.changes(missingFrom: pull.have, maximumCount: limit, maximumBytes: bytes)
        return JSONResponse(
            PullResponse(changes: page.changes, continuation: page.continuation, complete: page.isComplete))
    }

    func push(_ request: Request) async throws -> JSONResponse<PushResponse> {
        guard case .regional = node.mode else { throw ProblemDetails.readOnly }
        let body = try await ProblemDetails.collectBody(of: request, upTo: maximumBodyBytes)
        let push = try ProblemDetails.decode(PushRequest.self, from: body)
        guard push.changes.count <= maximumPushChanges else {
            throw ProblemDetails.tooLarge("\(push.changes.count) changes; at most \(maximumPushChanges) per push")
        }
        let results = try await node.receive(push.changes)
        let pushResults = zip(push.changes, results).map { PushResult(id: $0.id, result: $1) }
        // A push in which nothing was accepted answers with the first refusal's status, so a
        // client that pushes one change gets a plain error; otherwise 200 with each result.
        let refusals = results.compactMap { result -> SyncError? in
            if case .refused(let error) = result { error } else { nil }
        }
        if let first = refusals.first, refusals.count == results.count {
            throw ProblemDetails(first, results: pushResults)
        }
        return JSONResponse(PushResponse(results: pushResults))
    }
}

/// A JSON response with sorted keys.
struct JSONResponse<Value: Encodable & Sendable>: ResponseGenerator {
    var value: Value
    var status: HTTPResponse.Status = .ok

    init(_ value: Value, status: HTTPResponse.Status = .ok) {
        self.value = value
        self.status = status
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(data: try encoder.encode(value))))
    }
}
