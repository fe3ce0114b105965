/// Where in an entry a value lives, e.g. `products[2].name.hu`.
///
/// Paths are how every validation problem is reported, so an editor can find the field in a file
/// or a form; they are also the names the sync layer uses for registers (`name.de`).
public struct FieldPath: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// One step into a document: a key of an object or an index of a list.
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// The path of the document root: the entry itself.
    public static let root = FieldPath()

    public var isRoot: Bool { components.isEmpty }

    public func appending(_ key: String) -> FieldPath {
        FieldPath(components + [.key(key)])
    }

    public func appending(_ index: Int) -> FieldPath {
        FieldPath(components + [.index(index)])
    }

    public func appending(_ other: FieldPath) -> FieldPath {
        FieldPath(components + other.components)
    }

    /// Whether `self` is `other` or lies inside it.
    public func hasPrefix(_ other: FieldPath) -> Bool {
        components.starts(with: other.components)
    }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key):
                if key.isPlainPathKey {
                    if !text.isEmpty { text += "." }
                    text += key
                } else {
                    text += "[\(key.quotedForMessage)]"
                }
            }
        }
        return text.isEmpty ? "(entry)" : text
    }

    public static func < (lhs: FieldPath, rhs: FieldPath) -> Bool {
        lhs.description < rhs.description
    }
}

extension String {
    /// Keys that can be written bare in a dotted path without ambiguity.
    fileprivate var isPlainPathKey: Bool {
        !isEmpty && utf8.count <= 64
            && unicodeScalars.allSatisfy { scalar in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", "-", "_": true
                default: false
                }
            }
    }
}
