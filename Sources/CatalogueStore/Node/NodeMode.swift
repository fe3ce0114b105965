package import SyncProtocol

/// What a node is: a region's node, which signs and publishes, or a read-only mirror.
package enum NodeMode: Sendable {
    /// A regional node with its signing key and the region it publishes for.
    case regional(key: NodeKey, region: String)
    /// A read-only mirror: no key; publishing and push are refused.
    case mirror

    package var name: String {
        switch self {
        case .regional: "node"
        case .mirror: "mirror"
        }
    }
}
