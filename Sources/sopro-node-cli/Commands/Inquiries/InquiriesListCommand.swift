import ArgumentParser
import Brokerage
import DirectoryModel
import Foundation
import NodeAPI
import NodeClient
import SoproNode

/// `sopro-node inquiries list`: the node's inquiries, newest first.
struct InquiriesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List inquiries, newest first.")

    @Option(
        help: ArgumentHelp(
            "Only inquiries in this state (\(InquiryState.allRawValues.joined(separator: ", "))).", valueName: "state"))
    var state: String?

    @Option(help: "At most this many.")
    var limit = 100

    @Flag(help: "Print the node's JSON answer.")
    var json = false

    @OptionGroup var connection: InquiryConnectionOptions

    func validate() throws {
        if let state, InquiryState(rawValue: state) == nil {
            throw ValidationError("--state must be one of \(InquiryState.allRawValues.joined(separator: ", "))")
        }
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000") }
    }

    func run() async throws {
        let (node, token) = try connection.connect()
        if json {
            return sayJSON(
                try await node.get(
                    "/v1/inquiries" + queryString([("state", state), ("limit", String(limit))]), token: token))
        }
        let inquiries = try await node.run { try await $0.inquiries(state: state, limit: limit, token: token) }
        guard !inquiries.isEmpty else { return say("no inquiries") }
        sayTable(
            ["ID", "RECEIVED", "STATE", "REGION", "ORGANISATION", "NEED", "SOURCE"],
            inquiries.map {
                [
                    String($0.id.prefix(8)), utcTime($0.receivedAt), $0.state.rawValue,
                    $0.submission.deliveryRegion.rawValue, $0.submission.organisation ?? "–", $0.summary, $0.sourceText,
                ]
            })
    }
}
