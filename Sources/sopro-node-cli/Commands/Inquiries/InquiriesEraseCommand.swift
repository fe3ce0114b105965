import ArgumentParser
import Foundation
import NodeAPI
import NodeClient

/// `sopro-node inquiries erase`: erases every inquiry of one person, on their request.
struct InquiriesEraseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase every inquiry of one e-mail address at this node (on the person's request).",
        discussion: """
            Erases them here only: ask the partner nodes the inquiries were referred to \
            (see `inquiries show`) to erase their copies too.
            """)

    @OptionGroup var person: PersonEmailArgument

    @OptionGroup var connection: InquiryConnectionOptions

    func run() async throws {
        let (node, token) = try connection.connect()
        let erased = try await node.run { try await $0.erasePersonalData(email: person.email, token: token) }
        say("erased \(erased) inquir\(erased == 1 ? "y" : "ies") of \(person.email)")
    }
}
