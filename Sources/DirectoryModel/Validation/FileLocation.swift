/// A position in an entry file, so an editor can jump to the line that is wrong.
public struct FileLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file as the user named it; `nil` for input that did not come from a file.
    public var file: String?
    /// Line number, starting at 1.
    public var line: Int
    /// Column number, starting at 1, counted in Unicode scalars.
    public var column: Int

    public init(file: String? = nil, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        if let file { "\(file):\(line):\(column)" } else { "line \(line), column \(column)" }
    }
}
