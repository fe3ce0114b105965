import ArgumentParser
import Foundation

/// `sopro-node inquiries export`: everything the node holds about one person (a data export).
struct InquiriesExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Print, as JSON, every inquiry of one e-mail address (for a data request).")

    @OptionGroup var person: PersonEmailArgument

    @OptionGroup var connection: InquiryConnectionOptions

    func run() async throws {
        let (node, token) = try connection.connect()
        sayJSON(
            try await node.post(
                "/v1/personal-data/export", json: try JSONSerialization.data(withJSONObject: ["email": person.email]),
                token: token))
    }
}
