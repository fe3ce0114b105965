import ArgumentParser
import CatalogueStore
import Foundation

/// `sopro-node list`: the catalogue's entries, filtered.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List catalogue entries, with filters.",
        discussion: """
            Lists the visible entries of a node's catalogue (every region's), ordered by kind \
            and id: a table on a terminal, the node's JSON with --json.

            Examples:
              sopro-node list --kind enterprise --region AT12
              sopro-node list --kind product --category 39 --json \\
                --node https://catalogue.example.org
            """
    )

    @OptionGroup var filters: CatalogueFilterOptions

    @OptionGroup var data: DataDirectoryOptions

    @OptionGroup var node: NodeOptions

    func run() async throws {
        let connection = NodeConnection(url: try node.url(data: data))
        let (items, more) = try await CataloguePages.items(
            at: connection, query: filters.queryItems, limit: filters.limit)
        if filters.json {
            sayJSON(try JSONEncoder().encode(CataloguePages.Listing(items: items)))
            return
        }
        sayTable(
            ["KIND", "ID", "REGION", "NAME"],
            items.map { item in
                [
                    item.kind, item.id, item.region ?? "",
                    CataloguePages.name(of: item) + (item.lighthouse ? " ★" : ""),
                ]
            })
        say(
            CataloguePages.countLine(
                items.count, more: more, singular: "entry", plural: "entries", limit: filters.limit))
    }
}
