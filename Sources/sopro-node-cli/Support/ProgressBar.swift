import Foundation

/// A one-line progress bar on standard error, redrawn in place (`\r`), for long operations on a
/// terminal. Silent unless shown, so output to a file or a pipe stays clean.
struct ProgressBar {
    let total: Int
    let label: String
    let unit: String
    var isShown = false
    var width = 30
    private var drawn = false

    init(total: Int, label: String, unit: String) {
        self.total = total
        self.label = label
        self.unit = unit
    }

    /// Whether standard error is a terminal (where a redrawn line makes sense).
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// The line for `done` of `total`, e.g. `publishing [########------]  300/1000 entries`.
    func line(done: Int) -> String {
        let fraction = total == 0 ? 1 : min(1, Double(done) / Double(total))
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let count = String(repeating: " ", count: max(0, String(total).count - String(done).count)) + String(done)
        return "\(label) [\(bar)] \(count)/\(total) \(unit)"
    }

    mutating func advance(to done: Int) {
        guard isShown else { return }
        try? FileHandle.standardError.write(contentsOf: Data(("\r" + line(done: done)).utf8))
        drawn = true
    }

    /// Ends the bar's line, so what follows starts on a line of its own.
    mutating func finish() {
        guard drawn else { return }
        try? FileHandle.standardError.write(contentsOf: Data("\n".utf8))
        drawn = false
    }
}
