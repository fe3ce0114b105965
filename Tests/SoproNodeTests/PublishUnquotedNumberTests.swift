import CatalogueStore
import DirectoryModel
import EntryDocuments
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import NodeServer
import SoproNode
import SyncProtocol
import Testing

/// An unquoted number in a text field is read as its text, by `check` and by `publish` alike
/// (Examples/entries.yaml: "quoted or not: both are read as text"). Measured before: `check`
/// passed, `publish` answered 500 (the number was signed as an integer, which the field schema
/// refuses).
@Suite struct PublishUnquotedNumberTests {
    @Test func numbersInTextFieldsArePublishedAsText() async throws {
        let key = NodeKey()
        let made = NodeConfiguration.makeEditor(named: "maria")
        var configuration = NodeConfiguration(name: "NÖ", region: "AT12", mode: .node)
        configuration.editors = [made.editor]
        let node = try await CatalogueNode(
            store: try SQLiteChangeStore.inMemory(),
            acceptance: ChangeAcceptance(
                roster: AuthorRoster([TrustedAuthor(id: key.authorID, region: "AT12", name: "NÖ")]),
                schema: CatalogueSchema.fieldSchema),
            mode: .regional(key: key, region: "AT12"), name: "NÖ")
        var text = try String(contentsOf: examplesDirectory.appendingPathComponent("entries.yaml"), encoding: .utf8)
        for (quoted, plain) in [
            (#"postalCode: "3100""#, "postalCode: 3100"), ("locality: St. Pölten", "locality: 3100"),
            ("companyRegisterNumber: FN 123456a", "companyRegisterNumber: 5678"),
        ] {
            #expect(text.contains(quoted))
            text = text.replacingOccurrences(of: quoted, with: plain)
        }
        let file = try decoder.decode(text, name: "entries.yaml")
        #expect(file.issues.isEmpty, "check passes: \(file.issues)")
        let enterprise = try #require(file.entries.first { $0.entry.kind == .enterprise })
        // What `sopro-node publish` sends: the documents as written, with the kind of a
        // bundle's entries written out.
        let documents = file.entries.map { sourced -> DocumentValue in
            guard case .object(var object) = sourced.document else { return sourced.document }
            if object["kind"] == nil { object["kind"] = .string(sourced.entry.kind.rawValue) }
            return .object(object)
        }
        struct Body: Encodable { var entries: [DocumentValue] }
        let body = ByteBuffer(data: try JSONEncoder().encode(Body(entries: documents)))
        try await buildApplication(node: node, editors: EditorAuthenticator(configuration: configuration)).test(
            .router
        ) { client in
            try await client.execute(
                uri: "/v1/publish", method: .post, headers: [.authorization: "Bearer \(made.token)"], body: body
            ) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
            }
            try await client.execute(
                uri: "/v1/entries/enterprise/\(enterprise.entry.id.rawValue)", method: .get
            ) { response in
                #expect(response.status == .ok)
                let json = String(buffer: response.body)
                #expect(json.contains(#""postalCode":"3100""#), "the digits as written: \(json.prefix(400))")
                #expect(json.contains(#""locality":"3100""#))
                #expect(json.contains(#""companyRegisterNumber":"5678""#))
            }
        }
    }
}
