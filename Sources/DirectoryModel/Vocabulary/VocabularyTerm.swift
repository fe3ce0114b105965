/// A closed list of terms (social models, target groups …), written in files and on the wire as
/// a kebab-case word and shown to people by a label in German, Hungarian and English.
public protocol VocabularyTerm: RawRepresentable<String>, CaseIterable, Hashable, Sendable, Codable,
    Comparable, CustomStringConvertible
{
    /// The term's name for people.
    var label: LocalizedText { get }
}

extension VocabularyTerm {
    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Every term's wire word, for error messages ("expected one of …").
    public static var allRawValues: [String] { allCases.map(\.rawValue) }
}

func terms(_ de: String, _ hu: String, _ en: String) -> LocalizedText {
    [.german: de, .hungarian: hu, .english: en]
}
