import Testing

@testable import Brokerage
@testable import SoproNode

/// The inquiry form's rate limit. Measured before: refused submissions used up the asker's
/// allowance, every address of one network had its own, and at 10,000 remembered addresses
/// all of them were forgotten at once (a limited client was free again).
@Suite struct SubmissionRateLimiterTests {
    let now: Int64 = 1_795_737_600_000

    @Test func refusedSubmissionsHaveTheirOwnBound() {
        let limiter = SubmissionRateLimiter(maximum: 5, windowMilliseconds: 600_000, invalidMaximum: 8)
        for second in 0..<5 {
            #expect(limiter.admit("198.51.100.7", now: now + Int64(second)) == nil)
            limiter.countAsRefused("198.51.100.7", at: now + Int64(second))
        }
        for second in 5..<10 { #expect(limiter.admit("198.51.100.7", now: now + Int64(second)) == nil) }
        #expect(limiter.admit("198.51.100.7", now: now + 10) != nil, "five accepted in the window")
        let rubbish = SubmissionRateLimiter(maximum: 5, windowMilliseconds: 600_000, invalidMaximum: 8)
        for second in 0..<8 {
            #expect(rubbish.admit("203.0.113.9", now: now + Int64(second)) == nil)
            rubbish.countAsRefused("203.0.113.9", at: now + Int64(second))
        }
        #expect(rubbish.admit("203.0.113.9", now: now + 8) != nil, "eight refused in the window")
        #expect(rubbish.admit("203.0.113.9", now: now + 600_001) == nil, "the window passes")
    }

    @Test func oneNetworkSharesABound() {
        let limiter = SubmissionRateLimiter(maximum: 5, windowMilliseconds: 600_000, prefixMaximum: 12)
        for host in 1...12 { #expect(limiter.admit("198.51.100.\(host)", now: now) == nil) }
        #expect(limiter.admit("198.51.100.200", now: now) != nil, "the /24 is used up")
        #expect(limiter.admit("198.51.101.1", now: now) == nil, "another /24 is not")
        for host in 1...12 { #expect(limiter.admit("2001:db8:0:1::\(String(host, radix: 16))", now: now) == nil) }
        #expect(limiter.admit("2001:db8:0:1:ffff::1", now: now) != nil, "the /64 is used up")
        #expect(limiter.admit("2001:db8:0:2::1", now: now) == nil, "another /64 is not")
        #expect(SubmissionRateLimiter.network(of: "2001:db8:0:1:ffff::1") == "2001:db8:0:1::/64")
        #expect(SubmissionRateLimiter.network(of: "198.51.100.200") == "198.51.100.0/24")
    }

    @Test func aFullMemoryForgetsTheLeastRecentOnly() {
        let limiter = SubmissionRateLimiter(maximum: 1, windowMilliseconds: 600_000, capacity: 100)
        #expect(limiter.admit("192.0.2.1", now: now) == nil)
        for index in 0..<300 {
            let time = now + 1 + Int64(index)
            #expect(limiter.admit("10.\(index / 200).\(index % 200).1", now: time) == nil)
            #expect(limiter.admit("192.0.2.1", now: time) != nil, "the limited client stays limited (\(index))")
        }
    }
}
