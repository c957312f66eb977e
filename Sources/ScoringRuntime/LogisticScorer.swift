/// Scores feature vectors with a `LogisticModel`; no allocation per row.
///
/// margin = intercept + Σ_j a_j·(x_j − mean_j) over non-missing x_j, with a_j = coefficients_j / scale_j
/// (missing values are imputed with the mean, so they contribute 0).
public struct LogisticScorer: Sendable {
    let mean: [Double]
    let slope: [Double]
    let intercept: Double
    public let transform: OutputTransform

    public init(_ model: LogisticModel, transform: OutputTransform = .sigmoid) {
        mean = model.mean
        slope = zip(model.coefficients, model.scale).map { $0 / $1 }
        intercept = model.intercept
        self.transform = transform
    }

    public var featureCount: Int { mean.count }

    /// Raw margin of one row; `x.count` must equal `featureCount`.
    @inline(__always)
    public func margin(_ x: UnsafeBufferPointer<Double>) -> Double {
        precondition(x.count == mean.count, "feature count mismatch")
        var s = intercept
        mean.withUnsafeBufferPointer { m in
            slope.withUnsafeBufferPointer { a in
                for j in 0..<m.count {
                    let v = x[j]
                    if !v.isNaN { s += a[j] * (v - m[j]) }
                }
            }
        }
        return s
    }

    public func margin(_ x: [Double]) -> Double { x.withUnsafeBufferPointer { margin($0) } }

    public func probability(_ x: [Double]) -> Double { transform.apply(margin(x)) }

    /// Probabilities for `rows` rows stored row-major in `x` (row `i` at `x[i*featureCount ..< (i+1)*featureCount]`).
    public func probabilities(rowMajor x: [Double]) -> [Double] {
        let d = featureCount
        precondition(d > 0 && x.count % d == 0, "row-major buffer must hold whole rows")
        let rows = x.count / d
        var out = [Double](repeating: 0, count: rows)
        x.withUnsafeBufferPointer { buf in
            for i in 0..<rows {
                out[i] = transform.apply(margin(UnsafeBufferPointer(rebasing: buf[(i * d)..<((i + 1) * d)])))
            }
        }
        return out
    }
}
