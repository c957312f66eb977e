/// Scores feature vectors with a `TreeEnsemble`. All trees are flattened into one array of 24-byte internal
/// nodes, so a root-to-leaf walk touches one cache line per level instead of six parallel arrays; leaves are not
/// nodes at all but negative child indices (`~i` → `leafValue[i]`), which ends each walk one load earlier.
/// Measured (scripts/bench/score.sh, 200 trees × 31 leaves): this layout is what took batch scoring past
/// LightGBM's own predictor; see docs/benchmarks.md.
///
/// At an internal node: NaN → default side; `x <= threshold` → left; otherwise right. margin = base + Σ leaf
/// values, summed tree by tree in model order, so every path (single row, batch) gives bitwise the same margin.
public struct TreeEnsembleScorer: Sendable {
    /// One internal node. `left`/`right` ≥ 0 index `nodes`; < 0 is `~leafIndex` into `leafValue`.
    struct Node: Sendable {
        var threshold: Double
        var feature: Int32
        var left: Int32
        var right: Int32
        /// 1 when NaN goes left, else 0 (an integer so the walk can mask with it).
        var defaultLeft: Int32
    }

    /// Per tree: the root's index in `nodes`, or `~leafIndex` for a tree that is a single leaf.
    let roots: [Int32]
    let nodes: [Node]
    let leafValue: [Double]
    /// The trees as given, for explanations (which need internal-node values and are not on the hot path).
    let ensemble: TreeEnsemble
    let baseScore: Double
    public let featureCount: Int
    public let transform: OutputTransform

    /// `ensemble` must have been validated (e.g. loaded through `ModelFile`).
    public init(_ ensemble: TreeEnsemble, featureCount: Int, transform: OutputTransform = .sigmoid) {
        var roots: [Int32] = [], nodes: [Node] = [], leafValue: [Double] = []
        for tree in ensemble.trees {
            // Local node index → flat reference: internal nodes get slots in `nodes`, leaves in `leafValue`.
            var ref = [Int32](repeating: 0, count: tree.nodeCount)
            for n in 0..<tree.nodeCount {
                if tree.leftChild[n] < 0 {
                    ref[n] = ~Int32(leafValue.count)
                    leafValue.append(tree.value[n])
                } else {
                    ref[n] = Int32(nodes.count)
                    nodes.append(Node(threshold: tree.threshold[n], feature: tree.splitFeature[n], left: 0, right: 0,
                                      defaultLeft: tree.defaultLeft[n] ? 1 : 0))
                }
            }
            for n in 0..<tree.nodeCount where tree.leftChild[n] >= 0 {
                let i = Int(ref[n])
                nodes[i].left = ref[Int(tree.leftChild[n])]
                nodes[i].right = ref[Int(tree.rightChild[n])]
            }
            roots.append(ref[0])
        }
        (self.roots, self.nodes, self.leafValue) = (roots, nodes, leafValue)
        self.ensemble = ensemble
        baseScore = ensemble.baseScore
        self.featureCount = featureCount
        self.transform = transform
    }

    /// The leaf value `x` reaches in the tree rooted at `root`. Indices were built by `init`, so the walk needs no
    /// bounds checks; `x` must hold `featureCount` values (checked by the callers).
    @inline(__always)
    static func leaf(_ root: Int32, _ x: UnsafePointer<Double>, _ nodes: UnsafePointer<Node>,
                     _ leafValue: UnsafePointer<Double>) -> Double {
        var n = root
        while n >= 0 {
            let node = nodes[Int(n)]
            let v = x[Int(node.feature)]
            // Branch-free child choice: which way a row goes is data-dependent and mispredicts often, so the
            // comparison becomes a mask that selects left or right (NaN compares false, then defaultLeft decides).
            let goLeft = Int32((v <= node.threshold) ? 1 : 0) | (Int32(v.isNaN ? 1 : 0) & node.defaultLeft)
            n = node.right ^ ((node.left ^ node.right) & (0 &- goLeft))
        }
        return leafValue[Int(~n)]
    }

    public func margin(_ x: UnsafeBufferPointer<Double>) -> Double {
        precondition(x.count == featureCount, "feature count mismatch")
        guard let xp = x.baseAddress else {  // no features: every tree is a single leaf
            var s = baseScore
            for root in roots { s += leafValue[Int(~root)] }
            return s
        }
        return roots.withUnsafeBufferPointer { r in
            nodes.withUnsafeBufferPointer { nb in
                leafValue.withUnsafeBufferPointer { lb in
                    var s = baseScore
                    for root in r { s += Self.leaf(root, xp, nb.baseAddress!, lb.baseAddress!) }
                    return s
                }
            }
        }
    }

    public func margin(_ x: [Double]) -> Double { x.withUnsafeBufferPointer { margin($0) } }

    public func probability(_ x: [Double]) -> Double { transform.apply(margin(x)) }

    /// Rows scored per block: the block's rows (64 × 40 features × 8 B ≈ 20 KiB) stay in L1 while every tree
    /// walks them, so each tree's nodes are fetched once per block instead of once per row.
    static let blockRows = 64

    /// Margins for row-major rows (`x[r * featureCount + c]`) into `out` (one per row). Scores blocks of rows tree
    /// by tree; each row's sum still runs base, tree 0, tree 1, ..., so it equals `margin` of that row bitwise.
    public func margins(rowMajor x: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        let d = featureCount
        precondition(d > 0 ? x.count == out.count * d : true, "table shape does not match the model's feature count")
        guard d > 0, let xp = x.baseAddress, let op = out.baseAddress else {
            for r in 0..<out.count { out[r] = margin(UnsafeBufferPointer(start: nil, count: 0)) }
            return
        }
        roots.withUnsafeBufferPointer { r in
            nodes.withUnsafeBufferPointer { nb in
                leafValue.withUnsafeBufferPointer { lb in
                    let np = nb.baseAddress!, lp = lb.baseAddress!
                    var start = 0
                    while start < out.count {
                        let end = min(start + Self.blockRows, out.count)
                        for i in start..<end { op[i] = baseScore }
                        for root in r {
                            for i in start..<end { op[i] += Self.leaf(root, xp + i * d, np, lp) }
                        }
                        start = end
                    }
                }
            }
        }
    }
}
