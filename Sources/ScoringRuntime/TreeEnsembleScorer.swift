/// Scores feature vectors with a `TreeEnsemble`; trees flattened into one set of arrays, no allocation per row.
///
/// At an internal node: NaN → default side; `x <= threshold` → left; otherwise right. margin = base + Σ leaf values.
public struct TreeEnsembleScorer: Sendable {
    let roots: [Int32]
    let left: [Int32]
    let right: [Int32]
    let feature: [Int32]
    let threshold: [Double]
    let defaultLeft: [Bool]
    let value: [Double]
    let baseScore: Double
    public let featureCount: Int
    public let transform: OutputTransform

    /// `ensemble` must have been validated (e.g. loaded through `ModelFile`).
    public init(_ ensemble: TreeEnsemble, featureCount: Int, transform: OutputTransform = .sigmoid) {
        var roots: [Int32] = [], left: [Int32] = [], right: [Int32] = [], feature: [Int32] = []
        var threshold: [Double] = [], defaultLeft: [Bool] = [], value: [Double] = []
        for tree in ensemble.trees {
            let offset = Int32(left.count)
            roots.append(offset)
            left += tree.leftChild.map { $0 < 0 ? -1 : $0 + offset }
            right += tree.rightChild.map { $0 < 0 ? -1 : $0 + offset }
            feature += tree.splitFeature
            threshold += tree.threshold
            defaultLeft += tree.defaultLeft
            value += tree.value
        }
        (self.roots, self.left, self.right, self.feature) = (roots, left, right, feature)
        (self.threshold, self.defaultLeft, self.value) = (threshold, defaultLeft, value)
        baseScore = ensemble.baseScore
        self.featureCount = featureCount
        self.transform = transform
    }

    public func margin(_ x: UnsafeBufferPointer<Double>) -> Double {
        precondition(x.count == featureCount, "feature count mismatch")
        var s = baseScore
        for root in roots {
            var n = Int(root)
            while left[n] >= 0 {
                let v = x[Int(feature[n])]
                let goLeft = v.isNaN ? defaultLeft[n] : v <= threshold[n]
                n = Int(goLeft ? left[n] : right[n])
            }
            s += value[n]
        }
        return s
    }

    public func margin(_ x: [Double]) -> Double { x.withUnsafeBufferPointer { margin($0) } }

    public func probability(_ x: [Double]) -> Double { transform.apply(margin(x)) }
}
