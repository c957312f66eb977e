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

    /// Mean and population standard deviation of the non-missing values (two passes, four partial sums
    /// each so the adds pipeline), and how many there were.
    static func meanAndDeviation(_ col: UnsafeBufferPointer<Double>) -> (mean: Double, deviation: Double, count: Double) {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var c0 = 0.0, c1 = 0.0, c2 = 0.0, c3 = 0.0
        let n = col.count, n4 = n & ~3
        var i = 0
        while i < n4 {
            let a = col[i], b = col[i + 1], c = col[i + 2], d = col[i + 3]
            if !a.isNaN { s0 += a; c0 += 1 }
            if !b.isNaN { s1 += b; c1 += 1 }
            if !c.isNaN { s2 += c; c2 += 1 }
            if !d.isNaN { s3 += d; c3 += 1 }
            i += 4
        }
        while i < n { if !col[i].isNaN { s0 += col[i]; c0 += 1 }; i += 1 }
        let count = (c0 + c1) + (c2 + c3)
        guard count > 0 else { return (0, 0, 0) }
        let m = ((s0 + s1) + (s2 + s3)) / count
        var q0 = 0.0, q1 = 0.0, q2 = 0.0, q3 = 0.0
        i = 0
        while i < n4 {
            let a = col[i] - m, b = col[i + 1] - m, c = col[i + 2] - m, d = col[i + 3] - m
            if !a.isNaN { q0 += a * a }
            if !b.isNaN { q1 += b * b }
            if !c.isNaN { q2 += c * c }
            if !d.isNaN { q3 += d * d }
            i += 4
        }
        while i < n { let a = col[i] - m; if !a.isNaN { q0 += a * a }; i += 1 }
        return (m, (((q0 + q1) + (q2 + q3)) / count).squareRoot(), count)
    }

    init(_ data: Dataset, blockRows: Int, scalePosWeight: Double, threads: Int) {
        let n = data.rowCount, d = data.featureCount
        rowCount = n
        featureCount = d
        self.blockRows = blockRows
        blockCount = (n + blockRows - 1) / blockRows
        var mean = [Double](repeating: 0, count: d)
        var scale = [Double](repeating: 1, count: d)
        data.values.withUnsafeBufferPointer { x in
            for j in 0..<d {
                let (m, sd, count) = StandardizedDesign.meanAndDeviation(UnsafeBufferPointer(rebasing: x[(j * n)..<((j + 1) * n)]))
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
                let parts = min(blocks, max(1, threads))
                func pack(_ part: Int) {
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
                        b += parts
                    }
                }
                if parts == 1 { pack(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: pack) }
            }
        }
        self.panels = panels
        self.labels = labels
        self.weights = weights
    }
}
