#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How many connections the HTTP server holds open and how long it waits for a client: an idle
/// connection (between requests), a request's head (from its first byte) and its body (from the
/// head to the last byte). Without them 1,100 idle TCP connections exhausted a 1,024 open-files
/// limit: the node stopped answering, then died (SIGILL in libdispatch).
package struct ServerLimits: Sendable, Hashable {
    /// Connections served at once; beyond it the server stops accepting, and new connections
    /// wait in the listen backlog until one closes.
    package var maximumConnections: Int
    /// A connection with no request in progress is closed after this.
    package var idleTimeout: Duration
    /// A request's head must be complete this long after its first byte (slowloris).
    package var requestHeadTimeout: Duration
    /// A request's body must be complete this long after its head.
    package var requestBodyTimeout: Duration

    package init(
        maximumConnections: Int = 512, idleTimeout: Duration = .seconds(60),
        requestHeadTimeout: Duration = .seconds(10), requestBodyTimeout: Duration = .seconds(60)
    ) {
        self.maximumConnections = maximumConnections
        self.idleTimeout = idleTimeout
        self.requestHeadTimeout = requestHeadTimeout
        self.requestBodyTimeout = requestBodyTimeout
    }

    /// Descriptors kept free for the store (database, WAL and shared-memory files), the key,
    /// logs and outgoing sync and referral connections.
    package static let reservedDescriptors = 128

    /// The limit made to fit `openFiles` (the process's RLIMIT_NOFILE soft limit): at most that
    /// minus ``reservedDescriptors``, at least 8. `nil` when it already fits.
    package func fitted(toOpenFiles openFiles: Int?) -> ServerLimits? {
        guard let openFiles else { return nil }
        let room = max(8, openFiles - Self.reservedDescriptors)
        guard maximumConnections > room else { return nil }
        var fitted = self
        fitted.maximumConnections = room
        return fitted
    }

    /// The process's soft limit of open files, `nil` when unlimited or unknown.
    package static func openFilesLimit() -> Int? {
        var limits = rlimit()
        #if canImport(Glibc)
            let status = getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limits)
        #else
            let status = getrlimit(RLIMIT_NOFILE, &limits)
        #endif
        guard status == 0, limits.rlim_cur < rlim_t(Int32.max) else { return nil }
        return Int(limits.rlim_cur)
    }
}
