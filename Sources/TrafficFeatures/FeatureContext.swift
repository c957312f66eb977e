/// What per-account features need besides the traffic: model release times, account metadata and the time
/// window. Built once from the side files and shared (read-only) by batch extraction and online scoring.
public struct FeatureContext: Sendable {
    /// Release time by `Hashing.id` hash of the model name.
    var releaseByModel: [UInt64: Double] = [:] {
        didSet { (releaseIndex, releaseTimes) = Self.index(releaseByModel) }
    }
    /// `releaseByModel` as an open-addressing index into `releaseTimes`: looked up once per request, where a
    /// SipHash dictionary probe on an already-hashed key was a measurable share of extraction time.
    private var releaseIndex = HashIndex(capacity: 16)
    private var releaseTimes: [Double] = []
    /// Hash of the newest released model (largest `released_at` ≤ the window end), if any.
    var newestModel: UInt64?
    var newestRelease: Double = .nan
    var accounts: [String: AccountRecord] = [:]
    public var window: TimeWindow

    public init(models: [ModelRelease] = [], accounts: [AccountRecord] = [], window: TimeWindow = TimeWindow()) {
        self.window = window
        for m in models {
            let h = Hashing.id(m.model)
            releaseByModel[h] = m.releasedAt
            // Only models released before the window end count as "newest" (no look-ahead under --as-of).
            if m.releasedAt < window.end, newestModel == nil || m.releasedAt > newestRelease
                || (m.releasedAt == newestRelease && h < newestModel!) {
                newestModel = h
                newestRelease = m.releasedAt
            }
        }
        for a in accounts { self.accounts[a.accountID] = a }
        (releaseIndex, releaseTimes) = Self.index(releaseByModel)
    }

    /// The release time of the model with this name hash, if known (same answer as `releaseByModel[model]`).
    @inline(__always) func releaseTime(of model: UInt64) -> Double? {
        if releaseTimes.isEmpty { return nil }
        // HashIndex folds key 0 into 1; in that (astronomically rare) case ask the dictionary.
        if model <= 1 { return releaseByModel[model] }
        guard let i = releaseIndex.get(model) else { return nil }
        return releaseTimes[Int(i)]
    }

    private static func index(_ m: [UInt64: Double]) -> (HashIndex, [Double]) {
        var index = HashIndex(capacity: max(16, m.count))
        var times: [Double] = []
        for (h, t) in m {
            _ = index.insert(h, Int32(times.count))
            times.append(t)
        }
        return (index, times)
    }
}

/// The events to use: `start ≤ ts < end`. `--as-of T` sets `end = min(end, T)` so features at T see no later
/// event (time-split evaluation without leakage).
public struct TimeWindow: Sendable, Equatable {
    public var start: Double
    public var end: Double

    public init(start: Double = -.infinity, end: Double = .infinity) {
        self.start = start
        self.end = end
    }

    @inline(__always) public func contains(_ t: Double) -> Bool { t >= start && t < end }
}
