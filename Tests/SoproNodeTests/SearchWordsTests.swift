import CatalogueStore
import Testing

/// The forms a search word is searched in: endings cut by the German, English and Hungarian
/// rules, and only to a stem of four letters or more.
@Suite struct SearchWordsTests {
    @Test(arguments: [
        ("werkstatten", "werkstatt"), ("tischlereien", "tischlerei"), ("produkte", "produkt"),
        ("laundries", "laundry"), ("workshops", "workshop"), ("muhelyben", "muhely"), ("muhelyek", "muhely"),
        ("kerteszetek", "kerteszet"), ("nyomdak", "nyomd"), ("termekeket", "termek"), ("varrodaban", "varroda"),
    ])
    func cutsEndings(_ word: String, _ stem: String) {
        #expect(SearchWords.stems(of: word).contains(stem), "\(word): \(SearchWords.stems(of: word))")
    }

    @Test(arguments: ["holz", "reinigung", "kert", "bags", "fa"])
    func leavesWordsWithoutAnEndingOrTooShort(_ word: String) {
        #expect(SearchWords.stems(of: word).allSatisfy { $0.count >= 4 && word.hasPrefix($0) })
        #expect(!SearchWords.stems(of: word).contains(word))
    }

    @Test func splitsFoldsAndLeavesOutJoiningWords() throws {
        let words = try SearchWords.words(of: "Reparatur von Holz-Werkstätten")
        #expect(words.map(\.folded) == ["reparatur", "holz", "werkstatten"])
        #expect(words.map(\.typed) == ["Reparatur", "Holz", "Werkstätten"])
        #expect(try SearchWords.words(of: "von").map(\.folded) == ["von"])
    }

    @Test func shortWordsArePrefixesOnlyAtTheEnd() throws {
        #expect(try SearchWords.words(of: "fa bútor").map(\.prefix) == [false, true])
        #expect(try SearchWords.words(of: "bútor fa").map(\.prefix) == [true, true])
    }

    @Test func quotesEveryFormAndFindsCompoundsOfEachForm() throws {
        let words = try SearchWords.words(of: "Werkstätten \"x")
        let expression = try SearchWords.expression(words) { form in
            form == "werkstatt" ? ["holzwerkstatt"] : []
        }
        #expect(expression == #"("Werkstätten"* OR "werkstatt"* OR "holzwerkstatt"*) AND "x"*"#)
    }

    @Test func asksALongPrefixAsTheWordsItBegins() throws {
        let words = try SearchWords.words(of: "Werkstätten holz")
        let expression = SearchWords.expression(
            words, compounds: { $0 == "werkstatt" ? ["holzwerkstatt"] : [] },
            completions: { prefix in
                switch prefix {
                case "werkstatten": ["werkstatten"]
                case "werkstatt": ["werkstatt", "werkstatten"]
                default: nil  // too many: asked as a prefix
                }
            })
        #expect(
            expression
                == #"("Werkstätten" OR "werkstatten" OR "werkstatt" OR "holzwerkstatt"*) AND "holz"*"#)
    }

    @Test(arguments: ["", "  ", "\"\"", "--"])
    func refusesTextWithoutWords(_ text: String) {
        #expect(throws: QueryError.self) { try SearchWords.words(of: text) }
    }
}
