import CatalogueStore
import DirectoryModel
import Foundation
import SoproTestSupport
import SyncProtocol
import Testing

@testable import Brokerage

/// What the matcher reads fast must read the same: words folded scalar by scalar as Foundation
/// folds whole texts, and a set of entries read in one transaction as each is read alone.
@Suite struct MatcherReadingTests {
    /// The matcher's words before: Foundation's folding of the text, split at what is neither a
    /// letter nor a digit (`Character`-wise).
    static func foundationWords(_ text: String) -> [String] {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    @Test(arguments: [
        "Holzspielzeug für Kindergärten", "Műhelyben készült óvodai bútor", "STRASSE Straße, Öko-Wäsche!",
        "Büroreinigung: 2×/Woche (ab 1.1.)", "e\u{301}tterem — decomposed", "ŐRSÉG ÁRVÍZTŰRŐ TÜKÖRFÚRÓGÉP",
        "  leading and trailing  ", "", "a1b2 c3", "Ångström ŁÓDŹ čćž",
    ])
    func wordsFoldLikeFoundation(_ text: String) {
        #expect(WordFolding.words(of: text).map(\.folded) == Self.foundationWords(text))
    }

    @Test func randomLatinTextsFoldLikeFoundation() {
        var generator = SplitMix64(seed: 18)
        let alphabet = Array("aAäÄöÖüÜßőŐűŰáÁéÉíÍóÓúÚzZ09 -,.;:!?/()\n\t") + ["e\u{301}", "o\u{308}"]
        for _ in 0..<500 {
            let length = Int.random(in: 0...40, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(WordFolding.words(of: text).map(\.folded) == Self.foundationWords(text), "\(text.debugDescription)")
        }
    }

    @Test func eachWordKeepsItsOriginalSpelling() {
        let words = WordFolding.words(of: "Holz-Werkstatt Műhely")
        #expect(words.map(\.original) == ["Holz", "Werkstatt", "Műhely"])
        #expect(words.map(\.folded) == ["holz", "werkstatt", "muhely"])
    }

    @Test func entriesReadTogetherAreTheEntriesReadAlone() async throws {
        let key = NodeKey()
        let node = try await IntegrityLiveTests.regional(key, IntegrityLiveTests.acceptance([key]))
        let ids = (0..<5).map { _ in EntryID.make().rawValue }
        for (index, id) in ids.enumerated() {
            _ = try await node.publish(
                [
                    EntryOperation(
                        kind: "enterprise", entry: id,
                        action: .set(field: "name.de", value: .string("Werkstatt \(index)"), supersedes: []))
                ], editor: "test")
        }
        var keys = ids.map { EntryKey(kind: "enterprise", id: $0) }
        keys.append(EntryKey(kind: "enterprise", id: EntryID.make().rawValue))  // not in the store
        let together = try await node.store.catalogueEntries(keys)
        #expect(together.count == 5)
        for key in keys {
            let alone = try await node.store.catalogueEntry(kind: key.kind, id: key.id)
            #expect(together[key]?.state == alone?.state)
        }
        // A changed entry is read as changed (the read cache never answers a stale one).
        _ = try await node.publish(
            [
                EntryOperation(
                    kind: "enterprise", entry: ids[0],
                    action: .set(field: "name.de", value: .string("Holzwerkstatt"), supersedes: []))
            ], editor: "test")
        let again = try await node.store.catalogueEntries(keys)
        #expect(again[keys[0]]?.state == (try await node.store.catalogueEntry(kind: "enterprise", id: ids[0]))?.state)
        #expect(again[keys[0]]?.state != together[keys[0]]?.state)
    }
}
