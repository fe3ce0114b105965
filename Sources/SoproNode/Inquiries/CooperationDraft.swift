import DirectoryModel
import Foundation

/// A realised inquiry as the draft of a cooperation entry: an entry file an editor completes,
/// checks (`sopro-node check`) and publishes. It carries what the catalogue may show — the
/// need, the region, the enterprises and products, the client organisation — and none of the
/// asker's personal data (name, e-mail, phone).
enum CooperationDraft {
    static func yaml(
        for inquiry: Inquiry, enterprises: [String], products: [String], id: String = EntryID.make().rawValue,
        today: String
    ) -> String {
        let language = inquiry.submission.language.language
        let need = inquiry.submission.need
        let title = need.split(whereSeparator: \.isNewline).first.map { String($0.prefix(150)) } ?? need
        let partner = inquiry.submission.organisation ?? "TODO: the client organisation's name"
        var lines = [
            "# Draft of a cooperation from inquiry \(inquiry.id) (\(inquiry.state.rawValue)).",
            "# Complete it (titles in other languages, contracting, period, outcome), check it with",
            "# `sopro-node check`, then publish it. It holds none of the asker's personal data.",
            "kind: cooperation",
            "id: \(id)",
            "title: {\(language): \(title.yamlQuoted)}",
            "description: {\(language): \(String(need.prefix(4000)).yamlQuoted)}",
            "enterprises: [\(enterprises.joined(separator: ", "))]",
        ]
        if !products.isEmpty { lines.append("products: [\(products.joined(separator: ", "))]") }
        lines += [
            "partners: [{name: \(partner.yamlQuoted), type: \(inquiry.submission.organisationType.rawValue)}]",
            "contracting: [co-development]",
            "regions: [\(inquiry.submission.deliveryRegion.rawValue)]",
            "period: {start: \(today.prefix(7))}",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
