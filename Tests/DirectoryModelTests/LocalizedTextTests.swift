import DirectoryModel
import Testing

@Suite struct LocalizedTextTests {
    let text: LocalizedText = [.german: "Holzwerkstatt", .english: "Wood workshop"]

    @Test func returnsTheRequestedLanguage() {
        let resolved = text.resolved(preferring: [.german])
        #expect(resolved == .init(text: "Holzwerkstatt", language: .german, isFallback: false))
    }

    @Test func fallsBackToEnglishThenGermanThenHungarian() throws {
        let resolved = try #require(text.resolved(preferring: [.hungarian]))
        #expect(resolved.language == .english)
        #expect(resolved.isFallback)
        let germanOnly: LocalizedText = [.german: "Nur Deutsch", .hungarian: "Csak magyar"]
        #expect(germanOnly.resolved(preferring: [try LanguageTag(parsing: "sk")])?.language == .german)
    }

    @Test func triesEveryPreferenceBeforeTheDefaultOrder() throws {
        let text: LocalizedText = [.german: "Deutsch", .hungarian: "Magyar", .english: "English"]
        let resolved = try #require(text.resolved(preferring: [try LanguageTag(parsing: "sk"), .hungarian]))
        #expect(resolved.language == .hungarian)
        #expect(resolved.isFallback, "Slovak was asked for first")
    }

    @Test func matchesRegionalForms() throws {
        let austrian: LocalizedText = [try LanguageTag(parsing: "de-AT"): "Jänner"]
        #expect(austrian.resolved(preferring: [.german])?.isFallback == false)
        let resolved = text.resolved(preferring: [try LanguageTag(parsing: "de-AT")])
        #expect(resolved?.language == .german)
        #expect(resolved?.isFallback == false)
    }

    @Test func skipsBlankTextsAndUsesOtherLanguagesLast() throws {
        let text: LocalizedText = [.german: "  ", try LanguageTag(parsing: "hr"): "Drvena radionica"]
        let resolved = try #require(text.resolved(preferring: [.german]))
        #expect(resolved.language.rawValue == "hr")
        #expect(resolved.isFallback)
        #expect(LocalizedText().resolved(preferring: [.german]) == nil)
    }

    @Test func listsLanguagesInCatalogueOrder() throws {
        let text: LocalizedText = [.english: "a", try LanguageTag(parsing: "cs"): "b", .hungarian: "c", .german: "d"]
        #expect(text.languages.map(\.rawValue) == ["de", "hu", "en", "cs"])
    }
}
