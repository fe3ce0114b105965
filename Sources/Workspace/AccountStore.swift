/// Where a node keeps its editor accounts and their sessions.
package protocol AccountStore: Sendable {
    func account(id: String) async throws -> EditorAccount?
    /// By lower-cased e-mail address.
    func account(email: String) async throws -> EditorAccount?
    /// Every account, by name.
    func accounts() async throws -> [EditorAccount]
    /// Adds `account`; `AccountError.duplicateEmail` when its address is taken.
    func insert(_ account: EditorAccount) async throws
    func update(_ account: EditorAccount) async throws
    /// Removes the account and its sessions; whether there was one.
    func remove(id: String) async throws -> Bool

    func insert(_ session: EditorSession) async throws
    func session(tokenSHA256: String) async throws -> EditorSession?
    func touch(tokenSHA256: String, at time: Int64) async throws
    func removeSession(tokenSHA256: String) async throws
    /// Ends every session of an account (a password reset).
    func removeSessions(accountID: String) async throws
    /// Removes sessions last seen before `idleBefore` or made before `createdBefore`; how many.
    func removeSessions(idleBefore: Int64, createdBefore: Int64) async throws -> Int
}
