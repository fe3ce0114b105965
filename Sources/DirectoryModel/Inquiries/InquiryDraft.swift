import Foundation

/// An inquiry as submitted, before it is checked: every field as the form or the JSON body
/// gave it. `validated(today:)` turns it into an `InquirySubmission` or says, field by field,
/// what is wrong.
public struct InquiryDraft: Hashable, Sendable, Codable {
    public var need: String?
    public var quantity: String?
    /// `YYYY-MM-DD`.
    public var wantedBy: String?
    /// A NUTS code (`AT13`).
    public var deliveryRegion: String?
    /// CPV codes (`39162100-6`, or a division's `39000000`).
    public var categories: [String]?
    /// NACE codes (`16.23`).
    public var sectors: [String]?
    public var organisationType: String?
    public var organisation: String?
    public var contactName: String?
    public var email: String?
    public var phone: String?
    /// The language to be answered in: `de`, `hu` or `en`.
    public var language: String?
    public var consent: Bool?
    /// The entry asked about, `kind/id` (the "ask about this" link of its page).
    public var about: String?

    public init() {}

    /// The limits of a submission: generous for a real request, small enough that nobody can
    /// store megabytes through a public form.
    public enum Limits {
        public static let need = 10...4000
        public static let shortText = 200
        public static let contactName = 2...200
        public static let codes = 10
    }

    /// The languages an inquiry can be answered in.
    public static let languages = ["de", "hu", "en"]

    /// Checks every field; `today` (`YYYY-MM-DD`, the receiving node's date) bounds `wantedBy`.
    public func validated(today: String) -> Result<InquirySubmission, InquiryProblems> {
        var problems: [InquiryProblem] = []
        func text(_ field: String, _ value: String?, length: ClosedRange<Int>?, multiline: Bool = false) -> String? {
            let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard !trimmed.isEmpty else {
                if length != nil { problems.append(.init(field: field, reason: .required)) }
                return nil
            }
            if let refused = RefusedCharacter.first(in: trimmed, multiline: multiline) {
                problems.append(.init(field: field, reason: .refusedCharacter(refused)))
                return nil
            }
            let bounds = length ?? 1...Limits.shortText
            if trimmed.count < bounds.lowerBound {
                problems.append(.init(field: field, reason: .tooShort(minimum: bounds.lowerBound)))
                return nil
            }
            if trimmed.count > bounds.upperBound {
                problems.append(.init(field: field, reason: .tooLong(maximum: bounds.upperBound)))
                return nil
            }
            // Characters can be any number of scalars; four bytes each, as for entries.
            let maxBytes = EntryLimits.bytes(forCharacters: bounds.upperBound)
            if trimmed.utf8.count > maxBytes {
                problems.append(.init(field: field, reason: .tooManyBytes(maximum: maxBytes)))
                return nil
            }
            return trimmed
        }
        func code<Code: CatalogueCode>(_ field: String, _ value: String?, as type: Code.Type, required: Bool) -> Code? {
            let trimmed = value?.trimmingCharacters(in: .whitespaces) ?? ""
            guard !trimmed.isEmpty else {
                if required { problems.append(.init(field: field, reason: .required)) }
                return nil
            }
            do {
                return try Code(parsing: trimmed)
            } catch {
                problems.append(.init(field: field, reason: .malformed(detail: error.message)))
                return nil
            }
        }
        func codes<Code: CatalogueCode>(_ field: String, _ values: [String]?, as type: Code.Type) -> [Code] {
            let given = (values ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard given.count <= Limits.codes else {
                problems.append(.init(field: field, reason: .tooMany(maximum: Limits.codes)))
                return []
            }
            var result: [Code] = []
            for (index, value) in given.enumerated() {
                if let parsed = code("\(field)[\(index)]", value, as: type, required: true), !result.contains(parsed) {
                    result.append(parsed)
                }
            }
            return result
        }

        let need = text("need", need, length: Limits.need, multiline: true)
        let quantity = text("quantity", quantity, length: nil)
        var wanted: String?
        if let date = text("wantedBy", wantedBy, length: nil) {
            if !Self.isDay(date) {
                problems.append(.init(field: "wantedBy", reason: .malformed(detail: "is not a date (YYYY-MM-DD)")))
            } else if date < today {
                problems.append(.init(field: "wantedBy", reason: .inThePast))
            } else {
                wanted = date
            }
        }
        let region = code("deliveryRegion", deliveryRegion, as: NUTSCode.self, required: true)
        let categories = codes("categories", categories, as: CPVCode.self)
        let sectors = codes("sectors", sectors, as: NACECode.self)
        var organisationType: OrganisationType?
        if let type = self.organisationType?.trimmingCharacters(in: .whitespaces), !type.isEmpty {
            organisationType = OrganisationType(rawValue: type)
            if organisationType == nil {
                problems.append(
                    .init(field: "organisationType", reason: .notOffered(offered: OrganisationType.allRawValues)))
            }
        } else {
            problems.append(.init(field: "organisationType", reason: .required))
        }
        let organisation = text("organisation", organisation, length: nil)
        let contactName = text("contactName", contactName, length: Limits.contactName)
        let email = code("email", email, as: EmailAddress.self, required: true)
        let phone = code("phone", phone, as: PhoneNumber.self, required: false)
        var language: LanguageTag?
        if let tag = code("language", self.language, as: LanguageTag.self, required: true) {
            if Self.languages.contains(tag.language) {
                language = tag
            } else {
                problems.append(.init(field: "language", reason: .notOffered(offered: Self.languages)))
            }
        }
        if consent != true { problems.append(.init(field: "consent", reason: .consentMissing)) }
        var topic: InquiryTopic?
        if let about = about?.trimmingCharacters(in: .whitespaces), !about.isEmpty {
            do {
                topic = try InquiryTopic(parsing: about)
            } catch {
                problems.append(.init(field: "about", reason: .malformed(detail: error.message)))
            }
        }

        guard problems.isEmpty, let need, let region, let organisationType, let contactName, let email, let language
        else { return .failure(InquiryProblems(problems)) }
        return .success(
            InquirySubmission(
                need: need, quantity: quantity, wantedBy: wanted, deliveryRegion: region, categories: categories,
                sectors: sectors, organisationType: organisationType, organisation: organisation,
                contactName: contactName, email: email, phone: phone, language: language, about: topic))
    }

    /// Whether `text` is a real calendar day written `YYYY-MM-DD`.
    static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }
}
