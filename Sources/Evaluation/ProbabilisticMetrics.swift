#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Metrics of predicted probabilities, matching scikit-learn.
public enum ProbabilisticMetrics {
    /// Mean log-loss −(1/n) Σ [y log p + (1−y) log(1−p)], with p clipped to [ε, 1−ε], ε = 2.22e-16 (float64
    /// machine epsilon, as `sklearn.metrics.log_loss` does since 1.5).
    public static func logLoss(labels: [Double], probabilities: [Double]) -> Double {
        let eps = Double.ulpOfOne
        var s = 0.0
        for (y, p0) in zip(labels, probabilities) {
            let p = min(max(p0, eps), 1 - eps)
            s -= y > 0.5 ? log(p) : log(1 - p)
        }
        return s / Double(labels.count)
    }

    /// Brier score (1/n) Σ (p − y)².
    public static func brier(labels: [Double], probabilities: [Double]) -> Double {
        var s = 0.0
        for (y, p) in zip(labels, probabilities) { s += (p - y) * (p - y) }
        return s / Double(labels.count)
    }
}

/// Reliability diagram bins and expected calibration error.
public enum CalibrationMetrics {
    public struct Bin: Sendable, Equatable, Codable {
        public var lower: Double
        public var upper: Double
        public var count: Int
        public var meanPredicted: Double
        public var observedRate: Double
    }

    /// `bins` equal-width bins over [0, 1]; the last bin includes 1. Empty bins are omitted.
    public static func reliability(labels: [Double], probabilities: [Double], bins: Int = 10) -> [Bin] {
        var count = [Int](repeating: 0, count: bins), sumP = [Double](repeating: 0, count: bins)
        var sumY = [Double](repeating: 0, count: bins)
        for (y, p) in zip(labels, probabilities) {
            let b = min(bins - 1, max(0, Int(p * Double(bins))))
            count[b] += 1
            sumP[b] += p
            sumY[b] += y
        }
        return (0..<bins).compactMap { b in
            guard count[b] > 0 else { return nil }
            return Bin(lower: Double(b) / Double(bins), upper: Double(b + 1) / Double(bins), count: count[b],
                       meanPredicted: sumP[b] / Double(count[b]), observedRate: sumY[b] / Double(count[b]))
        }
    }

    /// ECE = Σ_b (n_b / n) |mean predicted_b − observed rate_b| over the reliability bins.
    public static func expectedCalibrationError(labels: [Double], probabilities: [Double], bins: Int = 10) -> Double {
        let n = Double(labels.count)
        return reliability(labels: labels, probabilities: probabilities, bins: bins)
            .reduce(0) { $0 + Double($1.count) / n * abs($1.meanPredicted - $1.observedRate) }
    }
}
