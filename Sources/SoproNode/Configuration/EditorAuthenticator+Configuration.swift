import NodeServer

extension EditorAuthenticator {
    /// The editors of a node's configuration, by the SHA-256 of their tokens.
    package init(configuration: NodeConfiguration) {
        self.init { configuration.editor(forToken: $0)?.name }
    }
}
