import Foundation

extension GeoPosition {
    /// The great-circle distance to `other` (haversine, on a sphere of the Earth's mean
    /// radius): within 0.5 % of the ellipsoid's at these latitudes, plenty for "within a km".
    public func distanceInKilometres(to other: GeoPosition) -> Double {
        let radians = Double.pi / 180
        let dLatitude = (other.latitude - latitude) * radians
        let dLongitude = (other.longitude - longitude) * radians
        let a =
            sin(dLatitude / 2) * sin(dLatitude / 2) + cos(latitude * radians) * cos(other.latitude * radians)
            * sin(dLongitude / 2) * sin(dLongitude / 2)
        return 6371.0088 * 2 * atan2(sqrt(a), sqrt(max(0, 1 - a)))
    }
}
