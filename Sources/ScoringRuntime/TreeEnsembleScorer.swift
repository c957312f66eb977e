/// Scores feature vectors with a `TreeEnsemble`. All trees are flattened into one array of 24-byte nodes, so a
/// root-to-leaf walk touches one cache line per level instead of six parallel arrays. A leaf is a node that points
/// to itself and keeps its value in `threshold`; each tree walks exactly its depth, with a branch-free child choice.
/// Which way a row goes is data-dependent and mispredicts often; a fixed-length walk has no data-dependent branch
/// at all, and lets the batch path walk several rows at once (their loads overlap). One row has nothing to share
/// a fetched node with, so it walks its own compact copy of the trees and stops at leaves (`RowWalk`, in
/// TreeEnsembleScorer+RowWalk.swift). Measured with scripts/bench/score.sh; see docs/benchmarks.md.
///
/// At an internal node: NaN → default side; `x <= threshold` → left; otherwise right. margin = base + Σ leaf
/// values, summed tree by tree in model order, so every path (single row, batch) gives bitwise the same margin.
public struct TreeEnsembleScorer: Sendable {
    /// One node. Internal: children index `nodes`. Leaf: `left == right ==` its own index, value in `threshold`.
    struct Node: Sendable {
        var threshold: Double
        var feature: Int32
        var left: Int32
        var right: Int32
        /// 1 when NaN goes left, else 0 (an integer so the walk can mask with it).
        var defaultLeft: Int32
    }

    /// Per tree: the root's index in `nodes` and the tree's depth (steps from the root to its deepest leaf).
    let roots: [Int32]
    let depths: [Int32]
    let nodes: [Node]
    /// The same trees for single rows (16-byte nodes, siblings adjacent, stop at leaves).
    let rowWalk: RowWalk
    /// The trees as given, for explanations (which need internal-node values and are not on the hot path).
    let ensemble: TreeEnsemble
    let baseScore: Double
    public let featureCount: Int
    public let transform: OutputTransform

    /// `ensemble` must have been validated (e.g. loaded through `ModelFile`).
    public init(_ ensemble: TreeEnsemble, featureCount: Int, transform: OutputTransform = .sigmoid) {
        var roots: [Int32] = [], depths: [Int32] = [], nodes: [Node] = []
        for tree in ensemble.trees {
            let offset = Int32(nodes.count)
            var depth = [Int32](repeating: 0, count: tree.nodeCount)
            for n in 0..<tree.nodeCount {
                let me = offset + Int32(n)
                if tree.leftChild[n] < 0 {
                    nodes.append(Node(threshold: tree.value[n], feature: 0, left: me, right: me, defaultLeft: 0))
                } else {
                    nodes.append(Node(threshold: tree.threshold[n], feature: tree.splitFeature[n],
                                      left: offset + tree.leftChild[n], right: offset + tree.rightChild[n],
                                      defaultLeft: tree.defaultLeft[n] ? 1 : 0))
                }
            }
            // Depth of each node by a walk from the root (children may precede or follow their parent).
            var stack = [0], maxDepth: Int32 = 0
            while let n = stack.popLast() {
                maxDepth = max(maxDepth, depth[n])
                if tree.leftChild[n] >= 0 {
                    for c in [Int(tree.leftChild[n]), Int(tree.rightChild[n])] { depth[c] = depth[n] + 1; stack.append(c) }
                }
            }
            roots.append(offset)
            depths.append(maxDepth)
        }
        (self.roots, self.depths, self.nodes) = (roots, depths, nodes)
        rowWalk = RowWalk(ensemble, featureCount: featureCount)
        self.ensemble = ensemble
        baseScore = ensemble.baseScore
        self.featureCount = featureCount
        self.transform = transform
    }

    /// One step from node `n` for row `x`; a leaf steps to itself. Indices were built by `init` and `x` holds
    /// `featureCount` values (callers check), so no bounds checks are needed.
    @inline(__always)
    static func step(_ n: Int32, _ x: UnsafePointer<Double>, _ nodes: UnsafePointer<Node>) -> Int32 {
        let node = nodes[Int(n)]
        let v = x[Int(node.feature)]
        let goLeft = Int32((v <= node.threshold) ? 1 : 0) | (Int32(v.isNaN ? 1 : 0) & node.defaultLeft)
        return node.right ^ ((node.left ^ node.right) & (0 &- goLeft))
    }

    /// One row: `RowWalk`'s compact nodes, each tree walked until it reaches a leaf. Same rule and same sum order
    /// as `margins(rowMajor:into:)`, so the two agree bitwise.
    public func margin(_ x: UnsafeBufferPointer<Double>) -> Double {
        precondition(x.count == featureCount, "feature count mismatch")
        return rowWalk.margin(x.baseAddress, baseScore: baseScore)
    }

    public func margin(_ x: [Double]) -> Double { x.withUnsafeBufferPointer { margin($0) } }

    public func probability(_ x: [Double]) -> Double { transform.apply(margin(x)) }

    /// Rows scored per block: the block's rows (64 × 40 features × 8 B ≈ 20 KiB) stay in L1 while every tree
    /// walks them, so each tree's nodes are fetched once per block instead of once per row.
    static let blockRows = 64

    /// Margins for row-major rows (`x[r * featureCount + c]`) into `out` (one per row). Scores blocks of rows tree
    /// by tree, four rows walking together; each row's sum still runs base, tree 0, tree 1, ..., so it equals
    /// `margin` of that row bitwise.
    public func margins(rowMajor x: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        let d = featureCount
        precondition(x.count == out.count * d, "table shape does not match the model's feature count")
        guard d > 0, let xp = x.baseAddress, let op = out.baseAddress else {
            for r in 0..<out.count { out[r] = margin(UnsafeBufferPointer(start: nil, count: 0)) }
            return
        }
        roots.withUnsafeBufferPointer { r in
            depths.withUnsafeBufferPointer { dp in
                nodes.withUnsafeBufferPointer { nb in
                    let np = nb.baseAddress!
                    var start = 0
                    while start < out.count {
                        let end = min(start + Self.blockRows, out.count)
                        for i in start..<end { op[i] = baseScore }
                        for t in 0..<r.count {
                            let root = r[t], depth = dp[t]
                            var i = start
                            while i + 4 <= end {
                                let x0 = xp + i * d, x1 = x0 + d, x2 = x1 + d, x3 = x2 + d
                                var n0 = root, n1 = root, n2 = root, n3 = root
                                for _ in 0..<depth {
                                    n0 = Self.step(n0, x0, np); n1 = Self.step(n1, x1, np)
                                    n2 = Self.step(n2, x2, np); n3 = Self.step(n3, x3, np)
                                }
                                op[i] += np[Int(n0)].threshold; op[i + 1] += np[Int(n1)].threshold
                                op[i + 2] += np[Int(n2)].threshold; op[i + 3] += np[Int(n3)].threshold
                                i += 4
                            }
                            while i < end {
                                var n = root
                                for _ in 0..<depth { n = Self.step(n, xp + i * d, np) }
                                op[i] += np[Int(n)].threshold
                                i += 1
                            }
                        }
                        start = end
                    }
                }
            }
        }
    }
}
