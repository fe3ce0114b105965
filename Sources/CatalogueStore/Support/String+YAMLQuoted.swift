import Foundation

extension String {
    /// The text as a YAML double-quoted scalar, for files the node writes (its configuration,
    /// entry drafts). JSON's string syntax is valid YAML, and JSON escapes what YAML needs
    /// escaped: quotes, backslashes, line breaks and other control characters.
    package var yamlQuoted: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "\"\""
    }
}
