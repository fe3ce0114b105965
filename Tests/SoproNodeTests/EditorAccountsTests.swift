import CatalogueStore
import Foundation
import GRDB
import Synchronization
import Testing

@testable import Workspace

/// Editor accounts: passwords kept as scrypt hashes, sign-in that locks after repeated wrong
/// passwords, sessions that expire, and the operator's add, reset and remove.
@Suite struct EditorAccountsTests {
    /// A clock the test moves (ms since 1970).
    final class TestClock: Sendable {
        let time = Mutex<Int64>(1_800_000_000_000)
        func advance(minutes: Int64) { time.withLock { $0 += minutes * 60_000 } }
        var now: @Sendable () -> Int64 { { [self] in time.withLock { $0 } } }
    }

    /// Cheap hashing for the tests but one (`theStandardCostIsOWASPs`): the cost travels with each hash.
    static var policy: AccountPolicy {
        var policy = AccountPolicy()
        policy.cost = .init(logRounds: 10, blockSize: 8, parallelism: 1)
        return policy
    }

    static func accounts(_ clock: TestClock = TestClock()) throws -> EditorAccounts {
        try EditorAccounts(store: SQLiteAccountStore(writer: DatabaseQueue()), policy: policy, now: clock.now)
    }

    @Test func aPasswordIsKeptAsAnScryptHashThatVerifiesOnlyItself() throws {
        let hash = try PasswordHash.make("correct horse battery", cost: Self.policy.cost)
        let text = hash.description
        #expect(text.hasPrefix("$scrypt$ln=10,r=8,p=1$"))
        #expect(!text.contains("correct"))
        let read = try #require(PasswordHash(parsing: text))
        #expect(read == hash)
        #expect(read.verifies("correct horse battery"))
        #expect(!read.verifies("correct horse batterY"))
        #expect(!read.verifies(""))
        // Two hashes of one password differ (their salts do).
        #expect(try PasswordHash.make("correct horse battery", cost: Self.policy.cost) != hash)
        // Not a hash this node reads: refused, never run.
        for bad in [
            "", "$scrypt$ln=10,r=8$AAAAAAAAAAAAAAAAAAAAAA$AAAA", "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",
            "$scrypt$ln=40,r=8,p=1$" + text.split(separator: "$")[2] + "$" + text.split(separator: "$")[3],
            text + "x$",
        ] {
            #expect(PasswordHash(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func theStandardCostIsOWASPs() throws {
        #expect(PasswordHash.Cost.standard == .init(logRounds: 15, blockSize: 8, parallelism: 3))
        let started = ContinuousClock.now
        let hash = try PasswordHash.make("a standard password")
        #expect(hash.description.hasPrefix("$scrypt$ln=15,r=8,p=3$"))
        #expect(hash.verifies("a standard password"))
        print("scrypt at the standard cost, hash and verify: \(ContinuousClock.now - started)")
    }

    @Test func signInLocksAfterRepeatedWrongPasswordsAndAResetUnlocks() async throws {
        let clock = TestClock()
        let accounts = try Self.accounts(clock)
        let (account, password) = try await accounts.add(name: "Eva Editor", email: "Eva@Example.at", role: .editor)
        #expect(account.email == "eva@example.at")
        #expect(password.count == 23)
        guard
            case .signedIn(let signedIn, _, _) = try await accounts.signIn(email: "EVA@example.at", password: password)
        else { Issue.record("the right password did not sign in"); return }
        #expect(signedIn.id == account.id)
        // An unknown address and a wrong password get the same answer.
        guard case .refused = try await accounts.signIn(email: "nobody@example.at", password: password) else {
            Issue.record("an unknown address signed in"); return
        }
        for attempt in 1...4 {
            guard case .refused = try await accounts.signIn(email: account.email, password: "wrong \(attempt)") else {
                Issue.record("attempt \(attempt) was not refused"); return
            }
        }
        guard case .locked(let until) = try await accounts.signIn(email: account.email, password: "wrong 5") else {
            Issue.record("the fifth wrong password did not lock"); return
        }
        #expect(until == clock.now() + AccountPolicy.standard.lockDuration)
        // Locked: even the right password is refused until then.
        guard case .locked = try await accounts.signIn(email: account.email, password: password) else {
            Issue.record("a locked account signed in"); return
        }
        clock.advance(minutes: 16)
        // After the lock, the next wrong one locks again at once…
        guard case .locked = try await accounts.signIn(email: account.email, password: "wrong 6") else {
            Issue.record("a wrong password after the lock did not lock again"); return
        }
        // …and the operator's reset unlocks, with a new password; the old one no longer works.
        let fresh = try await accounts.resetPassword(email: account.email)
        guard case .refused = try await accounts.signIn(email: account.email, password: password) else {
            Issue.record("the old password still signs in"); return
        }
        guard case .signedIn = try await accounts.signIn(email: account.email, password: fresh) else {
            Issue.record("the new password did not sign in"); return
        }
    }

    @Test func sessionsExpireWhenIdleAndAfterTwelveHoursAndEndOnReset() async throws {
        let clock = TestClock()
        let accounts = try Self.accounts(clock)
        let (account, password) = try await accounts.add(
            name: "Olga Operator", email: "olga@example.hu", role: .operator)
        func signIn() async throws -> String {
            guard
                case .signedIn(_, let token, let session) = try await accounts.signIn(
                    email: account.email, password: password)
            else { throw AccountError.unknownAccount(account.email) }
            #expect(session.tokenSHA256 == EditorAccounts.sha256(token))
            #expect(session.formToken.count == 64 && session.formToken != token)
            return token
        }
        let token = try await signIn()
        #expect(try await accounts.session(token: token)?.account.id == account.id)
        #expect(try await accounts.session(token: "x" + token) == nil)
        // Active every hour: the session lasts, but not past twelve hours from sign-in.
        for _ in 1...11 {
            clock.advance(minutes: 60)
            #expect(try await accounts.session(token: token) != nil)
        }
        clock.advance(minutes: 61)
        #expect(try await accounts.session(token: token) == nil)
        // Idle for two hours: gone.
        let idle = try await signIn()
        clock.advance(minutes: 119)
        #expect(try await accounts.session(token: idle) != nil)
        clock.advance(minutes: 121)
        #expect(try await accounts.session(token: idle) == nil)
        // Signing out, a reset and removing the account end sessions.
        let first = try await signIn()
        let second = try await signIn()
        try await accounts.signOut(token: first)
        #expect(try await accounts.session(token: first) == nil)
        #expect(try await accounts.session(token: second) != nil)
        _ = try await accounts.resetPassword(email: account.email, password: "a new long password")
        #expect(try await accounts.session(token: second) == nil)
        guard
            case .signedIn(_, let third, _) = try await accounts.signIn(
                email: account.email, password: "a new long password")
        else { Issue.record("the reset password did not sign in"); return }
        try await accounts.remove(email: account.email)
        #expect(try await accounts.session(token: third) == nil)
        #expect(try await accounts.store.accounts().isEmpty)
    }

    @Test func theOperatorsCommandsRefuseWhatTheyCannotKeep() async throws {
        let accounts = try Self.accounts()
        _ = try await accounts.add(name: "Eva", email: "eva@example.at", role: .editor)
        await #expect(throws: AccountError.duplicateEmail("eva@example.at")) {
            try await accounts.add(name: "Eva again", email: "EVA@example.at", role: .editor)
        }
        await #expect(throws: AccountError.invalidEmail("eva")) {
            try await accounts.add(name: "Eva", email: "eva", role: .editor)
        }
        await #expect(throws: AccountError.invalidName) {
            try await accounts.add(name: "  ", email: "x@example.at", role: .editor)
        }
        await #expect(throws: AccountError.shortPassword(12)) {
            try await accounts.add(name: "Short", email: "s@example.at", role: .editor, password: "short")
        }
        await #expect(throws: AccountError.unknownAccount("nobody@example.at")) {
            try await accounts.resetPassword(email: "nobody@example.at")
        }
        await #expect(throws: AccountError.unknownAccount("nobody@example.at")) {
            try await accounts.remove(email: "nobody@example.at")
        }
        #expect(try await accounts.store.accounts().map(\.name) == ["Eva"])
    }
}
