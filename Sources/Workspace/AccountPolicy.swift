/// The rules of signing in: how long a session lasts, when an account locks, how long a
/// password must be, and the password hash's cost.
package struct AccountPolicy: Sendable {
    /// A session ends after this long without a request…
    package var idleTimeout: Int64 = 2 * 60 * 60 * 1000
    /// …and in any case this long after sign-in (ms).
    package var absoluteTimeout: Int64 = 12 * 60 * 60 * 1000
    /// Wrong passwords in a row after which the account is locked…
    package var lockAfterFailures = 5
    /// …for this long (ms); the next wrong one after that locks it again.
    package var lockDuration: Int64 = 15 * 60 * 1000
    /// Shortest password an operator may set (characters); the generated ones are longer.
    package var minimumPasswordLength = 12
    package var cost: PasswordHash.Cost = .standard

    package init() {}

    package static let standard = AccountPolicy()
}
