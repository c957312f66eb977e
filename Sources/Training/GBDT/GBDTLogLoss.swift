import Foundation

/// Binary log-loss on raw scores s (log-odds): p = 1/(1+e^−s),
///
///     loss = −w·[y·log p + (1−y)·log(1−p)],   gradient = w·(p − y),   hessian = w·p·(1 − p)
///
/// `w` is the row weight times `scalePosWeight` for positives (LightGBM's `label_weights`); the reported
/// loss uses the row weights only, as LightGBM's metric does.
struct GBDTLogLoss: Sendable {
    let scalePosWeight: Double

    /// Initial score: log-odds of the weighted base rate (LightGBM's `BoostFromScore`, which ignores
    /// `scale_pos_weight`), clamped away from 0 and 1 by 1e-15.
    static func initialScore(labels: [Double], weights: [Double]?) -> Double {
        var pos = 0.0, total = 0.0
        for i in labels.indices {
            let w = weights?[i] ?? 1
            pos += labels[i] * w
            total += w
        }
        let p = min(max(pos / total, 1e-15), 1 - 1e-15)
        return log(p / (1 - p))
    }

    /// Fills (gradient, hessian) pairs for `scores` (stored as `Float`, as LightGBM stores them: half the memory
    /// traffic in the histogram loops; sums are accumulated in `Double`), returning the weighted loss sum of those scores
    /// (summed per fixed row chunk, then in chunk order).
    func gradients(scores: [Double], labels: [Double], weights: [Double]?, gradients: inout [SIMD2<Float>],
                   parallel: GBDTParallel) -> Double {
        let spw = scalePosWeight
        return gradients.withUnsafeMutableBufferPointer { out in
                let out = out
                return parallel.sumOverRows(scores.count) { range in
                    var loss = 0.0
                    for i in range {
                        let s = scores[i], y = labels[i]
                        let rowWeight = weights?[i] ?? 1
                        let w = y > 0.5 ? rowWeight * spw : rowWeight
                        let e = exp(-s)
                        let p = 1 / (1 + e)
                        out[i] = SIMD2(Float((p - y) * w), Float(p * (1 - p) * w))
                        loss += rowWeight * Self.pointLoss(score: s, label: y)
                    }
                    return loss
                }
        }
    }

    /// −[y·log p + (1−y)·log(1−p)] computed stably from the score: log(1 + e^−|s|) + max(s, 0) − y·s.
    @inline(__always)
    static func pointLoss(score s: Double, label y: Double) -> Double {
        log1p(exp(-abs(s))) + max(s, 0) - y * s
    }

    /// Mean weighted loss of `scores`.
    static func meanLoss(scores: [Double], labels: [Double], weights: [Double]?, parallel: GBDTParallel) -> Double {
        let sum = parallel.sumOverRows(scores.count) { range in
            var loss = 0.0
            for i in range { loss += (weights?[i] ?? 1) * pointLoss(score: scores[i], label: labels[i]) }
            return loss
        }
        let total = weights.map { $0.reduce(0, +) } ?? Double(scores.count)
        return sum / total
    }
}
