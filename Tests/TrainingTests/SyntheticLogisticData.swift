@testable import Training

/// The synthetic golden set, generated exactly as scripts/golden/make_lr_fixtures.py `synthetic()` does.
enum SyntheticLogisticData {
    static func make(rows: Int = 20000, cols: Int = 20, seed: UInt64 = 20261123) -> Dataset {
        var rng = SplitMix64(seed: seed)
        func uniform() -> Double { Double(rng.next() >> 11) * (1.0 / 9007199254740992.0) }
        var values = [Double](repeating: 0, count: rows * cols)
        var labels = [Double](repeating: 0, count: rows)
        var beta = [Double](repeating: 0, count: cols)
        for j in 0..<cols {
            let numerator: Double = Double((j % 5) - 2) * 0.25
            beta[j] = numerator / Double(1 + j)
        }
        for i in 0..<rows {
            var z = -2.0
            for j in 0..<cols {
                var s = uniform()
                s = s + uniform()
                s = s + uniform()
                s = s + uniform()
                let spread: Double = (s - 2.0) * Double(1 + j)
                let v: Double = spread + 0.5 * Double(j)
                values[j * rows + i] = v
                z = z + beta[j] * v
            }
            let u = uniform()
            let p: Double = 1.0 / (1.0 + exp(-z))
            labels[i] = u < p ? 1 : 0
        }
        return Dataset(featureNames: (0..<cols).map { "x\($0)" }, rowCount: rows, values: values, labels: labels)
    }
}

#if canImport(Glibc)
import Glibc
#endif
