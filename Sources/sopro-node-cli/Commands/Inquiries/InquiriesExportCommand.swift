import ArgumentParser
import Foundation
import NodeAPI
import NodeClient

/// `sopro-node inquiries export`: everything the node holds about one person (a data export).
struct InquiriesExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Print, as JSON, every inquiry of one e-mail address (for a data request).")

    @OptionGroup var person: PersonEmailArgument

    @OptionGroup var connection: InquiryConnectionOptions

    func run() async throws {
        let (node, token) = try connection.connect()
        // The node's answer as it came: what it holds about the person, for them.
        sayJSON(
            try await node.run {
                try await $0.post(
                    "/v1/personal-data/export", PersonalDataRequestBody(email: person.email), token: token)
            })
    }
}
