/// Why an account operation was refused, with a message for the operator or editor.
package struct AccountError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Reason: Sendable, Equatable {
        case unknownAccount(String)
        case duplicateEmail(String)
        case invalidEmail(String)
        case invalidName
        case shortPassword(Int)
        case unsupportedCost
        case corrupt(String)
    }

    private let reason: Reason

    private init(_ reason: Reason) { self.reason = reason }

    package static func unknownAccount(_ email: String) -> AccountError { AccountError(.unknownAccount(email)) }
    package static func duplicateEmail(_ email: String) -> AccountError { AccountError(.duplicateEmail(email)) }
    package static func invalidEmail(_ email: String) -> AccountError { AccountError(.invalidEmail(email)) }
    package static let invalidName = AccountError(.invalidName)
    package static func shortPassword(_ minimum: Int) -> AccountError { AccountError(.shortPassword(minimum)) }
    static let unsupportedCost = AccountError(.unsupportedCost)
    package static func corrupt(_ detail: String) -> AccountError { AccountError(.corrupt(detail)) }

    /// Stable, for tests and the command line's exit codes.
    package var code: String {
        switch reason {
        case .unknownAccount: "unknown-account"
        case .duplicateEmail: "duplicate-email"
        case .invalidEmail: "invalid-email"
        case .invalidName: "invalid-name"
        case .shortPassword: "short-password"
        case .unsupportedCost: "unsupported-cost"
        case .corrupt: "corrupt-account"
        }
    }

    package var description: String {
        switch reason {
        case .unknownAccount(let email): "no editor account has the e-mail address \(email)"
        case .duplicateEmail(let email): "an editor account with the e-mail address \(email) exists already"
        case .invalidEmail(let email): "\(email.debugDescription) is not an e-mail address (name@domain)"
        case .invalidName: "the name is empty or longer than 200 characters"
        case .shortPassword(let minimum): "the password is shorter than \(minimum) characters"
        case .unsupportedCost: "the stored password hash has a cost this node does not run"
        case .corrupt(let detail): "an editor account cannot be read: \(detail)"
        }
    }
}
