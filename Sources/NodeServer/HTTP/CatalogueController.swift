import CatalogueStore
import DirectoryModel
import Foundation
import Hummingbird
import NodeAPI
import SyncProtocol

/// Reading the catalogue under `/v1`: listing with filters, full-text search, and one entry
/// with its provenance and conflicts. Open to any origin (CORS), since the data is public.
struct CatalogueController: Sendable {
    let node: CatalogueNode

    static let listParameters: Set<String> = CatalogueQuery.facetNames.subtracting(["kind"]).union([
        "kind", "lighthouse", "updatedSince", "q", "lang", "limit", "cursor", "sort",
    ])

    func list(_ request: Request) async throws -> JSONResponse<CataloguePage> {
        // Read as a form (`+` a space), as an HTML form's `GET` writes it, like the web search.
        let parameters = FormBody(queryOf: request).pairs
        try Self.checkRepetitions(parameters.map { Substring($0.name) })
        var query = CatalogueQuery()
        for (name, value) in parameters {
            guard Self.listParameters.contains(name) else {
                throw ProblemDetails.badRequest(
                    "unknown parameter \(name.quotedForProblem); known: \(Self.listParameters.sorted().joined(separator: ", "))"
                )
            }
            // An empty value is an unset one: what an HTML form sends for a field left blank.
            guard !value.isEmpty else { continue }
            switch name {
            case "kind":
                guard let kind = EntryKind(rawValue: value) else {
                    throw ProblemDetails.badRequest(
                        "kind: \(value.quotedForProblem) is not one of enterprise, product, cooperation")
                }
                query.kind = kind
            case "lighthouse":
                guard let flag = Bool(value) else {
                    throw ProblemDetails.badRequest("lighthouse: expected true or false")
                }
                query.lighthouse = flag
            case "updatedSince":
                guard let since = Int64(value) ?? Self.milliseconds(fromISO8601: value) else {
                    throw ProblemDetails.badRequest(
                        "updatedSince: expected an ISO 8601 time or milliseconds since 1970")
                }
                query.updatedSince = since
            case "q": query.text = value
            case "lang":
                do {
                    query.language = try LanguageTag(parsing: value)
                } catch {
                    throw ProblemDetails.badRequest("lang: \(error.message)")
                }
            case "limit":
                guard let limit = Int(value), (1...500).contains(limit) else {
                    throw ProblemDetails.badRequest("limit: expected a number from 1 to 500")
                }
                query.limit = limit
            case "cursor": query.cursor = value
            case "sort":
                guard let sort = CatalogueQuery.Sort(rawValue: value) else {
                    throw ProblemDetails.badRequest(
                        "sort: expected one of \(CatalogueQuery.Sort.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                query.sort = sort
            default: query.facets.append(CatalogueQuery.Facet(name, value))
            }
        }
        do {
            return JSONResponse(try await node.store.entries(matching: query))
        } catch let error as QueryError {
            throw ProblemDetails.badRequest(error.message)
        }
    }

    func entry(kind: String, id: String) async throws -> JSONResponse<EntryDetail> {
        guard let read = try await node.catalogueEntry(kind: kind, id: id), read.state.hasValues else {
            throw ProblemDetails(
                status: .notFound, code: "not-found", title: "No such entry",
                detail: "there is no \(kind.quotedForProblem) entry with id \(id.quotedForProblem)")
        }
        return JSONResponse(EntryDetail(read, roster: node.acceptance.roster))
    }

    /// The most values one parameter may have. A thousand `category=39` made an SQL expression
    /// SQLite refused ("Expression tree is too large"): a 500 and 110 KB of SQL in the log.
    static let maximumValuesPerParameter = 20

    static func checkRepetitions(_ names: [Substring]) throws {
        var counts: [Substring: Int] = [:]
        for name in names {
            counts[name, default: 0] += 1
            if let count = counts[name], count > maximumValuesPerParameter {
                throw ProblemDetails.badRequest(
                    "\(String(name).quotedForProblem): at most \(maximumValuesPerParameter) values of one parameter")
            }
        }
    }

    static func milliseconds(fromISO8601 text: String) -> Int64? {
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [
            [.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime], [.withFullDate],
        ] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970 * 1000) }
        }
        return nil
    }
}
