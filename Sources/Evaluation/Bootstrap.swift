/// Percentile bootstrap confidence intervals for any metric of (labels, scores), and paired intervals for the
/// difference between two models scored on the same rows (champion/challenger).
///
/// Resamples rows with replacement `replicates` times using a seeded SplitMix64 stream, so intervals are
/// reproducible. Replicates where the metric is undefined (NaN, e.g. a resample with one class) are dropped.
public struct Bootstrap: Sendable {
    public struct Interval: Sendable, Equatable, Codable {
        public var estimate: Double
        public var lower: Double
        public var upper: Double
        public var level: Double
    }

    public var replicates: Int
    public var level: Double
    public var seed: UInt64

    public init(replicates: Int = 1000, level: Double = 0.95, seed: UInt64 = 1) {
        self.replicates = replicates
        self.level = level
        self.seed = seed
    }

    public typealias Metric = (_ labels: [Double], _ scores: [Double]) -> Double

    public func interval(labels: [Double], scores: [Double], metric: Metric) -> Interval {
        let estimate = metric(labels, scores)
        var values: [Double] = []
        values.reserveCapacity(replicates)
        forEachResample(count: labels.count) { idx in
            let v = metric(idx.map { labels[$0] }, idx.map { scores[$0] })
            if v.isFinite { values.append(v) }
        }
        return percentile(values, estimate: estimate)
    }

    /// Interval of `metric(challenger) − metric(baseline)` over the same resampled rows.
    public func pairedDifference(labels: [Double], baseline: [Double], challenger: [Double], metric: Metric) -> Interval {
        let estimate = metric(labels, challenger) - metric(labels, baseline)
        var values: [Double] = []
        values.reserveCapacity(replicates)
        forEachResample(count: labels.count) { idx in
            let y = idx.map { labels[$0] }
            let v = metric(y, idx.map { challenger[$0] }) - metric(y, idx.map { baseline[$0] })
            if v.isFinite { values.append(v) }
        }
        return percentile(values, estimate: estimate)
    }

    private func forEachResample(count n: Int, _ body: ([Int]) -> Void) {
        guard n > 0 else { return }
        var state = seed
        var idx = [Int](repeating: 0, count: n)
        for _ in 0..<replicates {
            for i in 0..<n { idx[i] = Int(Self.splitMix(&state) % UInt64(n)) }
            body(idx)
        }
    }

    private func percentile(_ values: [Double], estimate: Double) -> Interval {
        guard !values.isEmpty else { return Interval(estimate: estimate, lower: .nan, upper: .nan, level: level) }
        let s = values.sorted()
        func q(_ p: Double) -> Double {
            // Linear interpolation between order statistics (numpy's default "linear" method).
            let h = p * Double(s.count - 1)
            let lo = Int(h.rounded(.down)), hi = min(lo + 1, s.count - 1)
            return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
        }
        let alpha = (1 - level) / 2
        return Interval(estimate: estimate, lower: q(alpha), upper: q(1 - alpha), level: level)
    }

    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
