import Foundation

/// A submitted HTML form (`application/x-www-form-urlencoded`): name–value pairs in order,
/// `+` read as a space and percent escapes decoded. Invalid escapes leave the value as sent.
struct FormBody {
    let pairs: [(name: String, value: String)]

    init(_ text: String) {
        pairs = text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring?) -> String {
                let plus = String(part ?? "").replacingOccurrences(of: "+", with: " ")
                return plus.removingPercentEncoding ?? plus
            }
            return (decode(parts.first), decode(parts.count > 1 ? parts[1] : nil))
        }
    }

    /// The first value of `name`; `nil` when the form has no such field.
    subscript(_ name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Every value of `name`, in order (checkboxes of one group).
    func values(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }
}
