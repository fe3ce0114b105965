import ArgumentParser
import DirectoryModel
import Foundation

/// `sopro-node inquiries export`: everything the node holds about one person (a data export).
struct InquiriesExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Print, as JSON, every inquiry of one e-mail address (for a data request).")

    @Argument(help: "The person's e-mail address.")
    var email: String

    @OptionGroup var connection: InquiryConnectionOptions

    func validate() throws {
        if (try? EmailAddress(parsing: email)) == nil { throw ValidationError("\(email) is not an e-mail address") }
    }

    func run() async throws {
        let (node, token) = try connection.connect()
        sayJSON(
            try await node.post(
                "/v1/personal-data/export", json: try JSONSerialization.data(withJSONObject: ["email": email]),
                token: token))
    }
}
