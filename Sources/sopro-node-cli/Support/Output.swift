import Foundation

/// Writes a line to standard error, where problems belong.
func printError(_ line: String) {
    try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
}

/// Writes a line to standard output at once (unbuffered), so a supervisor or a pipe sees each
/// line as it is printed.
func say(_ line: String) {
    writeOut(Data((line + "\n").utf8))
}

/// Writes to standard output. When the reader has gone (`sopro-node list | head`), the command
/// ends quietly, as Unix tools do, instead of failing on the closed pipe.
func writeOut(_ data: Data) {
    do {
        try FileHandle.standardOutput.write(contentsOf: data)
    } catch {
        exit(0)
    }
}

/// Prints JSON for scripts: pretty, keys sorted, slashes unescaped.
func sayJSON(_ data: Data) {
    if let object = try? JSONSerialization.jsonObject(with: data),
        let pretty = try? JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    {
        say(String(decoding: pretty, as: UTF8.self))
    } else {
        say(String(decoding: data, as: UTF8.self))
    }
}

/// Prints rows as aligned columns under a header; the last column is never padded, and cells
/// are cut to `maximumWidth` characters with an ellipsis so one long name cannot break the table.
func sayTable(_ header: [String], _ rows: [[String]], maximumWidth: Int = 48) {
    let cells = ([header] + rows).map { row in
        row.map { $0.count > maximumWidth ? String($0.prefix(maximumWidth - 1)) + "…" : $0 }
    }
    let widths = header.indices.map { column in
        cells.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
    }
    for row in cells {
        let padded = row.enumerated().map { column, cell in
            column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
        }
        say(padded.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
    }
}

/// "3 min ago" for a time in ms since 1970.
func ago(_ milliseconds: Int64?, now: Date = Date()) -> String {
    guard let milliseconds else { return "never" }
    let seconds = Int(now.timeIntervalSince1970 - Double(milliseconds) / 1000)
    switch seconds {
    case ..<2: return "just now"
    case ..<120: return "\(seconds) s ago"
    case ..<7200: return "\(seconds / 60) min ago"
    case ..<172_800: return "\(seconds / 3600) h ago"
    default: return "\(seconds / 86_400) days ago"
    }
}
