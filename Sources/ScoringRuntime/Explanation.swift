/// Why a row got its score: per-feature contributions to the raw margin plus the part no feature explains.
///
/// Additive by construction: `bias + Σ contributions == margin` (up to rounding, ≈1e-12 relative). For logistic
/// regression `bias` is the intercept and feature j contributes `coefficient_j · (x_j − mean_j) / scale_j`
/// (0 when missing). For tree ensembles these are Saabas path contributions: walking each tree's decision path,
/// `value(child) − value(parent)` is credited to the parent's split feature, and `bias` is `base_score` plus the
/// roots' values. Cheaper than TreeSHAP (one path per tree) and exact in sum, though not consistent in the
/// Shapley sense; good enough to tell an analyst which features drove a flag. With `ExplanationMethod.treeSHAP`
/// they are exact path-dependent TreeSHAP values and `bias` is `base_score` plus each tree's cover-weighted mean
/// leaf value (`TreeSHAP`).
public struct Explanation: Sendable, Equatable {
    public var bias: Double
    /// One entry per feature, in schema order.
    public var contributions: [Double]

    public init(bias: Double, contributions: [Double]) {
        self.bias = bias
        self.contributions = contributions
    }

    public var margin: Double { contributions.reduce(bias, +) }

    /// Indices of the `k` largest |contributions| (non-zero only), largest first; ties by feature index.
    public func top(_ k: Int) -> [Int] {
        let order = contributions.indices.filter { contributions[$0] != 0 }.sorted {
            let a = abs(contributions[$0]), b = abs(contributions[$1])
            return a != b ? a > b : $0 < $1
        }
        return Array(order.prefix(k))
    }
}
