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

    static func readExample(_ marker: String = "worked-example") throws -> Example {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/protocol.md")
        let document = try String(contentsOf: url, encoding: .utf8)
        let section = try #require(
            document.components(separatedBy: "<!-- \(marker):begin -->").last?.components(
                separatedBy: "<!-- \(marker):end -->"
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

    /// The second documented change: eleven writes of one register, a remove naming another
    /// element's tag, an unknown op.
    @Test func theSecondDocumentedChangePinsTheSubtlePoints() throws {
        let first = try Self.readExample()
        let second = try Self.readExample("worked-example-2")
        let seed = try #require(first.values["Seed"].flatMap(Hex.decode))
        let key = try NodeKey(seed: seed)
        let firstSignature = try #require(first.values["Signature (hex)"].flatMap(Hex.decode))
        let firstChange = try SignedChange(payload: first.payload, signature: Data(firstSignature)).verified()
        let signature = try #require(second.values["Signature (hex)"].flatMap(Hex.decode))
        #expect(Data(signature).base64EncodedString() == second.values["Signature (base64)"])
        let change = try SignedChange(payload: second.payload, signature: Data(signature)).verified()
        #expect(change.id.rawValue == second.values["Change id"])
        #expect(change.previous == firstChange.id)
        #expect(change.author == key.authorID)
        var replica = Replica(
            acceptance: ChangeAcceptance(
                roster: AuthorRoster([TrustedAuthor(id: key.authorID, region: "AT12", name: "NÖ")]), schema: testSchema)
        )
        #expect(replica.receive([firstChange.signed, change.signed], now: change.hlc.time) == [.accepted, .accepted])
        let entry = try #require(
            replica.state[EntryKey(kind: "enterprise", id: "3664d6c4-7277-4bf1-8088-6e144507ea6d")])
        let winner = try #require(second.values["Winner of name.hu"])
        #expect(entry.register("name.hu")?.value == .string(winner))
        #expect(entry.set("sectors")?.values == ["16.23"])
        #expect(replica.state[EntryKey(kind: "enterprise", id: "3664d6c4-7277-4bf1-8088-6e144507ea6e")] == nil)
        #expect(
            String(decoding: CanonicalJSON.encode(entry.digestValue), as: UTF8.self)
                == second.values["Entry state after both changes (canonical JSON)"])
        #expect(replica.digest == second.values["State digest after both changes"])
    }
}
