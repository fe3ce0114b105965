/// Upper bounds on every string and list of an entry.
///
/// They keep one entry small enough to sign, sync and render quickly, and stop a runaway import
/// or a hostile push from filling a node. Lengths count characters (grapheme clusters), and
/// every text limit bounds its UTF-8 bytes too (`bytes(forCharacters:)`): one character can be
/// any number of scalars — an "e" with 70,000 combining accents is one character of 140 KB,
/// which passed the character limit and then failed signing (64 KiB per string).
public enum EntryLimits {
    /// The UTF-8 bytes a text of at most `characters` characters may take: four per character,
    /// what any one scalar needs, so no text of ordinary characters reaches it. The largest,
    /// 40,000 for a description, stays well under the 64 KiB a signed change allows per string.
    public static func bytes(forCharacters characters: Int) -> Int { 4 * characters }

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
    /// Opening hours (OpenStreetMap's `opening_hours` values are at most 255 characters).
    public static let openingHours = 255
    /// Pictures per entry.
    public static let pictures = 8
    /// Bytes of one stored picture (after the node has re-encoded it).
    public static let pictureBytes = 4 * 1_048_576
    /// The longest side of a stored picture, in pixels.
    public static let pictureSide = 4_096
    /// Employees, integration places.
    public static let maximumHeadcount = 1_000_000
    /// Minimum order quantity.
    public static let maximumQuantity = 1_000_000_000
    /// Lead time, ten years in days.
    public static let maximumLeadTimeDays = 3_650
    /// The earliest founding year accepted.
    public static let earliestFoundingYear = 1800
}
