import ArgumentParser
import Brokerage
import DirectoryModel
import Foundation
import NodeAPI
import NodeClient
import SoproNode

/// `sopro-node inquiries show`: one inquiry, its history and its ranked matches with reasons.
struct InquiriesShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show an inquiry with its matches and the reasons for each.")

    @Argument(help: "The inquiry's id (or the first characters that are unique).")
    var id: String

    @Flag(help: "Print the node's JSON answer.")
    var json = false

    @OptionGroup var connection: InquiryConnectionOptions

    func run() async throws {
        let (node, token) = try connection.connect()
        let full = try await resolveInquiryID(id, node: node, token: token)
        if json { return sayJSON(try await node.get("/v1/inquiries/\(full)", token: token)) }
        let answer = try await node.run { try await $0.inquiry(full, token: token) }
        let inquiry = answer.inquiry
        let submission = inquiry.submission
        say(
            "inquiry \(inquiry.id) — \(inquiry.state.rawValue), received \(utcTime(inquiry.receivedAt)) (\(inquiry.sourceText))"
        )
        say("")
        say(submission.need)
        say("")
        var facts: [(String, String?)] = [
            ("quantity", submission.quantity), ("wanted by", submission.wantedBy),
            ("delivery region", submission.deliveryRegion.rawValue),
            (
                "categories",
                submission.categories.isEmpty ? nil : submission.categories.map(\.rawValue).joined(separator: ", ")
            ),
            ("organisation", submission.organisation.map { "\($0) (\(submission.organisationType.rawValue))" }),
            ("contact", "\(submission.contactName) <\(submission.email.rawValue)>"),
            ("phone", submission.phone?.rawValue), ("answer in", submission.language.rawValue),
            ("consent", "\(utcTime(inquiry.consent.at)): \(inquiry.consent.statement)"),
        ]
        facts.removeAll { $0.1 == nil }
        for (label, value) in facts {
            say("  \(label.padding(toLength: 16, withPad: " ", startingAt: 0)) \(value ?? "")")
        }
        for (title, matches) in [("enterprises", answer.matches.enterprises), ("products", answer.matches.products)] {
            say("")
            say("matching \(title):")
            if matches.isEmpty { say("  none") }
            for (rank, match) in matches.enumerated() {
                let name = match.names["en"] ?? match.names["de"] ?? match.names.values.first ?? match.id
                say(
                    "  \(rank + 1). \(name) (\(match.region ?? "–"), score \(String(format: "%.1f", match.score))) \(match.kind)/\(match.id)"
                )
                say("     " + match.reasons.map(\.description).joined(separator: "; "))
            }
        }
        if !inquiry.history.isEmpty {
            say("")
            say("history:")
            for event in inquiry.history {
                var line = "  \(utcTime(event.at)) \(event.operatorName)"
                if let state = event.state { line += " → \(state.rawValue)" }
                if let note = event.note { line += ": \(note)" }
                say(line)
            }
        }
        for referral in inquiry.referrals {
            say("referred to \(referral.toName) on \(utcTime(referral.at)) by \(referral.operatorName)")
        }
    }
}

/// The full id of the inquiry whose id is or starts with `prefix` (as `list` shows them).
func resolveInquiryID(_ prefix: String, node: NodeConnection, token: String) async throws -> String {
    let lowered = prefix.lowercased()
    guard lowered.count < 36 else { return lowered }
    let all = try await node.run { try await $0.inquiries(limit: 1000, token: token) }
    let candidates = all.filter { $0.id.hasPrefix(lowered) }
    guard candidates.count == 1, let only = candidates.first else {
        printError(
            candidates.isEmpty
                ? "error: no inquiry's id starts with \(prefix)"
                : "error: \(candidates.count) inquiries' ids start with \(prefix); give more of the id")
        throw ExitCode(1)
    }
    return only.id
}
