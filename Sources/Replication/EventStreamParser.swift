/// Reads a server-sent event stream (the live feed) as it arrives in chunks: yields the data of
/// each `changed` event (the announcement number); comments (heartbeats), `retry:` and other
/// events are skipped. Lines end with LF or CRLF; an event ends with a blank line. A line longer
/// than 1,024 bytes is not from a sopro node: the stream is refused.
struct EventStreamParser {
    private var line: [UInt8] = []
    private var event = ""
    private var data = ""

    struct TooLong: Error {}

    mutating func feed(_ bytes: some Sequence<UInt8>) throws -> [UInt64] {
        var numbers: [UInt64] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                if let number = take(String(decoding: line, as: UTF8.self)) { numbers.append(number) }
                line.removeAll(keepingCapacity: true)
            } else {
                line.append(byte)
                if line.count > 1_024 { throw TooLong() }
            }
        }
        return numbers
    }

    /// One complete line; returns the number when it ends a `changed` event.
    private mutating func take(_ text: String) -> UInt64? {
        if text.isEmpty {
            defer {
                event = ""
                data = ""
            }
            return event == "changed" ? UInt64(data) : nil
        }
        if text.hasPrefix(":") { return nil }
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let field = parts[0]
        var value = parts.count > 1 ? String(parts[1]) : ""
        if value.hasPrefix(" ") { value.removeFirst() }
        switch field {
        case "event": event = value
        case "data": data = data.isEmpty ? value : data + "\n" + value
        default: break
        }
        return nil
    }
}
