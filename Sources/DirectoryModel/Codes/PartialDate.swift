/// A calendar date known to the year, month or day: `2023`, `2023-03`, `2023-03-15` (ISO 8601).
///
/// Cooperations often started "in spring 2021"; forcing a day would invent precision.
public struct PartialDate: CatalogueCode {
    public let year: Int
    public let month: Int?
    public let day: Int?

    public var rawValue: String {
        var text = String(year).leftPadded(to: 4)
        if let month { text += "-" + String(month).leftPadded(to: 2) }
        if let day { text += "-" + String(day).leftPadded(to: 2) }
        return text
    }

    public init(year: Int, month: Int? = nil, day: Int? = nil) throws(FormatError) {
        try self.init(parsing: PartialDate.format(year: year, month: month, day: day))
    }

    private static func format(year: Int, month: Int?, day: Int?) -> String {
        var text = String(year)
        if let month { text += "-" + String(month).leftPadded(to: 2) }
        if let day { text += "-" + String(day).leftPadded(to: 2) }
        return text
    }

    public init(parsing text: String) throws(FormatError) {
        let expectation = "a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        let parts = text.trimmed.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count), parts[0].utf8.count == 4,
            parts.dropFirst().allSatisfy({ $0.utf8.count == 2 }),
            parts.allSatisfy(\.isASCIIDigits), let year = Int(parts[0])
        else {
            throw FormatError(value: text, isNot: expectation)
        }
        let month = parts.count > 1 ? Int(parts[1]) : nil
        let day = parts.count > 2 ? Int(parts[2]) : nil
        guard year >= 1000 else { throw FormatError(value: text, isNot: expectation + ": the year is before 1000") }
        if let month, !(1...12).contains(month) {
            throw FormatError(value: text, isNot: expectation + ": there is no month \(month)")
        }
        if let month, let day {
            let length = Self.daysIn(month: month, year: year)
            guard (1...length).contains(day) else {
                throw FormatError(value: text, isNot: expectation + ": that month has \(length) days")
            }
        }
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The first day the date can mean (`2023` → 2023-01-01).
    public var earliest: (year: Int, month: Int, day: Int) { (year, month ?? 1, day ?? 1) }

    /// The last day the date can mean (`2023-02` → 2023-02-28).
    public var latest: (year: Int, month: Int, day: Int) {
        let lastMonth = month ?? 12
        return (year, lastMonth, day ?? Self.daysIn(month: lastMonth, year: year))
    }

    /// Whether `self` can lie on or before `other`: true for `2023-05` and `2023`, since 2023 holds May.
    public func mayPrecede(_ other: PartialDate) -> Bool {
        let start = earliest
        let end = other.latest
        return (start.year, start.month, start.day) <= (end.year, end.month, end.day)
    }

    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        (lhs.year, lhs.month ?? 0, lhs.day ?? 0) < (rhs.year, rhs.month ?? 0, rhs.day ?? 0)
    }
}
