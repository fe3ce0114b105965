import Foundation

extension DecodingError {
    /// The error as `path: what is wrong`, the path written like a field path
    /// (`changes[0].payload`), or `root` when the problem is at the top (`the body`, the file).
    /// Shared by HTTP bodies and the configuration file.
    package func describedWithPath(root: String) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? root : String(text.drop { $0 == "." })
        }
        switch self {
        case .dataCorrupted(let context):
            if let underlying = context.underlyingError {
                return "\(path(context.codingPath)) is not valid: \((underlying as NSError).localizedDescription)"
            }
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): is required"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(type), found null"
        @unknown default:
            return "\(root) could not be decoded"
        }
    }
}
