/// A person who keeps a region's entries at this node. Accounts are the node's own: never
/// signed, synced or served, so an editor of one region's node cannot sign in at another.
package struct EditorAccount: Sendable, Hashable {
    package var id: String
    package var name: String
    /// Lower-cased; one account per address at a node.
    package var email: String
    package var role: EditorRole
    package var passwordHash: PasswordHash
    /// Wrong passwords since the last sign-in (or reset).
    package var failedSignIns: Int
    /// ms since 1970: no sign-in before then, after too many wrong passwords.
    package var lockedUntil: Int64?
    package var createdAt: Int64
    package var passwordSetAt: Int64

    package init(
        id: String, name: String, email: String, role: EditorRole, passwordHash: PasswordHash, failedSignIns: Int = 0,
        lockedUntil: Int64? = nil, createdAt: Int64, passwordSetAt: Int64
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.role = role
        self.passwordHash = passwordHash
        self.failedSignIns = failedSignIns
        self.lockedUntil = lockedUntil
        self.createdAt = createdAt
        self.passwordSetAt = passwordSetAt
    }
}
