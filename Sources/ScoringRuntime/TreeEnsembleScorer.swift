/// Scores feature vectors with a `TreeEnsemble`. The trees are copied into one array of 16-byte nodes
/// (`FlatTrees`, in TreeEnsembleScorer+FlatTrees.swift): breadth-first with siblings adjacent, one comparison per
/// step (NaN included), leaves that point to themselves. One row walks eight trees at once until all eight stand on
/// leaves; a batch scores blocks of rows tree by tree, eight rows walking each tree for its full depth with no
/// data-dependent branch (which way a row goes mispredicts often). Measured with scripts/bench/score.sh; see
/// docs/benchmarks.md.
///
/// At an internal node: NaN → default side; `x <= threshold` → left; otherwise right. margin = base + Σ leaf
/// values, summed tree by tree in model order, so every path (single row, batch) gives bitwise the same margin.
public struct TreeEnsembleScorer: Sendable {
    let flat: FlatTrees
    /// Per tree: steps from the root to its deepest leaf (the batch walk's length).
    let depths: [Int32]
    /// The trees as given, for explanations (which need internal-node values and are not on the hot path).
    let ensemble: TreeEnsemble
    let baseScore: Double
    public let featureCount: Int
    public let transform: OutputTransform

    /// `ensemble` must have been validated (e.g. loaded through `ModelFile`).
    public init(_ ensemble: TreeEnsemble, featureCount: Int, transform: OutputTransform = .sigmoid) {
        depths = ensemble.trees.map { tree in
            // Depth of each node by a walk from the root (children may precede or follow their parent).
            var depth = [Int32](repeating: 0, count: tree.nodeCount)
            var stack = [0], maxDepth: Int32 = 0
            while let n = stack.popLast() {
                maxDepth = max(maxDepth, depth[n])
                if tree.leftChild[n] >= 0 {
                    for c in [Int(tree.leftChild[n]), Int(tree.rightChild[n])] { depth[c] = depth[n] + 1; stack.append(c) }
                }
            }
            return maxDepth
        }
        flat = FlatTrees(ensemble, featureCount: featureCount)
        self.ensemble = ensemble
        baseScore = ensemble.baseScore
        self.featureCount = featureCount
        self.transform = transform
    }

    /// One row: each tree walked until it reaches a leaf, eight trees at once.
    public func margin(_ x: UnsafeBufferPointer<Double>) -> Double {
        precondition(x.count == featureCount, "feature count mismatch")
        return flat.margin(x.baseAddress, baseScore: baseScore)
    }

    public func margin(_ x: [Double]) -> Double { x.withUnsafeBufferPointer { margin($0) } }

    public func probability(_ x: [Double]) -> Double { transform.apply(margin(x)) }

    /// Margins for row-major rows (`x[r * featureCount + c]`) into `out` (one per row). Scores blocks of rows tree
    /// by tree, eight rows walking together; each row's sum still runs base, tree 0, tree 1, ..., so it equals
    /// `margin` of that row bitwise.
    public func margins(rowMajor x: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        let d = featureCount
        precondition(x.count == out.count * d, "table shape does not match the model's feature count")
        guard d > 0, let xp = x.baseAddress, let op = out.baseAddress else {
            for r in 0..<out.count { out[r] = margin(UnsafeBufferPointer(start: nil, count: 0)) }
            return
        }
        depths.withUnsafeBufferPointer { flat.margins(xp, rows: out.count, depths: $0, baseScore: baseScore, into: op) }
    }
}
