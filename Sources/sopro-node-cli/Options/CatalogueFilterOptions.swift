import ArgumentParser
import DirectoryModel

/// Filters shared by `list` and `search`, passed to `GET /v1/entries` as they are.
struct CatalogueFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only entries of this kind: enterprise, product, cooperation.", valueName: "kind"))
    var kind: EntryKind?

    @Option(help: ArgumentHelp("Only entries in this NUTS region (e.g. AT12).", valueName: "code"))
    var region: String?

    @Option(help: ArgumentHelp("Only products in this CPV code or division (e.g. 39).", valueName: "code"))
    var category: String?

    @Option(help: ArgumentHelp("Only enterprises in this NACE code or section (e.g. C).", valueName: "code"))
    var sector: String?

    @Option(help: ArgumentHelp("Only entries with this social model (e.g. work-integration).", valueName: "model"))
    var socialModel: String?

    @Flag(help: "Only lighthouse examples.")
    var lighthouse = false

    @Option(help: "At most this many entries (1–10000).")
    var limit = 50

    @Flag(help: "Print the node's JSON instead of a table.")
    var json = false

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 10000") }
    }

    var queryItems: [(String, String?)] {
        [
            ("kind", kind?.rawValue), ("region", region), ("category", category), ("sector", sector),
            ("socialModel", socialModel), ("lighthouse", lighthouse ? "true" : nil),
        ]
    }
}

extension EntryKind: ExpressibleByArgument {}
