package import Logging
import ServiceLifecycle

/// Erases closed inquiries once their retention period has passed: at start, then every
/// `interval` (hourly by default), until the service group shuts down. The clock is injected,
/// as for the replicator.
package struct InquiryRetention<C: Clock>: Service where C.Duration == Duration {
    let desk: InquiryDesk
    let clock: C
    let interval: Duration
    let logger: Logger

    package init(desk: InquiryDesk, clock: C, interval: Duration = .seconds(3600), logger: Logger) {
        self.desk = desk
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    package func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await sweep()
            do {
                // Ends at once on graceful shutdown instead of finishing the wait.
                try await cancelWhenGracefulShutdown { try await clock.sleep(for: interval) }
            } catch {
                return
            }
        }
    }

    /// One pass; returns how many inquiries it erased.
    @discardableResult
    package func sweep() async -> Int {
        do {
            let erased = try await desk.eraseExpired()
            if erased > 0 {
                logger.info(
                    "closed inquiries past their retention period erased",
                    metadata: ["inquiry.count": "\(erased)", "inquiry.retentionDays": "\(desk.retentionDays)"])
            }
            return erased
        } catch {
            logger.info("erasing expired inquiries failed", metadata: ["error": "\(error)"])
            return 0
        }
    }
}
