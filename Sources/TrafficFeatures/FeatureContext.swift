/// What per-account features need besides the traffic: model release times, account metadata and the time
/// window. Built once from the side files and shared (read-only) by batch extraction and online scoring.
public struct FeatureContext: Sendable {
    /// Release time by FNV-1a hash of the model name.
    var releaseByModel: [UInt64: Double] = [:]
    /// Hash of the newest released model (largest `released_at` ≤ the window end), if any.
    var newestModel: UInt64?
    var newestRelease: Double = .nan
    var accounts: [String: AccountRecord] = [:]
    public var window: TimeWindow

    public init(models: [ModelRelease] = [], accounts: [AccountRecord] = [], window: TimeWindow = TimeWindow()) {
        self.window = window
        for m in models {
            let h = Hashing.fnv1a(m.model)
            releaseByModel[h] = m.releasedAt
            // Only models released before the window end count as "newest" (no look-ahead under --as-of).
            if m.releasedAt < window.end, newestModel == nil || m.releasedAt > newestRelease
                || (m.releasedAt == newestRelease && h < newestModel!) {
                newestModel = h
                newestRelease = m.releasedAt
            }
        }
        for a in accounts { self.accounts[a.accountID] = a }
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
