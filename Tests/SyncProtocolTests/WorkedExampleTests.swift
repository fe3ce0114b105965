import Foundation
import SyncProtocol
import Testing

/// Checks the worked example in docs/protocol.md against the implementation, so the document
/// cannot drift from the code.
@Suite struct WorkedExampleTests {
    struct Example {
        var values: [String: String] = [:]
        var payload = Data()
    }

    static func readExample() throws -> Example {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/protocol.md")
        let document = try String(contentsOf: url, encoding: .utf8)
        let section = try #require(
            document.components(separatedBy: "<!-- worked-example:begin -->").last?.components(
                separatedBy: "<!-- worked-example:end -->"
            ).first)
        var example = Example()
        for line in section.split(separator: "\n") where line.hasPrefix("- ") {
            guard let colon = line.firstIndex(of: ":"),
                let open = line[colon...].firstIndex(of: "`"),
                let close = line[line.index(after: open)...].firstIndex(of: "`")
            else { continue }
            let name = String(line.dropFirst(2)[..<colon])
            example.values[name] = String(line[line.index(after: open)..<close])
        }
        let fenced = try #require(
            section.components(separatedBy: "```text\n").last?.components(separatedBy: "\n```").first)
        example.payload = Data(fenced.utf8)
        return example
    }

    @Test func theDocumentedChangeVerifies() throws {
        let example = try Self.readExample()
        let seedHex = try #require(example.values["Seed"])
        let key = try NodeKey(seed: try #require(Hex.decode(seedHex)))
        #expect(key.authorID.rawValue == example.values["Author id"])
        let signatureHex = try #require(example.values["Signature (hex)"])
        let signature = try #require(Hex.decode(signatureHex))
        #expect(Data(signature).base64EncodedString() == example.values["Signature (base64)"])
        let signed = SignedChange(payload: example.payload, signature: Data(signature))
        let change = try signed.verified()
        #expect(change.id.rawValue == example.values["Change id"])
        #expect(change.author == key.authorID)
        #expect(change.tag(ofOperation: 0).rawValue == example.values["Tag of the first operation"])
        // Signing the same operations again gives exactly the documented bytes (Ed25519 is
        // deterministic and our payloads are canonical JSON).
        let resigned = try ChangeSigner.sign(
            operations: change.operations, editor: change.editor, seq: change.seq, previous: change.previous,
            hlc: change.hlc, key: key)
        #expect(resigned == signed)
        var state = CatalogueState()
        state.apply(change)
        #expect(state.digest == example.values["State digest after applying only this change"])
        #expect(example.payload.count == 455)
    }
}
