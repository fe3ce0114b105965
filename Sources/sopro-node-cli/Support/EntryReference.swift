import ArgumentParser
import DirectoryModel
import NodeClient

/// An entry named on the command line: its id, or KIND/ID. Without the kind, `resolve(at:)`
/// asks the node which kind the id has.
struct EntryReference {
    var kind: EntryKind?
    var id: EntryID

    /// For `@Argument(transform:)`: a bad reference is a usage error naming what is wrong.
    init(parsing text: String) throws {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        if parts.count == 2 {
            guard let kind = EntryKind(rawValue: parts[0]) else {
                throw ValidationError("\(parts[0]) is not a kind (enterprise, product, cooperation)")
            }
            self.kind = kind
        }
        guard let id = try? EntryID(parsing: parts.last ?? "") else {
            throw ValidationError("not an entry id (a UUID)")
        }
        self.id = id
    }

    /// The kind and id; an entry the node does not have ends the command (exit 1).
    func resolve(at connection: NodeConnection) async throws -> (kind: EntryKind, id: String) {
        if let kind { return (kind, id.rawValue) }
        for kind in EntryKind.allCases
        where try await connection.run({ try await $0.entry(kind: kind.rawValue, id: id.rawValue) }) != nil {
            return (kind, id.rawValue)
        }
        printError("error: the node has no entry \(id.rawValue)")
        throw ExitCode(1)
    }
}
