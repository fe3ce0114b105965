import ArgumentParser
import Foundation
import NodeAPI
import NodeClient

/// `sopro-node inquiries draft`: a realised inquiry as the draft of a cooperation entry.
struct InquiriesDraftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Print a draft cooperation entry file for a realised inquiry.",
        discussion: """
            The draft names the enterprises (--enterprise, default: the best match) and \
            products, the client organisation, the region and the need — none of the asker's \
            personal data. Complete it, check it with `sopro-node check`, then publish it.
            """)

    @Argument(help: "The inquiry's id (or its first characters).")
    var id: String

    @Option(help: ArgumentHelp("An enterprise that realised it (repeatable).", valueName: "id"))
    var enterprise: [String] = []

    @Option(help: ArgumentHelp("A product it was about (repeatable).", valueName: "id"))
    var product: [String] = []

    @OptionGroup var connection: InquiryConnectionOptions

    func run() async throws {
        let (node, token) = try connection.connect()
        let full = try await resolveInquiryID(id, node: node, token: token)
        let draft = try await node.run {
            try await $0.cooperationDraft(full, enterprises: enterprise, products: product, token: token)
        }
        writeOut(Data(draft.utf8))
    }
}
