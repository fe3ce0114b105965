import ArgumentParser
import Brokerage
import Foundation
import NodeAPI
import NodeClient
import SoproNode

/// `sopro-node inquiries refer`: sends an inquiry to a partner region's node.
struct InquiriesReferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refer",
        abstract: "Refer an inquiry to a partner region's node (signed by this node).",
        discussion: """
            The partner is named by its NUTS region (AT12) or author id; it must be a trusted \
            author with a peer address (sopro-node trust, sopro-node peers add … --author). The \
            partner checks the signature and takes the inquiry into its list, with where it \
            came from and the asker's consent.
            """)

    @Argument(help: "The inquiry's id (or its first characters).")
    var id: String

    @Argument(help: ArgumentHelp("The partner region (e.g. AT12) or its author id.", valueName: "region"))
    var to: String

    @Option(help: "A note for the partner region.")
    var note: String?

    @OptionGroup var connection: InquiryConnectionOptions

    func run() async throws {
        let (node, token) = try connection.connect()
        let full = try await resolveInquiryID(id, node: node, token: token)
        let inquiry = try await node.run { try await $0.referInquiry(full, to: to, note: note, token: token) }
        if let referral = inquiry.referrals.last {
            say("inquiry \(inquiry.id) referred to \(referral.toName) (referral \(referral.id))")
        }
    }
}
