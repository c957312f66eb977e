/// Lazily yields one account's request times, in order: sessions (diurnal, flat or cluster-synchronized)
/// made of requests separated by jittered gaps.
///
/// The clock owns the account's random stream, so an account's traffic depends only on the seed and the
/// account, never on how events of different accounts interleave.
struct AccountClock: Sendable {
    var rng: SplitMix64
    var next: Int64
    var remaining: Int = 0
    var beat: Int64 = 0

    static let hourMs: Int64 = 3_600_000

    /// Relative activity by local hour for people: low at night, peaking mid-afternoon.
    static func diurnalWeight(hour: Int, nightFloor: Double) -> Double {
        let shape: [Double] = [0.15, 0.08, 0.05, 0.04, 0.05, 0.1, 0.25, 0.45, 0.7, 0.9, 1.0, 1.0,
                               0.95, 1.0, 1.0, 0.95, 0.9, 0.8, 0.7, 0.7, 0.65, 0.55, 0.4, 0.25]
        return nightFloor + (1 - nightFloor) * shape[hour]
    }

    static func meanDiurnalWeight(nightFloor: Double) -> Double {
        (0..<24).reduce(0) { $0 + diurnalWeight(hour: $1, nightFloor: nightFloor) } / 24 * (5 + 2 * 0.6) / 7
    }

    init(account: Account) {
        rng = SplitMix64(seed: account.streamSeed, stream: 4)
        next = account.activeStart
    }

    /// Advances to the next request time; returns false when the account has no more requests in its window.
    mutating func advance(account a: Account, profile: PopulationProfile, windowStart: Int64, first: Bool = false) -> Bool {
        if remaining > 0 && !first {
            remaining -= 1
            next += Int64(rng.logNormal(median: profile.gapSecondsMedian, sigma: profile.gapSigma) * 1000) + 200
        } else {
            guard a.sessionRate > 0 else { return false }
            switch profile.timing {
            case .flat:
                next += Int64(rng.exponential(mean: 86_400_000 / a.sessionRate))
            case let .diurnal(nightFloor):
                let mean = AccountClock.meanDiurnalWeight(nightFloor: nightFloor)
                let step = 86_400_000 / (a.sessionRate / mean)
                var tries = 0
                while true {
                    next += Int64(rng.exponential(mean: step))
                    tries += 1
                    let localMs = next + Int64(a.tzOffsetHours) * AccountClock.hourMs
                    let hour = Int((localMs / AccountClock.hourMs) % 24)
                    let weekday = Int((localMs / 86_400_000 + 3) % 7) // 0 = Monday
                    let w = AccountClock.diurnalWeight(hour: hour, nightFloor: nightFloor) * (weekday >= 5 ? 0.6 : 1)
                    if rng.unit() < w || tries > 1_000 || next >= a.activeEnd { break }
                }
            case let .synchronized(beatMinutes, jitterSeconds):
                let beatMs = Int64(beatMinutes * 60_000)
                if first { beat = max(0, (a.activeStart - windowStart) / beatMs) }
                while true {
                    beat += 1
                    let t = AccountClock.beatTime(cluster: a.cluster, index: beat, beatMs: beatMs, windowStart: windowStart)
                    if t >= a.activeEnd { next = t; break }
                    if rng.unit() < a.sessionRate {
                        next = t + Int64(abs(rng.normal()) * jitterSeconds * 1000)
                        break
                    }
                }
            }
            remaining = rng.geometric(mean: a.sessionMean) - 1
        }
        return next < a.activeEnd
    }

    /// The dispatcher beat `index` of a cluster: regular period plus a per-beat offset every account agrees on.
    static func beatTime(cluster: Int, index: Int64, beatMs: Int64, windowStart: Int64) -> Int64 {
        let h = SplitMix64.mix(UInt64(cluster) << 40 ^ UInt64(index) ^ 0xBEA7)
        return windowStart + index * beatMs + Int64(h % UInt64(beatMs / 2))
    }
}
