package import NodeAPI

/// Why a request to a node failed: the node could not be reached, it answered with a problem
/// (RFC 9457, kept as sent), or its answer was not the document the endpoint promises.
package struct NodeClientError: Error, CustomStringConvertible {
    package enum Kind: Sendable {
        /// No answer: refused, timed out, name not found (the detail in plain words).
        case unreachable(String)
        /// An answer other than success. `problem` when the body is a problem document.
        case answered(status: Int, problem: Problem?, body: String)
        /// A success whose body is not what the endpoint sends.
        case unreadable(path: String, detail: String)
    }

    package let kind: Kind
    /// The node's address.
    package let url: String

    init(_ kind: Kind, url: String) {
        self.kind = kind
        self.url = url
    }

    /// The node's problem, when it answered with one.
    package var problem: Problem? {
        if case .answered(_, let problem, _) = kind { problem } else { nil }
    }

    /// The HTTP status the node answered with.
    package var status: Int? {
        if case .answered(let status, _, _) = kind { status } else { nil }
    }

    package var description: String {
        switch kind {
        case .unreachable(let detail): "cannot reach the node at \(url): \(detail)"
        case .answered(let status, let problem, let body):
            "the node answered \(status): \(problem?.detail ?? String(body.prefix(500)))"
        case .unreadable(let path, let detail): "the node's answer to \(path) cannot be read: \(detail)"
        }
    }
}
