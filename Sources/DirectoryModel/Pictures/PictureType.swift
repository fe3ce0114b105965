/// The picture formats the catalogue takes: JPEG, PNG and WebP — what every browser shows and
/// what the node can decode and resize. Always told from the bytes (`PictureInspection`), never
/// from a file's name or a declared content type.
public enum PictureType: String, Hashable, Sendable, CaseIterable, Codable {
    case jpeg, png, webp

    /// The media type a node serves the picture as.
    public var mediaType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .webp: "image/webp"
        }
    }
}
