import ArgumentParser
import Brokerage
import DirectoryModel
import Foundation
import SoproNode

/// `sopro-node inquiries`: the operators' work on inquiries, through the node's API.
struct InquiriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inquiries",
        abstract: "Work on inquiries: list, show with matches, change state, refer, personal data.",
        discussion: """
            Inquiries are what companies and public bodies ask for through a regional node's \
            form (/inquiry) or its API. They hold personal data: they stay at the node that \
            received them and the nodes they are referred to, and are never part of the signed \
            catalogue. Every subcommand talks to the node over HTTP with an editor token.

            Examples:
              export SOPRO_EDITOR_TOKEN=sopro_…
              sopro-node inquiries list --state new
              sopro-node inquiries show 5c1d…
              sopro-node inquiries status 5c1d… in-contact --note "Called Ms Berger"
              sopro-node inquiries refer 5c1d… AT12 --note "A wood workshop near you?"
              sopro-node inquiries draft 5c1d… > cooperation.yaml
              sopro-node inquiries export anna@example.org > anna.json
              sopro-node inquiries erase anna@example.org
            """,
        subcommands: [
            InquiriesListCommand.self, InquiriesShowCommand.self, InquiriesStatusCommand.self,
            InquiriesReferCommand.self, InquiriesDraftCommand.self, InquiriesExportCommand.self,
            InquiriesEraseCommand.self,
        ],
        defaultSubcommand: InquiriesListCommand.self
    )
}

/// What every `inquiries` subcommand needs: where the node is and the editor token.
struct InquiryConnectionOptions: ParsableArguments {
    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var node: NodeOptions
    @OptionGroup var editor: EditorTokenOptions

    func connect() throws -> (NodeConnection, String) {
        (NodeConnection(url: try node.url(data: data)), try editor.token())
    }
}

/// The person a data request is about, by e-mail address (checked before anything is sent).
struct PersonEmailArgument: ParsableArguments {
    @Argument(help: "The person's e-mail address.")
    var email: String

    func validate() throws {
        if (try? EmailAddress(parsing: email)) == nil { throw ValidationError("\(email) is not an e-mail address") }
    }
}

extension Inquiry {
    /// The first line of the need, shortened for a table.
    var summary: String {
        let line = submission.need.split(whereSeparator: \.isNewline).first.map(String.init) ?? submission.need
        return line.count > 60 ? String(line.prefix(59)) + "…" : line
    }

    var sourceText: String {
        switch source.channel {
        case .form: "form"
        case .api: "api"
        case .referral: "referred by \(source.fromName ?? "?")"
        }
    }
}

/// A time (ms since 1970) as `2026-11-29 14:03 UTC`.
func utcTime(_ milliseconds: Int64) -> String {
    Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        .formatted(.iso8601.year().month().day().dateTimeSeparator(.space).time(includingFractionalSeconds: false))
        .prefix(16) + " UTC"
}
