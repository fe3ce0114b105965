/// Network errors in plain words. NIO's descriptions name system calls and errno values, in
/// unbalanced parentheses ("connection reset (error set): Connection refused) (errno: 111)");
/// an operator needs to know what to check.
package enum ConnectionFailure {
    package static func plainWords(_ text: String) -> String {
        let known: [(String, String)] = [
            ("Connection refused", "connection refused — nothing listens at that address; is the node running?"),
            ("Address already in use", "the address is already in use by another process"),
            ("Connection reset by peer", "the connection was reset by the other side"),
            ("Network is unreachable", "the network is unreachable"),
            ("No route to host", "no route to that host"),
            ("deadlineExceeded", "no answer in time (the node may be overloaded or the address wrong)"),
            ("connectTimeout", "no connection in time (the node may be down or the address wrong)"),
            ("Name or service not known", "the host name is not known (check the address)"),
        ]
        for (needle, words) in known where text.contains(needle) { return words }
        return text
    }
}
