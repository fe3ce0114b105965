/// A picture of an entry with its alternative text per language.
///
/// In the catalogue a picture is always `.stored`: uploaded to a node and named by its hash. An
/// entry file may instead name a local file or an https address, which `sopro-node publish`
/// uploads (on the editor's machine) and replaces by the stored form before publishing; a node
/// refuses the other forms (`ValidationContext.acceptsPictureSources`).
public struct PictureReference: Hashable, Sendable {
    public enum Source: Hashable, Sendable {
        /// Uploaded to a node: what entries in the catalogue hold.
        case stored(PictureInfo)
        /// A file on the editor's machine, relative to the entry file.
        case file(String)
        /// An https address the CLI fetches on the editor's machine.
        case address(WebURL)
    }

    public var source: Source
    public var alt: LocalizedText
    /// The enterprise's logo (schema.org `logo`) rather than a photograph.
    public var logo: Bool

    public init(source: Source, alt: LocalizedText = LocalizedText(), logo: Bool = false) {
        self.source = source
        self.alt = alt
        self.logo = logo
    }

    /// The uploaded picture, or `nil` for a file or an address not uploaded yet.
    public var stored: PictureInfo? {
        if case .stored(let info) = source { info } else { nil }
    }
}
