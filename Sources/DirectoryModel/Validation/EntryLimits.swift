/// Upper bounds on every string and list of an entry.
///
/// They keep one entry small enough to sign, sync and render quickly, and stop a runaway import
/// or a hostile push from filling a node. Lengths count characters (grapheme clusters).
public enum EntryLimits {
    /// Names, titles, partner names.
    public static let name = 200
    /// Long descriptions in one language.
    public static let description = 10_000
    /// Notes (capacity, order notes, outcome summary).
    public static let notes = 2_000
    /// Short labels: legal form, certification, unit, register number.
    public static let label = 120
    /// A client quote.
    public static let quote = 1_000
    /// Street, locality.
    public static let addressLine = 200
    /// Image alternative text.
    public static let altText = 300
    /// Languages in one localized text.
    public static let languagesPerText = 30
    /// Elements of most lists (sectors, categories, regions, certifications …).
    public static let listItems = 50
    /// Images of a product.
    public static let images = 20
    /// Employees, integration places.
    public static let maximumHeadcount = 1_000_000
    /// Minimum order quantity.
    public static let maximumQuantity = 1_000_000_000
    /// Lead time, ten years in days.
    public static let maximumLeadTimeDays = 3_650
    /// The earliest founding year accepted.
    public static let earliestFoundingYear = 1800
}
