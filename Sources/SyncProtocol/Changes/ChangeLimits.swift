/// Bounds on what one change may hold, checked before anything is stored.
public struct ChangeLimits: Hashable, Sendable {
    /// Payload size in bytes.
    public var maximumPayloadBytes = 256 * 1024
    /// Operations in one change.
    public var maximumOperations = 2_000
    /// Bytes of any one string in the payload (a long description fits with room to spare).
    public var maximumStringBytes = 64 * 1024
    /// Bytes of the editor name.
    public var maximumEditorBytes = 200
    /// Bytes of an entry id, a kind or a field name.
    public var maximumNameBytes = 128
    /// Tags one operation may supersede or remove.
    public var maximumTags = 1_000

    public init() {}

    public static let standard = ChangeLimits()
}
