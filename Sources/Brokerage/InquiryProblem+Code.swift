import DirectoryModel

extension InquiryProblem.Reason {
    /// A stable word for programs (`required`, `too-long` …).
    package var code: String {
        switch self {
        case .required: "required"
        case .tooShort: "too-short"
        case .tooLong, .tooManyBytes: "too-long"
        case .tooMany: "too-many"
        case .malformed: "malformed"
        case .inThePast: "in-the-past"
        case .notOffered: "not-offered"
        // Controls and line breaks keep the code they had before the other refused characters.
        case .refusedCharacter(let character):
            character.kind == .control || character.kind == .lineBreak ? "control-characters" : "refused-character"
        case .consentMissing: "consent-missing"
        }
    }
}
