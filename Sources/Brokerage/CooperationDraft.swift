import CatalogueStore
import DirectoryModel
import Foundation

/// A realised inquiry as the draft of a cooperation entry: an entry file an editor completes,
/// checks (`sopro-node check`) and publishes. It carries the facts the catalogue may show — the
/// region, the enterprises and products, the kind of client — and none of the asker's personal
/// data (name, e-mail, phone).
///
/// The asker's own words (the need) and their organisation's name are not put into the public
/// fields: the asker wrote them to the desk, not to the catalogue. They appear only as comments,
/// which are never published, and the title is left for the editor to write — so the draft does
/// not pass `check` until someone has chosen what becomes public.
enum CooperationDraft {
    static func yaml(
        for inquiry: Inquiry, enterprises: [String], products: [String], id: String = EntryID.make().rawValue,
        today: String
    ) -> String {
        let language = inquiry.submission.language.language
        var lines = [
            "# Draft of a cooperation from inquiry \(inquiry.id) (\(inquiry.state.rawValue)).",
            "# Write the public title and description (this file has none yet, so `sopro-node check`",
            "# refuses it until you do), complete the rest (contracting, period, outcome), check it,",
            "# then publish it. It holds none of the asker's personal data. What the asker wrote, for",
            "# reference only — comments are never published; copy only what they agreed to show:",
        ]
        for line in inquiry.submission.need.split(separator: "\n", omittingEmptySubsequences: false).prefix(40) {
            lines.append("#   " + line.replacingOccurrences(of: "\t", with: " "))
        }
        if let organisation = inquiry.submission.organisation {
            lines.append("# The client organisation: \(organisation) — name it only with its consent.")
        }
        lines += [
            "kind: cooperation",
            "id: \(id)",
            "# title: {\(language): \"…\"}",
            "# description: {\(language): \"…\"}",
            "enterprises: [\(enterprises.joined(separator: ", "))]",
        ]
        if !products.isEmpty { lines.append("products: [\(products.joined(separator: ", "))]") }
        lines += [
            "partners: [{name: \("TODO: the client's name, with its consent".yamlQuoted), type: \(inquiry.submission.organisationType.rawValue)}]",
            "contracting: [co-development]",
            "regions: [\(inquiry.submission.deliveryRegion.rawValue)]",
            "period: {start: \(today.prefix(7))}",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
