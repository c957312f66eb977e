import Foundation

/// The training matrix as logistic regression reads it: standardised features plus a column of ones
/// (intercept), stored in row blocks ("panels") of `blockRows` rows, each panel column-major with
/// leading dimension `blockRows`. A panel fits in L2 cache, so one Newton pass streams the data from
/// memory once while BLAS works on cache-resident blocks.
///
/// Standardisation is scikit-learn's `StandardScaler`: mean and population standard deviation over the
/// non-missing values; a constant column gets scale 1. Missing values become 0 (= the mean).
/// Padding rows (in the last panel) have features, ones-column and weight all 0, so they contribute nothing.
struct StandardizedDesign {
    let rowCount: Int
    let featureCount: Int
    let blockRows: Int
    let blockCount: Int
    /// Columns per panel: features + intercept.
    var width: Int { featureCount + 1 }
    var panels: [Double]
    /// Per padded row: label (0/1) and weight (0 for padding).
    var labels: [Double]
    var weights: [Double]
    let mean: [Double]
    let scale: [Double]

    init(_ data: Dataset, blockRows: Int, scalePosWeight: Double) {
        let n = data.rowCount, d = data.featureCount
        rowCount = n
        featureCount = d
        self.blockRows = blockRows
        blockCount = (n + blockRows - 1) / blockRows
        var mean = [Double](repeating: 0, count: d)
        var scale = [Double](repeating: 1, count: d)
        data.values.withUnsafeBufferPointer { x in
            for j in 0..<d {
                let col = UnsafeBufferPointer(rebasing: x[(j * n)..<((j + 1) * n)])
                var count = 0.0, sum = 0.0
                for v in col where !v.isNaN { sum += v; count += 1 }
                let m = count > 0 ? sum / count : 0
                var ss = 0.0
                for v in col where !v.isNaN { ss += (v - m) * (v - m) }
                let sd = count > 0 ? (ss / count).squareRoot() : 0
                mean[j] = m
                // StandardScaler's constant-feature rule: var ≤ n·eps·var + (n·mean·eps)² → scale 1.
                let v = sd * sd, eps = Double.ulpOfOne
                scale[j] = v > count * eps * v + (count * m * eps) * (count * m * eps) ? sd : 1
            }
        }
        self.mean = mean
        self.scale = scale
        let padded = blockCount * blockRows
        let w = d + 1
        var panels = [Double](repeating: 0, count: blockCount * blockRows * w)
        var labels = [Double](repeating: 0, count: padded)
        var weights = [Double](repeating: 0, count: padded)
        for i in 0..<n {
            labels[i] = data.labels[i]
            let base = data.weights?[i] ?? 1
            weights[i] = data.labels[i] == 1 ? base * scalePosWeight : base
        }
        let bR = blockRows
        let blocks = blockCount
        data.values.withUnsafeBufferPointer { x in
            panels.withUnsafeMutableBufferPointer { p in
                let pp = p.baseAddress!
                DispatchQueue.concurrentPerform(iterations: min(blocks, 16)) { part in
                    var b = part
                    while b < blocks {
                        let r0 = b * bR
                        let rows = min(bR, n - r0)
                        let panel = pp + b * bR * w
                        for j in 0..<d {
                            let src = x.baseAddress! + j * n + r0
                            let dst = panel + j * bR
                            let m = mean[j], s = scale[j]
                            for i in 0..<rows {
                                let v = src[i]
                                dst[i] = v.isNaN ? 0 : (v - m) / s
                            }
                        }
                        let ones = panel + d * bR
                        for i in 0..<rows { ones[i] = 1 }
                        b += 16
                    }
                }
            }
        }
        self.panels = panels
        self.labels = labels
        self.weights = weights
    }
}
