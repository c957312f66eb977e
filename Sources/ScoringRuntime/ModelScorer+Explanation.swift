extension ModelScorer {
    /// Whether `explain(_:method: .treeSHAP)` is defined: a logistic model, or trees whose internal nodes all have
    /// positive cover (TreeSHAP divides by it; LightGBM imports and HydraWatch's GBDT both record it).
    public var supportsTreeSHAP: Bool {
        switch kind {
        case .logistic: return true
        case let .trees(s):
            return s.ensemble.trees.allSatisfy { t in (0..<t.nodeCount).allSatisfy { t.leftChild[$0] < 0 || t.cover[$0] > 0 } }
        }
    }

    /// Contributions of each feature to the raw margin of `x` (see `Explanation` and `ExplanationMethod` for the
    /// definitions). `.treeSHAP` requires `supportsTreeSHAP`.
    public func explain(_ x: [Double], method: ExplanationMethod = .saabas) -> Explanation {
        precondition(x.count == schema.featureCount, "feature count mismatch")
        switch kind {
        case let .logistic(s):
            var c = [Double](repeating: 0, count: x.count)
            for j in 0..<x.count where !x[j].isNaN { c[j] = s.slope[j] * (x[j] - s.mean[j]) }
            return Explanation(bias: s.intercept, contributions: c)
        case let .trees(s) where method == .treeSHAP:
            precondition(supportsTreeSHAP, "TreeSHAP needs positive cover on every internal node")
            var phi = [Double](repeating: 0, count: x.count)
            var bias = s.baseScore
            for tree in s.ensemble.trees {
                bias += TreeSHAP.expectedValue(tree)
                TreeSHAP.add(tree, x, into: &phi)
            }
            return Explanation(bias: bias, contributions: phi)
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
