import SyncProtocol
import Testing

@Suite struct HybridLogicalClockTests {
    @Test func followsTheWallClockWhenItAdvances() {
        var clock = HybridLogicalClock()
        #expect(clock.tick(now: 1000) == HLCTimestamp(time: 1000, counter: 0))
        #expect(clock.tick(now: 2000) == HLCTimestamp(time: 2000, counter: 0))
    }

    @Test func countsWithinAMillisecondAndWhenTheWallClockGoesBack() {
        var clock = HybridLogicalClock()
        _ = clock.tick(now: 1000)
        #expect(clock.tick(now: 1000) == HLCTimestamp(time: 1000, counter: 1))
        #expect(clock.tick(now: 900) == HLCTimestamp(time: 1000, counter: 2))
    }

    @Test func ordersAfterEveryReceivedTimestamp() throws {
        var clock = HybridLogicalClock()
        _ = clock.tick(now: 1000)
        try clock.receive(HLCTimestamp(time: 1500, counter: 7), now: 1200)
        #expect(clock.latest == HLCTimestamp(time: 1500, counter: 8))
        #expect(clock.tick(now: 1300) == HLCTimestamp(time: 1500, counter: 9))
        try clock.receive(HLCTimestamp(time: 1400, counter: 3), now: 1450)
        #expect(clock.latest == HLCTimestamp(time: 1500, counter: 10))
        try clock.receive(HLCTimestamp(time: 100, counter: 0), now: 5000)
        #expect(clock.latest == HLCTimestamp(time: 5000, counter: 0))
    }

    @Test func refusesTimestampsBeyondTheSkewBoundAndStaysUnchanged() throws {
        var clock = HybridLogicalClock(maximumSkewMilliseconds: 300_000)
        _ = clock.tick(now: 1_000_000)
        #expect(throws: SyncError.self) { try clock.receive(HLCTimestamp(time: 1_300_001), now: 1_000_000) }
        #expect(clock.latest == HLCTimestamp(time: 1_000_000))
        do {
            try clock.receive(HLCTimestamp(time: 1_360_000), now: 1_000_000)
        } catch {
            #expect(error.code == .clockAhead)
            #expect(error.isRetryable)
            #expect(error.retryAfterMilliseconds == 60_000)
        }
        try clock.receive(HLCTimestamp(time: 1_300_000), now: 1_000_000)
        #expect(clock.latest.time == 1_300_000)
    }

    @Test func ordersTimestampsByTimeThenCounter() {
        #expect(HLCTimestamp(time: 1, counter: 9) < HLCTimestamp(time: 2, counter: 0))
        #expect(HLCTimestamp(time: 2, counter: 0) < HLCTimestamp(time: 2, counter: 1))
    }
}
