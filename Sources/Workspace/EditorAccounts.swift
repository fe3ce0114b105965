import Crypto
import DirectoryModel
import Foundation

/// The node's editor accounts: adding, resetting and removing them (the operator's
/// `sopro-node editors` commands), and signing in and out with a session (the workspace's
/// pages). Password hashing runs on a queue of its own, one hash at a time, so a burst of
/// sign-ins costs one core and one hash's memory (32 MiB), never the cooperative pool.
package final class EditorAccounts: Sendable {
    package let store: any AccountStore
    package let policy: AccountPolicy
    /// ms since 1970.
    let now: @Sendable () -> Int64
    private let hashing = DispatchQueue(label: "sopro.workspace.passwords")
    /// Verified against when no account has the address, so that a sign-in takes as long
    /// whether the address is known or not.
    private let decoy: PasswordHash

    package init(
        store: any AccountStore, policy: AccountPolicy = .standard,
        now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
    ) throws {
        self.store = store
        self.policy = policy
        self.now = now
        // Not a real hash: every node start would otherwise run scrypt (1.5 s in a debug build,
        // which made the test suite's many node starts 60 s slower).
        decoy = PasswordHash.decoy(cost: policy.cost)
    }

    /// What a sign-in came to.
    package enum SignIn: Sendable {
        /// Signed in: the cookie's token (shown to nobody else, kept only as a hash).
        case signedIn(EditorAccount, token: String, session: EditorSession)
        /// Unknown address or wrong password (the same answer for both).
        case refused
        /// Too many wrong passwords: no sign-in before `until` (ms), whatever the password.
        case locked(until: Int64)
    }

    package func signIn(email: String, password: String) async throws -> SignIn {
        let address = email.trimmingCharacters(in: .whitespaces).lowercased()
        // Sign-ins are rare; clearing expired sessions here keeps the table small without a timer.
        _ = try await removeExpiredSessions()
        guard var account = try await store.account(email: address) else {
            _ = await verify(password, against: decoy)
            return .refused
        }
        let time = now()
        if let until = account.lockedUntil, time < until { return .locked(until: until) }
        guard await verify(password, against: account.passwordHash) else {
            account.failedSignIns += 1
            if account.failedSignIns >= policy.lockAfterFailures {
                account.lockedUntil = time + policy.lockDuration
            }
            try await store.update(account)
            if let until = account.lockedUntil, time < until { return .locked(until: until) }
            return .refused
        }
        account.failedSignIns = 0
        account.lockedUntil = nil
        try await store.update(account)
        let token = Self.randomToken()
        let session = EditorSession(
            tokenSHA256: Self.sha256(token), accountID: account.id, formToken: Self.randomToken(), createdAt: time,
            lastSeenAt: time)
        try await store.insert(session)
        return .signedIn(account, token: token, session: session)
    }

    /// The account and session a cookie's token signs in, or `nil` when there is none or it has
    /// expired (idle for `policy.idleTimeout`, or older than `policy.absoluteTimeout`); an
    /// expired one is removed. A request counts as activity.
    package func session(token: String) async throws -> (account: EditorAccount, session: EditorSession)? {
        guard !token.isEmpty, token.utf8.count <= 128 else { return nil }
        let hash = Self.sha256(token)
        guard var session = try await store.session(tokenSHA256: hash) else { return nil }
        let time = now()
        guard time - session.lastSeenAt < policy.idleTimeout, time - session.createdAt < policy.absoluteTimeout,
            let account = try await store.account(id: session.accountID)
        else {
            try await store.removeSession(tokenSHA256: hash)
            return nil
        }
        // Written at most once a minute: a page's requests do not each write.
        if time - session.lastSeenAt >= 60_000 {
            session.lastSeenAt = time
            try await store.touch(tokenSHA256: hash, at: time)
        }
        return (account, session)
    }

    package func signOut(token: String) async throws {
        try await store.removeSession(tokenSHA256: Self.sha256(token))
    }

    /// Removes expired sessions; how many.
    package func removeExpiredSessions() async throws -> Int {
        let time = now()
        return try await store.removeSessions(
            idleBefore: time - policy.idleTimeout, createdBefore: time - policy.absoluteTimeout)
    }

    /// A new account; without `password`, one is generated. Answers the account and its password.
    package func add(
        name: String, email: String, role: EditorRole, password: String? = nil
    ) async throws -> (account: EditorAccount, password: String) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200 else { throw AccountError.invalidName }
        guard let address = try? EmailAddress(parsing: email) else { throw AccountError.invalidEmail(email) }
        let chosen = password ?? Self.generatedPassword()
        guard chosen.count >= policy.minimumPasswordLength else {
            throw AccountError.shortPassword(policy.minimumPasswordLength)
        }
        let time = now()
        let account = EditorAccount(
            id: UUID().uuidString.lowercased(), name: trimmed, email: address.rawValue.lowercased(), role: role,
            passwordHash: try await hash(chosen), createdAt: time, passwordSetAt: time)
        try await store.insert(account)
        return (account, chosen)
    }

    /// A new password for the account of `email` (generated without `password`): unlocks it and
    /// ends its sessions. Answers the password.
    package func resetPassword(email: String, password: String? = nil) async throws -> String {
        guard var account = try await store.account(email: email.trimmingCharacters(in: .whitespaces).lowercased())
        else { throw AccountError.unknownAccount(email) }
        let chosen = password ?? Self.generatedPassword()
        guard chosen.count >= policy.minimumPasswordLength else {
            throw AccountError.shortPassword(policy.minimumPasswordLength)
        }
        account.passwordHash = try await hash(chosen)
        account.passwordSetAt = now()
        account.failedSignIns = 0
        account.lockedUntil = nil
        try await store.update(account)
        try await store.removeSessions(accountID: account.id)
        return chosen
    }

    /// Removes the account of `email` and ends its sessions.
    package func remove(email: String) async throws {
        guard let account = try await store.account(email: email.trimmingCharacters(in: .whitespaces).lowercased()),
            try await store.remove(id: account.id)
        else { throw AccountError.unknownAccount(email) }
    }

    private func hash(_ password: String) async throws -> PasswordHash {
        let cost = policy.cost
        return try await withCheckedThrowingContinuation { continuation in
            hashing.async { continuation.resume(with: Result { try PasswordHash.make(password, cost: cost) }) }
        }
    }

    private func verify(_ password: String, against hash: PasswordHash) async -> Bool {
        await withCheckedContinuation { continuation in
            hashing.async { continuation.resume(returning: hash.verifies(password)) }
        }
    }

    /// 32 random bytes, hex.
    package static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    package static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Four groups of five letters and digits without look-alikes (no 0/O, 1/l/I): ~110 bits.
    package static func generatedPassword() -> String {
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            String((0..<5).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        }.joined(separator: "-")
    }
}
