/// A signed-in browser: the cookie carries a random token, the store keeps only its SHA-256
/// (a copy of the store signs nobody in), with the form token (CSRF) its pages put in every form.
package struct EditorSession: Sendable, Hashable {
    /// SHA-256 of the cookie's token, hex.
    package var tokenSHA256: String
    package var accountID: String
    /// Sent back in every form of the session's pages; a POST without it is refused.
    package var formToken: String
    /// ms since 1970.
    package var createdAt: Int64
    package var lastSeenAt: Int64

    package init(tokenSHA256: String, accountID: String, formToken: String, createdAt: Int64, lastSeenAt: Int64) {
        self.tokenSHA256 = tokenSHA256
        self.accountID = accountID
        self.formToken = formToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}
