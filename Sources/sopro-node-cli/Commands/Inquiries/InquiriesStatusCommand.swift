import ArgumentParser
import Brokerage
import DirectoryModel
import Foundation
import NodeAPI
import NodeClient
import SoproNode

/// `sopro-node inquiries status`: moves an inquiry on, with a note.
struct InquiriesStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Change an inquiry's state and/or add a note.",
        discussion:
            "States: \(InquiryState.allRawValues.joined(separator: ", ")). A closed inquiry is erased after the node's retention period (inquiryRetentionDays)."
    )

    @Argument(help: "The inquiry's id (or its first characters).")
    var id: String

    @Argument(help: ArgumentHelp("The new state (leave out to add only a note).", valueName: "state"))
    var state: String?

    @Option(help: "A note for the inquiry's history.")
    var note: String?

    @OptionGroup var connection: InquiryConnectionOptions

    func validate() throws {
        if let state, InquiryState(rawValue: state) == nil {
            throw ValidationError("state must be one of \(InquiryState.allRawValues.joined(separator: ", "))")
        }
        if state == nil && (note ?? "").isEmpty { throw ValidationError("give a state, a --note, or both") }
    }

    func run() async throws {
        let (node, token) = try connection.connect()
        let full = try await resolveInquiryID(id, node: node, token: token)
        let inquiry = try await node.run {
            try await $0.recordInquiry(full, state: state, note: note, token: token)
        }
        say("inquiry \(inquiry.id): \(inquiry.state.rawValue)")
    }
}
