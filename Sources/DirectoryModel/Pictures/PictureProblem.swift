/// Why bytes are not a picture the catalogue takes, with a stable code for the HTTP boundary.
public struct PictureProblem: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case unsupportedType, malformed, tooLarge, location, metadata
    }

    private let kind: Kind
    public let message: String

    private init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// Not JPEG, PNG or WebP, told from the first bytes.
    public static func unsupportedType(_ message: String) -> PictureProblem { .init(.unsupportedType, message) }
    /// The format's structure is broken (truncated, a length past the end …).
    public static func malformed(_ message: String) -> PictureProblem { .init(.malformed, message) }
    /// Too many bytes or pixels.
    public static func tooLarge(_ message: String) -> PictureProblem { .init(.tooLarge, message) }
    /// The picture carries where it was taken (EXIF GPS, or XMP's GPS properties).
    public static func location(_ message: String) -> PictureProblem { .init(.location, message) }

    /// A picture from a peer that still carries metadata (nodes store pictures without any).
    public static func metadata(_ message: String) -> PictureProblem { .init(.metadata, message) }

    /// `unsupported-picture-type`, `malformed-picture`, `picture-too-large`, `picture-location` or `picture-metadata`.
    public var code: String {
        switch kind {
        case .unsupportedType: "unsupported-picture-type"
        case .malformed: "malformed-picture"
        case .tooLarge: "picture-too-large"
        case .location: "picture-location"
        case .metadata: "picture-metadata"
        }
    }

    public var description: String { message }
}
