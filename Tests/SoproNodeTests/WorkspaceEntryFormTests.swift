import AsyncHTTPClient
import CatalogueStore
import DirectoryModel
import Foundation
import Logging
import NIOHTTP1
import SyncProtocol
import Testing

@testable import NodeServer
@testable import SoproNode
@testable import Workspace

/// Keeping entries in the workspace through the real HTTP server: create, edit, translate, an
/// edit that meets another region's change, resolving a conflict with one click, retract and
/// restore — each arriving at a mirror with the editor recorded.
@Suite(.tags(.live)) struct WorkspaceEntryFormTests {
    /// Two regional nodes and a mirror of one federation, synchronised by hand.
    struct Federation {
        let lower: WorkspaceSignInTests.Served
        let vienna: CatalogueNode
        let mirror: CatalogueNode

        static func make() async throws -> Federation {
            let lowerKey = NodeKey()
            let viennaKey = NodeKey()
            let roster = AuthorRoster([
                TrustedAuthor(id: lowerKey.authorID, region: "AT12", name: "NÖ"),
                TrustedAuthor(id: viennaKey.authorID, region: "AT13", name: "Wien"),
            ])
            func node(
                _ mode: NodeMode, _ name: String, store: SQLiteChangeStore? = nil
            ) async throws -> CatalogueNode {
                try await CatalogueNode(
                    store: try store ?? SQLiteChangeStore.inMemory(),
                    acceptance: ChangeAcceptance(roster: roster, schema: CatalogueSchema.fieldSchema), mode: mode,
                    name: name)
            }
            let lowerStore = try SQLiteChangeStore.inMemory()
            let lower = try await node(.regional(key: lowerKey, region: "AT12"), "NÖ", store: lowerStore)
            let clock = EditorAccountsTests.TestClock()
            let accounts = try EditorAccounts(
                store: SQLiteAccountStore(sharing: lowerStore), policy: EditorAccountsTests.policy, now: clock.now)
            return Federation(
                lower: .init(accounts: accounts, clock: clock, node: lower, desk: try InquiryTests.desk(for: lower)),
                vienna: try await node(.regional(key: viennaKey, region: "AT13"), "Wien"),
                mirror: try await node(.mirror, "mirror"))
        }

        /// Everything `source` holds that `target` lacks, delivered.
        static func sync(_ source: CatalogueNode, to target: CatalogueNode) async throws {
            let page = try await source.store.changes(
                missingFrom: try await target.store.versionVector(), maximumCount: 10_000, maximumBytes: 1 << 26)
            let results = try await target.receive(page.changes)
            #expect(results.allSatisfy { $0 == .accepted || $0 == .duplicate }, "\(results)")
        }
    }

    /// The hidden inputs of a form page, and every input's name and value as a browser sends it
    /// (text inputs and checked boxes, selected options).
    static func formPairs(_ page: String) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for match in page.matches(of: /<input ([^>]*)>/) {
            let attributes = String(match.1)
            guard let name = attribute("name", in: attributes) else { continue }
            let type = attribute("type", in: attributes) ?? "text"
            if type == "checkbox", !attributes.contains(" checked") { continue }
            pairs.append((name, attribute("value", in: attributes) ?? ""))
        }
        for match in page.matches(of: /<textarea ([^>]*)>([^<]*)<\/textarea>/) {
            if let name = attribute("name", in: String(match.1)) { pairs.append((name, unescape(String(match.2)))) }
        }
        for match in page.matches(of: /<select [^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/) {
            if let selected = String(match.2).firstMatch(of: /<option value="([^"]*)" selected>/) {
                pairs.append((String(match.1), unescape(String(selected.1))))
            }
        }
        return pairs
    }

    static func attribute(_ name: String, in attributes: String) -> String? {
        guard let range = attributes.range(of: " \(name)=\"") ?? attributes.range(of: "\(name)=\""),
            range.lowerBound == attributes.startIndex || attributes[attributes.index(before: range.upperBound)] == "\""
        else { return nil }
        return unescape(String(attributes[range.upperBound...].prefix { $0 != "\"" }))
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func replacing(_ pairs: [(String, String)], _ name: String, with value: String) -> [(String, String)] {
        pairs.filter { $0.0 != name } + [(name, value)]
    }

    @Test func anEditorCreatesEditsTranslatesResolvesRetractsAndRestores() async throws {
        let federation = try await Federation.make()
        let lower = federation.lower.node
        let (_, password) = try await federation.lower.accounts.add(
            name: "Eva Berger", email: "eva@noe.example.at", role: .editor)
        try await federation.lower.serve { browser in
            #expect(try await browser.signIn("eva@noe.example.at", password).status == .seeOther)

            // Create: the empty form refuses to publish and says why, at the fields.
            let new = try await browser.get("/workspace/new/enterprise?lang=de")
            #expect(new.status == .ok)
            let action = try #require(
                new.body.firstMatch(of: /action="(\/workspace\/enterprise\/([0-9a-f-]{36})\/edit)[^"]*"/))
            let editPath = String(action.1)
            let id = String(action.2)
            let empty = try await browser.post(
                editPath + "?lang=de", Self.formPairs(new.body) + [("action", "publish")])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.contains("ist in mindestens einer Sprache (de, hu oder en) auszufüllen"))
            #expect(empty.body.contains("aria-invalid=\"true\""))
            #expect(try await lower.catalogueEntry(kind: "enterprise", id: id) == nil)

            var filled = Self.formPairs(new.body)
            for (name, value) in [
                ("name.de", "Holzwerkstatt Probe"), ("socialModel", "work-integration"), ("region", "AT12"),
                ("address.locality", "St. Pölten"), ("address.country", "AT"), ("legalForm", "Verein"),
                ("description.de", "Tischlerei mit 12 Transitarbeitsplätzen."),
            ] { filled = Self.replacing(filled, name, with: value) }
            filled.append(("sectors", "16"))
            // A preview shows the public page and publishes nothing.
            let preview = try await browser.post(editPath, filled + [("action", "preview")])
            #expect(preview.status == .ok)
            #expect(preview.body.contains("Holzwerkstatt Probe") && preview.body.contains("class=\"preview\""))
            #expect(try await lower.catalogueEntry(kind: "enterprise", id: id) == nil)
            let created = try await browser.post(editPath, filled + [("action", "publish")])
            #expect(created.status == .seeOther, "\(created.body.prefix(2000))")
            let stored = try #require(try await lower.visibleEntry(kind: .enterprise, id: id))
            #expect(stored.provenance.latest?.editor == "Eva Berger")

            // Edit and translate: only what changed is written.
            let edit = try await browser.get(editPath + "?lang=en")
            #expect(edit.status == .ok && edit.body.contains("Holzwerkstatt Probe"))
            // An empty language shows what readers see instead.
            #expect(edit.body.contains("class=\"fallback\""))
            var translated = Self.replacing(Self.formPairs(edit.body), "name.hu", with: "Próba Asztalosműhely")
            translated = Self.replacing(translated, "legalForm", with: "gemeinnütziger Verein")
            let before = try await lower.store.heads()[try #require(lower.authorID)]?.seq
            #expect(try await browser.post(editPath, translated + [("action", "publish")]).status == .seeOther)
            let edited = try #require(try await lower.visibleEntry(kind: .enterprise, id: id))
            #expect(edited.document["name"]?["hu"] == .string("Próba Asztalosműhely"))
            #expect(edited.document["legalForm"] == .string("gemeinnütziger Verein"))
            #expect(edited.state.register("name.hu")?.winner?.editor == "Eva Berger")
            // The same form again: nothing to write, no change signed.
            let after = try await lower.store.heads()[try #require(lower.authorID)]?.seq
            let unchanged = try await browser.get(editPath)
            #expect(
                try await browser.post(editPath, Self.formPairs(unchanged.body) + [("action", "publish")]).status
                    == .seeOther)
            #expect(try await lower.store.heads()[try #require(lower.authorID)]?.seq == after)
            #expect(after == before.map { $0 + 1 })

            // Vienna's editor changes the description while Eva has the form open.
            try await Federation.sync(lower, to: federation.vienna)
            let open = try await browser.get(editPath)
            var vienna = try #require(try await federation.vienna.visibleEntry(kind: .enterprise, id: id)?.entry)
            guard case .enterprise(var enterprise) = vienna else { throw CancellationError() }
            enterprise.description[.english] = "A joinery with 12 transitional jobs."
            enterprise.description[.german] = "Tischlerei mit 14 Transitarbeitsplätzen."
            enterprise.legalForm = "Verein (ZVR 123)"
            vienna = .enterprise(enterprise)
            _ = try await federation.vienna.publish(
                [PublishItem(entry: vienna, document: vienna.document)], editor: "Jakob")
            try await Federation.sync(federation.vienna, to: lower)
            // Eva changes the German description too: refused with both values shown.
            let collided = try await browser.post(
                editPath,
                Self.replacing(Self.formPairs(open.body), "description.de", with: "Tischlerei mit 13 Plätzen.")
                    + [("action", "publish")])
            #expect(collided.status == .conflict)
            #expect(
                collided.body.contains("Tischlerei mit 14 Transitarbeitsplätzen.")
                    && collided.body.contains("13 Plätzen"))
            let standing = try #require(try await lower.visibleEntry(kind: .enterprise, id: id))
            #expect(standing.document["description"]?["de"] == .string("Tischlerei mit 14 Transitarbeitsplätzen."))
            // A change of another field from the same old form keeps Vienna's changes.
            let other = try await browser.post(
                editPath,
                Self.replacing(Self.formPairs(open.body), "address.postalCode", with: "3100") + [("action", "publish")])
            #expect(other.status == .seeOther)
            let merged = try #require(try await lower.visibleEntry(kind: .enterprise, id: id))
            #expect(merged.document["description"]?["en"] == .string("A joinery with 12 transitional jobs."))
            #expect(merged.document["legalForm"] == .string("Verein (ZVR 123)"))
            #expect(merged.document["address"]?["postalCode"] == .string("3100"))

            // A real conflict: both regions write the legal form without seeing each other.
            try await Federation.sync(lower, to: federation.vienna)
            let lowerEdit = try await browser.get(editPath)
            #expect(
                try await browser.post(
                    editPath,
                    Self.replacing(Self.formPairs(lowerEdit.body), "legalForm", with: "Verein NÖ")
                        + [("action", "publish")]
                ).status == .seeOther)
            var concurrent = try #require(try await federation.vienna.visibleEntry(kind: .enterprise, id: id)?.entry)
            guard case .enterprise(var viennese) = concurrent else { throw CancellationError() }
            viennese.legalForm = "Verein Wien"
            concurrent = .enterprise(viennese)
            _ = try await federation.vienna.publish(
                [PublishItem(entry: concurrent, document: concurrent.document)], editor: "Jakob")
            try await Federation.sync(federation.vienna, to: lower)
            let conflicted = try #require(try await lower.catalogueEntry(kind: "enterprise", id: id))
            let register = try #require(conflicted.state.register("legalForm"))
            #expect(register.conflicts.count == 1)
            let page = try await browser.get("/workspace/enterprise/\(id)?lang=en")
            #expect(page.status == .ok)
            let lost = try #require(register.conflicts.first)
            let lostValue = lost.value == .string("Verein Wien") ? "Verein Wien" : "Verein NÖ"
            #expect(page.body.contains(lostValue) && page.body.contains("Keep this value"))
            let csrf = try #require(WorkspaceSignInTests.Browser.formValue("csrf", in: page.body))
            let kept = try await browser.post(
                "/workspace/enterprise/\(id)/keep",
                [("csrf", csrf), ("field", "legalForm"), ("tag", lost.tag.description)])
            #expect(kept.status == .seeOther && kept.location?.contains("kept=1") == true)
            let resolved = try #require(try await lower.catalogueEntry(kind: "enterprise", id: id))
            #expect(resolved.state.register("legalForm")?.conflicts.isEmpty == true)
            #expect(resolved.document["legalForm"] == .string(lostValue))
            // Without the form token, nothing happens.
            #expect(
                try await browser.post(
                    "/workspace/enterprise/\(id)/retract",
                    [("csrf", (csrf.hasPrefix("0") ? "1" : "0") + csrf.dropFirst())]
                ).status
                    == .forbidden)

            // Retract, behind a confirmation, and restore.
            let confirm = try await browser.get("/workspace/enterprise/\(id)/retract?lang=en")
            #expect(confirm.status == .ok && confirm.body.contains("Yes, retract"))
            #expect(try await browser.post("/workspace/enterprise/\(id)/retract", [("csrf", csrf)]).status == .seeOther)
            #expect(try await lower.visibleEntry(kind: .enterprise, id: id) == nil)
            try await Federation.sync(lower, to: federation.mirror)
            #expect(try await federation.mirror.visibleEntry(kind: .enterprise, id: id) == nil)
            #expect(try await browser.post("/workspace/enterprise/\(id)/restore", [("csrf", csrf)]).status == .seeOther)
            #expect(try await lower.visibleEntry(kind: .enterprise, id: id) != nil)

            // The mirror holds what the workspace published, with who did it.
            try await Federation.sync(lower, to: federation.mirror)
            let mirrored = try #require(try await federation.mirror.visibleEntry(kind: .enterprise, id: id))
            #expect(mirrored.document["name"]?["hu"] == .string("Próba Asztalosműhely"))
            #expect(mirrored.document["legalForm"] == .string(lostValue))
            #expect(mirrored.state.register("name.hu")?.winner?.editor == "Eva Berger")
            #expect(mirrored.state.register("legalForm")?.winner?.editor == "Eva Berger")
            #expect(mirrored.state.retraction.winner?.editor == "Eva Berger")
            #expect(try await federation.mirror.store.digest() == (try await lower.store.digest()))

            // Each field's history, from the signed log, on both nodes: every value the legal
            // form has had, newest first, with who wrote it.
            // (The one kept, the two concurrent writes — the winner, then the one that lost —
            // and the three before.)
            func editor(_ value: String) -> String { value == "Verein Wien" ? "Jakob" : "Eva Berger" }
            let winnerValue = lostValue == "Verein Wien" ? "Verein NÖ" : "Verein Wien"
            let expected: [(String, String)] = [
                (lostValue, "Eva Berger"), (winnerValue, editor(winnerValue)), (lostValue, editor(lostValue)),
                ("Verein (ZVR 123)", "Jakob"), ("gemeinnütziger Verein", "Eva Berger"), ("Verein", "Eva Berger"),
            ]
            for node in [lower, federation.mirror] {
                let state = try #require(try await node.catalogueEntry(kind: "enterprise", id: id)).state
                let history = try await node.history(of: state, register: "legalForm")
                let pairs = history.compactMap { write in write.value.string.map { ($0, write.editor) } }
                #expect(pairs.map(\.0) == expected.map(\.0) && pairs.map(\.1) == expected.map(\.1), "\(pairs)")
                #expect(try await node.history(of: state, register: "legalForm", limit: 2).count == 2)
            }
            let historyPage = try await browser.get("/workspace/enterprise/\(id)?lang=en")
            #expect(
                historyPage.body.contains("5 earlier values") && historyPage.body.contains("„Verein (ZVR 123)“ — Jakob")
            )
            // Every time shown is also machine-readable (the W3C checker refuses "… UTC" alone).
            let times = historyPage.body.components(separatedBy: "<time").count - 1
            let readable = historyPage.body.matches(of: /<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">/).count
            #expect(times > 5 && readable == times, "\(readable) of \(times)")

            // An object register reads by its members' labels, not as JSON.
            let located = Self.replacing(
                Self.replacing(Self.formPairs(try await browser.get(editPath).body), "geo.latitude", with: "48,2"),
                "geo.longitude", with: "15,63")
            #expect(try await browser.post(editPath, located + [("action", "publish")]).status == .seeOther)
            let locatedPage = try await browser.get("/workspace/enterprise/\(id)?lang=en")
            #expect(locatedPage.body.contains("<th scope=\"row\">Position</th><td>Latitude: 48.2; Longitude: 15.63"))
        }
    }

    @Test func aNewEnterpriseThatIsLikelyADuplicateNeedsAConfirmation() async throws {
        let federation = try await Federation.make()
        let lower = federation.lower.node
        let existing = Entry.enterprise(
            Enterprise(
                id: EntryID.make(), name: [.german: "Wandeltreppe"], socialModel: .workIntegration,
                region: try NUTSCode(parsing: "AT12"),
                address: Address(postalCode: "3100", locality: "St. Pölten", country: try CountryCode(parsing: "AT"))))
        _ = try await lower.publish([PublishItem(entry: existing, document: existing.document)], editor: "import")
        let (_, password) = try await federation.lower.accounts.add(
            name: "Eva Berger", email: "eva@noe.example.at", role: .editor)
        try await federation.lower.serve { browser in
            #expect(try await browser.signIn("eva@noe.example.at", password).status == .seeOther)
            let new = try await browser.get("/workspace/new/enterprise?lang=en")
            let action = try #require(
                new.body.firstMatch(of: /action="(\/workspace\/enterprise\/([0-9a-f-]{36})\/edit)[^"]*"/))
            var filled = Self.formPairs(new.body)
            for (name, value) in [
                ("name.de", "Wandeltreppe"), ("socialModel", "work-integration"), ("region", "AT12"),
                ("address.postalCode", "3100"), ("address.locality", "St. Pölten"), ("address.country", "AT"),
            ] { filled = Self.replacing(filled, name, with: value) }
            let warned = try await browser.post(String(action.1), filled + [("action", "publish")])
            #expect(warned.status == .conflict)
            #expect(
                warned.body.contains("Diesen Eintrag gibt es vielleicht schon")
                    && warned.body.contains(existing.id.rawValue), "\(warned.body.prefix(3000))")
            #expect(try await lower.catalogueEntry(kind: "enterprise", id: String(action.2)) == nil)
            let confirmed = try await browser.post(
                String(action.1), filled + [("confirmDuplicate", "1"), ("action", "publish")])
            #expect(confirmed.status == .seeOther)
            #expect(try await lower.visibleEntry(kind: .enterprise, id: String(action.2)) != nil)
        }
    }
}
