import ArgumentParser
import CatalogueStore
import Foundation

/// `sopro-node search`: full-text search in every language.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search names and descriptions in every language.",
        discussion: """
            Finds entries whose names or descriptions contain all the words (the last may be \
            the start of a word; accents are ignored, so "muhely" finds "műhely"), best \
            matches first, with the matching text in «guillemets».

            Examples:
              sopro-node search holz
              sopro-node search "textil reparatur" --lang de --kind product --json
            """
    )

    @Argument(help: "The words to find.")
    var words: [String]

    @Option(help: ArgumentHelp("Search only texts in this language (de, hu, en …).", valueName: "code"))
    var lang: String?

    @OptionGroup var filters: CatalogueFilterOptions

    @OptionGroup var data: DataDirectoryOptions

    @OptionGroup var node: NodeOptions

    func run() async throws {
        let connection = NodeConnection(url: try node.url(data: data))
        let query = [("q", words.joined(separator: " ")), ("lang", lang)] + filters.queryItems
        let (items, more) = try await CataloguePages.items(at: connection, query: query, limit: filters.limit)
        if filters.json {
            sayJSON(try JSONEncoder().encode(CataloguePages.Listing(items: items)))
            return
        }
        sayTable(
            ["KIND", "ID", "NAME", "MATCH"],
            items.map { item in
                [
                    item.kind, item.id,
                    CataloguePages.name(of: item, language: lang), CataloguePages.snippet(of: item),
                ]
            }, maximumWidth: 60)
        say(
            CataloguePages.countLine(
                items.count, more: more, singular: "match", plural: "matches", limit: filters.limit))
    }
}
