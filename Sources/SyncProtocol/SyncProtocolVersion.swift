/// Versions of what travels between nodes.
public enum SyncProtocolVersion {
    /// The protocol version: signing contexts and acceptance rules. Named in every payload.
    public static let current = 1
    /// The change payload schema this code writes and fully understands.
    public static let payloadSchema = 1
}
