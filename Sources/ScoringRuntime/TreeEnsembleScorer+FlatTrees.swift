extension TreeEnsembleScorer {
    /// The trees as the scorer walks them:
    ///
    /// - 16-byte nodes (a 200-tree, 31-leaf model is 195 KiB, inside a Zen 3 core's L2);
    /// - each tree in breadth-first order with siblings adjacent, so a node needs one child index;
    /// - one comparison per step, NaN included (see `init`), against a doubled copy of the row;
    /// - a leaf points to itself and never moves. A single row's eight trees walk together until all eight stand
    ///   on leaves (their loads overlap; each walk is as long as the longest of the eight actual paths, not the
    ///   deepest leaf). A batch walks each tree its full depth with eight rows at once, with no exit test at all.
    ///
    /// The rule is LightGBM's (NaN → default side, `x <= threshold` → left) and each row's sum runs base, tree 0,
    /// tree 1, ..., so single-row and batch margins are bitwise equal (`TreeEnsembleScorerLayoutTests`).
    struct FlatTrees: Sendable {
        /// Internal node: go to `child + 1` when `row2[input] > threshold`, else to `child`. Leaf: `threshold` is
        /// +∞ and `child` is its own index, so it stays put; its value is in `leafValue`.
        struct Node: Sendable {
            var threshold: Double
            /// Index into the doubled row (see `margin`): 2·feature, or 2·feature + 1 for the negated value.
            var input: UInt32
            var child: Int32
        }

        let roots: [Int32]
        let nodes: [Node]
        /// Leaf values by node index (0 for internal nodes); read once per tree, off the walk's dependency chain.
        let leafValue: [Double]
        let featureCount: Int

        /// Every split becomes one comparison that is false for NaN, so the default side needs no test of its own:
        /// the default child is stored first (offset 0) and the comparison says when to take the other one.
        /// - NaN goes left: children (left, right); take right when `x > t`, t = threshold.
        /// - NaN goes right: children (right, left); take left when `x ≤ t` ⇔ `−x > −nextUp(t)` (exact for
        ///   every double, ±0 and ±∞ included; t is finite by validation).
        init(_ ensemble: TreeEnsemble, featureCount: Int) {
            var roots: [Int32] = [], nodes: [Node] = [], leafValue: [Double] = []
            for tree in ensemble.trees {
                let root = Int32(nodes.count)
                roots.append(root)
                // Breadth-first: `order[k]` is the tree node stored at `root + k`; children are appended as a pair.
                var order = [0], k = 0
                while k < order.count {
                    let n = order[k], me = root + Int32(k)
                    if tree.leftChild[n] < 0 {
                        nodes.append(Node(threshold: .infinity, input: 0, child: me))
                        leafValue.append(tree.value[n])
                    } else {
                        let first = root + Int32(order.count)
                        let l = Int(tree.leftChild[n]), r = Int(tree.rightChild[n]), f = UInt32(tree.splitFeature[n])
                        if tree.defaultLeft[n] {
                            order += [l, r]
                            nodes.append(Node(threshold: tree.threshold[n], input: 2 * f, child: first))
                        } else {
                            order += [r, l]
                            nodes.append(Node(threshold: -tree.threshold[n].nextUp, input: 2 * f + 1, child: first))
                        }
                        leafValue.append(0)
                    }
                    k += 1
                }
            }
            self.roots = roots
            self.nodes = nodes
            self.leafValue = leafValue
            self.featureCount = featureCount
        }

        @inline(__always)
        static func step(_ n: Int32, _ x2: UnsafePointer<Double>, _ nodes: UnsafePointer<Node>) -> Int32 {
            let node = nodes[Int(n)]
            return node.child &+ ((x2[Int(node.input)] > node.threshold) ? 1 : 0)
        }

        /// base + Σ leaf values in tree order; `x` points at `featureCount` values (nil when there are none).
        func margin(_ x: UnsafePointer<Double>?, baseScore: Double) -> Double {
            // The doubled row (x₀, −x₀, x₁, −x₁, ...): 2·d stores, then every step is one load and one compare.
            withUnsafeTemporaryAllocation(of: Double.self, capacity: max(2, 2 * featureCount)) { buf in
                let x2 = buf.baseAddress!
                x2[0] = 0; x2[1] = 0  // no features: only leaves, which read (and ignore) entry 0
                for j in 0..<featureCount { x2[2 * j] = x![j]; x2[2 * j + 1] = -x![j] }
                return roots.withUnsafeBufferPointer { r in
                    nodes.withUnsafeBufferPointer { nb in
                        leafValue.withUnsafeBufferPointer { lv in
                            let np = nb.baseAddress!
                            var s = baseScore
                            var t = 0
                            while t + 8 <= r.count {
                                var n0 = r[t], n1 = r[t + 1], n2 = r[t + 2], n3 = r[t + 3]
                                var n4 = r[t + 4], n5 = r[t + 5], n6 = r[t + 6], n7 = r[t + 7]
                                while true {
                                    let m0 = Self.step(n0, x2, np), m1 = Self.step(n1, x2, np)
                                    let m2 = Self.step(n2, x2, np), m3 = Self.step(n3, x2, np)
                                    let m4 = Self.step(n4, x2, np), m5 = Self.step(n5, x2, np)
                                    let m6 = Self.step(n6, x2, np), m7 = Self.step(n7, x2, np)
                                    if (m0 ^ n0) | (m1 ^ n1) | (m2 ^ n2) | (m3 ^ n3) | (m4 ^ n4) | (m5 ^ n5) | (m6 ^ n6) | (m7 ^ n7) == 0 { break }
                                    (n0, n1, n2, n3, n4, n5, n6, n7) = (m0, m1, m2, m3, m4, m5, m6, m7)
                                }
                                s += lv[Int(n0)]; s += lv[Int(n1)]; s += lv[Int(n2)]; s += lv[Int(n3)]
                                s += lv[Int(n4)]; s += lv[Int(n5)]; s += lv[Int(n6)]; s += lv[Int(n7)]
                                t += 8
                            }
                            while t + 4 <= r.count {
                                var n0 = r[t], n1 = r[t + 1], n2 = r[t + 2], n3 = r[t + 3]
                                while true {
                                    let m0 = Self.step(n0, x2, np), m1 = Self.step(n1, x2, np)
                                    let m2 = Self.step(n2, x2, np), m3 = Self.step(n3, x2, np)
                                    if (m0 ^ n0) | (m1 ^ n1) | (m2 ^ n2) | (m3 ^ n3) == 0 { break }
                                    (n0, n1, n2, n3) = (m0, m1, m2, m3)
                                }
                                s += lv[Int(n0)]; s += lv[Int(n1)]; s += lv[Int(n2)]; s += lv[Int(n3)]
                                t += 4
                            }
                            for t in t..<r.count {
                                var n = r[t]
                                while true {
                                    let m = Self.step(n, x2, np)
                                    if m == n { break }
                                    n = m
                                }
                                s += lv[Int(n)]
                            }
                            return s
                        }
                    }
                }
            }
        }
            /// Rows scored per block: their doubled copies (32 × 2·40 × 8 B = 20 KiB) stay in L1 while every tree walks them.
        static let blockRows = 32

        /// Margins of row-major rows into `out`, a block of rows at a time, tree by tree, eight rows walking each tree
        /// together for its full depth (a leaf stays put, so the walk needs no exit test). Each row's sum runs base,
        /// tree 0, tree 1, ..., so it equals `margin` of that row bitwise.
        func margins(_ xp: UnsafePointer<Double>, rows: Int, depths: UnsafeBufferPointer<Int32>, baseScore: Double,
                     into op: UnsafeMutablePointer<Double>) {
            let d = featureCount, d2 = 2 * featureCount
            withUnsafeTemporaryAllocation(of: Double.self, capacity: Self.blockRows * d2) { buf in
                let x2 = buf.baseAddress!
                roots.withUnsafeBufferPointer { r in
                    nodes.withUnsafeBufferPointer { nb in
                        leafValue.withUnsafeBufferPointer { lv in
                            let np = nb.baseAddress!
                            var start = 0
                            while start < rows {
                                let count = min(Self.blockRows, rows - start)
                                for i in 0..<count {
                                    op[start + i] = baseScore
                                    let src = xp + (start + i) * d, dst = x2 + i * d2
                                    for j in 0..<d { dst[2 * j] = src[j]; dst[2 * j + 1] = -src[j] }
                                }
                                for t in 0..<r.count {
                                    let root = r[t], depth = depths[t]
                                    var i = 0
                                    while i + 8 <= count {
                                        let a = x2 + i * d2
                                        var n0 = root, n1 = root, n2 = root, n3 = root, n4 = root, n5 = root, n6 = root, n7 = root
                                        for _ in 0..<depth {
                                            n0 = Self.step(n0, a, np); n1 = Self.step(n1, a + d2, np)
                                            n2 = Self.step(n2, a + 2 * d2, np); n3 = Self.step(n3, a + 3 * d2, np)
                                            n4 = Self.step(n4, a + 4 * d2, np); n5 = Self.step(n5, a + 5 * d2, np)
                                            n6 = Self.step(n6, a + 6 * d2, np); n7 = Self.step(n7, a + 7 * d2, np)
                                        }
                                        let o = op + start + i
                                        o[0] += lv[Int(n0)]; o[1] += lv[Int(n1)]; o[2] += lv[Int(n2)]; o[3] += lv[Int(n3)]
                                        o[4] += lv[Int(n4)]; o[5] += lv[Int(n5)]; o[6] += lv[Int(n6)]; o[7] += lv[Int(n7)]
                                        i += 8
                                    }
                                    while i < count {
                                        var n = root
                                        for _ in 0..<depth { n = Self.step(n, x2 + i * d2, np) }
                                        op[start + i] += lv[Int(n)]
                                        i += 1
                                    }
                                }
                                start += count
                            }
                        }
                    }
                }
            }
        }
    }
}
