/// The `facets` column tokens met while counting, each given a small code: a token is looked up
/// by a hash of its bytes (checked against the bytes, so a collision only costs a comparison)
/// and decoded once (`CatalogueIndex.facet(ofToken:)`). Counting a search's matching rows with
/// a dictionary of decoded strings took 8 µs a row at 200,000 entries (a string per token and
/// two string hashes per counted value); codes take a few hundred nanoseconds.
struct FacetTokenTable {
    /// The facet of each code; `nil` for a token that is not an entry facet (the row's language).
    private(set) var facets: [(facet: String, value: String)?] = []
    private var bytes: [[UInt8]] = []
    private var codesByHash: [UInt64: [Int]] = [:]

    /// The code of `token`, given on its first sight.
    mutating func code(of token: UnsafeRawBufferPointer) -> Int {
        // FNV-1a, 64 bits.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in token { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        if let codes = codesByHash[hash] {
            for code in codes where bytes[code].elementsEqual(token) { return code }
        }
        let code = facets.count
        let copy = Array(token)
        bytes.append(copy)
        facets.append(CatalogueIndex.facet(ofToken: Substring(decoding: copy, as: UTF8.self)))
        codesByHash[hash, default: []].append(code)
        return code
    }
}
