extension ModelScorer {
    /// Contributions of each feature to the raw margin of `x` (see `Explanation` for the definitions).
    public func explain(_ x: [Double]) -> Explanation {
        precondition(x.count == schema.featureCount, "feature count mismatch")
        switch kind {
        case let .logistic(s):
            var c = [Double](repeating: 0, count: x.count)
            for j in 0..<x.count where !x[j].isNaN { c[j] = s.slope[j] * (x[j] - s.mean[j]) }
            return Explanation(bias: s.intercept, contributions: c)
        case let .trees(s):
            var c = [Double](repeating: 0, count: x.count)
            var bias = s.baseScore
            for root in s.roots {
                var n = Int(root)
                bias += s.value[n]
                while s.left[n] >= 0 {
                    let f = Int(s.feature[n])
                    let v = x[f]
                    let goLeft = v.isNaN ? s.defaultLeft[n] : v <= s.threshold[n]
                    let child = Int(goLeft ? s.left[n] : s.right[n])
                    c[f] += s.value[child] - s.value[n]
                    n = child
                }
            }
            return Explanation(bias: bias, contributions: c)
        }
    }
}
