/// One thing wrong with a submitted inquiry: the field (`email`, `categories[1]`), why, and an
/// English message. The reason is structured so that the web form can say it in the page's
/// language.
public struct InquiryProblem: Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// The field must be given.
        case required
        /// Fewer characters than the minimum.
        case tooShort(minimum: Int)
        /// More characters than the maximum.
        case tooLong(maximum: Int)
        /// More UTF-8 bytes than the maximum (few characters made of many scalars).
        case tooManyBytes(maximum: Int)
        /// More items than the maximum.
        case tooMany(maximum: Int)
        /// Not in the expected form; the detail says how (from the code's parser).
        case malformed(detail: String)
        /// A date that has passed.
        case inThePast
        /// A value outside the offered ones.
        case notOffered(offered: [String])
        /// A character no text takes (`RefusedCharacter`: a control character other than line
        /// breaks and tabs in the description, a bidi control, an invisible character, a
        /// noncharacter).
        case refusedCharacter(RefusedCharacter)
        /// Consent to be contacted was not given.
        case consentMissing
    }

    public var field: String
    public var reason: Reason

    public init(field: String, reason: Reason) {
        self.field = field
        self.reason = reason
    }

    /// What is wrong, in English (`email: not an e-mail address: …`).
    public var message: String {
        switch reason {
        case .required: "is required"
        case .tooShort(let minimum): "is too short (at least \(minimum) characters)"
        case .tooLong(let maximum): "is too long (at most \(maximum) characters)"
        case .tooManyBytes(let maximum): "is too long (at most \(maximum) bytes in UTF-8)"
        case .tooMany(let maximum): "has too many values (at most \(maximum))"
        case .malformed(let detail): detail
        case .inThePast: "is in the past"
        case .notOffered(let offered): "must be one of \(offered.joined(separator: ", "))"
        case .refusedCharacter(let character): "contains \(character)"
        case .consentMissing: "consent to being contacted is required"
        }
    }

    public var description: String { "\(field): \(message)" }
}

/// Everything wrong with a submitted inquiry, field by field.
public struct InquiryProblems: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [InquiryProblem]

    public init(_ problems: [InquiryProblem]) {
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "; ") }
}
