/// What an entry records of an uploaded picture: its hash, format, size in pixels and bytes —
/// enough to lay out a page before the picture arrives, and to check the bytes a peer sends.
public struct PictureInfo: Hashable, Sendable {
    public var sha256: PictureHash
    public var type: PictureType
    public var width: Int
    public var height: Int
    public var bytes: Int

    public init(sha256: PictureHash, type: PictureType, width: Int, height: Int, bytes: Int) {
        self.sha256 = sha256
        self.type = type
        self.width = width
        self.height = height
        self.bytes = bytes
    }

    /// The size `width` × `height` takes when made to fit `maximumSide` pixels a side, keeping
    /// its proportions (never enlarged): what a codec makes, and what a page lays out for it.
    public static func fitted(width: Int, height: Int, maximumSide: Int) -> (width: Int, height: Int) {
        let longest = max(width, height)
        guard longest > maximumSide, longest > 0 else { return (width, height) }
        let scale = Double(maximumSide) / Double(longest)
        return (max(1, Int((Double(width) * scale).rounded())), max(1, Int((Double(height) * scale).rounded())))
    }
}
