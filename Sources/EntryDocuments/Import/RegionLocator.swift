package import DirectoryModel

/// Finds the NUTS 2 region of an address in Austria or Hungary: from the postcode where there
/// is one, else from the position (the nearest region centre of the same country).
///
/// Both are approximations, documented as such: postcode areas follow postal routes, not
/// region borders (a few Lower Austrian towns have 4xxx codes, a few Burgenland towns 8xxx), and
/// nearest-centre is coarse near borders (nearest reference town). The import report says which way each region was found.
package enum RegionLocator {
    package enum Method: String, Sendable { case postcode, position, city }

    package static func region(
        country: CountryCode?, postcode: String?, locality: String?, latitude: Double?, longitude: Double?
    ) -> (code: NUTSCode, method: Method)? {
        if let locality, ["wien", "vienna"].contains(locality.lowercased()) {
            return ((try? NUTSCode(parsing: "AT13")).map { ($0, .city) })
        }
        if let country, let postcode, let code = byPostcode(country: country.rawValue, postcode: postcode) {
            return ((try? NUTSCode(parsing: code)).map { ($0, .postcode) })
        }
        if let latitude, let longitude {
            let candidates = centres.filter { centre in country.map { centre.code.hasPrefix($0.rawValue) } ?? true }
            let nearest = candidates.min { lhs, rhs in
                distance(lhs.latitude, lhs.longitude, latitude, longitude)
                    < distance(rhs.latitude, rhs.longitude, latitude, longitude)
            }
            if let nearest, let code = try? NUTSCode(parsing: nearest.code) { return (code, .position) }
        }
        return nil
    }

    static func byPostcode(country: String, postcode: String) -> String? {
        let digits = postcode.filter(\.isNumber)
        guard digits.count == 4, let number = Int(digits) else { return nil }
        switch country {
        case "AT":
            switch number {
            case 1000..<2000: return "AT13"
            case 2000..<4000, 4300..<4400: return "AT12"
            case 5200..<5300: return "AT31"
            case 4000..<5000: return "AT31"
            case 5000..<6000: return "AT32"
            case 6700..<7000: return "AT34"
            case 6000..<6700: return "AT33"
            case 7000..<8000: return "AT11"
            case 8000..<9000: return "AT22"
            case 9000..<10000: return "AT21"
            default: return nil
            }
        case "HU":
            switch number {
            case 1000..<2000: return "HU11"
            case 2000..<3000: return "HU12"
            case 3000..<4000: return "HU31"
            case 4000..<5500: return "HU32"
            case 5500..<7000: return "HU33"
            case 7000..<8000: return "HU23"
            case 8000..<8300: return "HU21"
            case 8300..<10000: return "HU22"
            default: return nil
            }
        default: return nil
        }
    }

    /// Reference towns (NUTS 3 seats and large towns) of the NUTS 2 regions of Austria and
    /// Hungary: a position belongs to the region of the nearest town. Region centres alone put
    /// Győr into Közép-Dunántúl.
    static let centres: [(code: String, latitude: Double, longitude: Double)] = [
        ("AT11", 47.85, 16.52), ("AT11", 47.29, 16.20), ("AT11", 47.06, 16.32), ("AT11", 47.95, 16.85),
        ("AT12", 48.20, 15.63), ("AT12", 47.81, 16.25), ("AT12", 48.41, 15.60), ("AT12", 48.57, 16.58),
        ("AT12", 48.60, 15.17), ("AT12", 48.12, 14.87), ("AT12", 48.00, 16.85), ("AT13", 48.21, 16.37),
        ("AT21", 46.62, 14.31), ("AT21", 46.61, 13.85), ("AT21", 46.80, 13.50), ("AT22", 47.07, 15.44),
        ("AT22", 47.38, 15.09), ("AT22", 47.57, 14.24), ("AT22", 46.95, 15.89), ("AT22", 47.20, 14.65),
        ("AT31", 48.31, 14.29), ("AT31", 48.16, 14.03), ("AT31", 48.21, 13.49), ("AT31", 48.04, 14.42),
        ("AT31", 47.92, 13.80), ("AT32", 47.80, 13.04), ("AT32", 47.32, 12.80), ("AT32", 47.35, 13.40),
        ("AT33", 47.27, 11.39), ("AT33", 46.83, 12.77), ("AT33", 47.14, 10.57), ("AT33", 47.58, 12.17),
        ("AT34", 47.50, 9.75), ("AT34", 47.24, 9.60), ("HU11", 47.50, 19.05), ("HU12", 47.60, 19.37),
        ("HU12", 47.17, 19.80), ("HU12", 47.78, 19.13), ("HU21", 47.19, 18.41), ("HU21", 47.58, 18.39),
        ("HU21", 47.09, 17.91), ("HU22", 47.68, 17.63), ("HU22", 47.23, 16.62), ("HU22", 46.84, 16.84),
        ("HU22", 47.69, 16.59), ("HU22", 46.45, 16.99), ("HU23", 46.07, 18.23), ("HU23", 46.36, 17.80),
        ("HU23", 46.35, 18.70), ("HU31", 48.10, 20.78), ("HU31", 47.90, 20.37), ("HU31", 48.10, 19.80),
        ("HU32", 47.53, 21.63), ("HU32", 47.96, 21.72), ("HU32", 47.17, 20.18), ("HU33", 46.25, 20.15),
        ("HU33", 46.90, 19.69), ("HU33", 46.68, 21.09),
    ]

    private static func distance(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        // Degrees of longitude are shorter at these latitudes (cos 47.5° ≈ 0.68).
        let dLat = lat1 - lat2
        let dLon = (lon1 - lon2) * 0.68
        return dLat * dLat + dLon * dLon
    }
}
