import DirectoryModel

extension InquiryProblem.Reason {
    /// A stable word for programs (`required`, `too-long` …).
    var code: String {
        switch self {
        case .required: "required"
        case .tooShort: "too-short"
        case .tooLong: "too-long"
        case .tooMany: "too-many"
        case .malformed: "malformed"
        case .inThePast: "in-the-past"
        case .notOffered: "not-offered"
        case .controlCharacters: "control-characters"
        case .consentMissing: "consent-missing"
        }
    }
}
