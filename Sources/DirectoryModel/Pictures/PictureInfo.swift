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

    /// The height of the picture shown `width` pixels wide, keeping its proportions (at least 1).
    public func height(atWidth shownWidth: Int) -> Int {
        guard width > 0 else { return shownWidth }
        return max(1, (height * shownWidth + width / 2) / width)
    }
}
