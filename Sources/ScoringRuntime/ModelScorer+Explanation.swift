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
            for tree in s.ensemble.trees {
                var n = 0
                bias += tree.value[n]
                while tree.leftChild[n] >= 0 {
                    let f = Int(tree.splitFeature[n])
                    let v = x[f]
                    let goLeft = v.isNaN ? tree.defaultLeft[n] : v <= tree.threshold[n]
                    let child = Int(goLeft ? tree.leftChild[n] : tree.rightChild[n])
                    c[f] += tree.value[child] - tree.value[n]
                    n = child
                }
            }
            return Explanation(bias: bias, contributions: c)
        }
    }
}
