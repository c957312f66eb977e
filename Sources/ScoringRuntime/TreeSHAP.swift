/// Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent individualized feature attribution for
/// tree ensembles", Algorithm 2): the Shapley values of one tree's output when a missing feature is integrated out
/// by following both children, weighted by the share of training cover that went each way.
///
/// For a tree f and row x, φ_j = Σ_{S ⊆ F∖{j}} |S|! (M − |S| − 1)! / M! · (f_x(S ∪ {j}) − f_x(S)), and
/// E[f] + Σ_j φ_j = f(x), where E[f] = Σ_leaves cover(leaf) / cover(root) · value(leaf). The recursion keeps, for
/// the unique features on the current path, the fraction of "zero" (feature absent: cover share) and "one"
/// (feature present: 1 on the row's path, 0 off it) paths and the permutation weights, in O(L·D²) per tree.
///
/// This is the algorithm and the operation order of LightGBM's `Tree::TreeSHAP` (`predict(pred_contrib=True)`),
/// which uses training row counts as cover; with the same covers the values agree to rounding (≤ 1e-12 on the
/// fixture in Tests/ScoringRuntimeTests). Missing values follow the node's default side, as in scoring.
enum TreeSHAP {
    struct PathElement {
        var feature: Int32 = -1
        var zeroFraction = 0.0
        var oneFraction = 0.0
        var weight = 0.0
    }

    /// E[f]: the cover-weighted mean of the leaf values (the tree's output when no feature is known).
    static func expectedValue(_ tree: Tree) -> Double {
        if tree.leftChild[0] < 0 { return tree.value[0] }
        let total = tree.cover[0]
        var e = 0.0
        for n in 0..<tree.nodeCount where tree.leftChild[n] < 0 { e += tree.cover[n] / total * tree.value[n] }
        return e
    }

    /// Adds this tree's Shapley values for `x` to `phi` (one entry per feature).
    static func add(_ tree: Tree, _ x: [Double], into phi: inout [Double]) {
        guard tree.leftChild[0] >= 0 else { return }
        let depth = maxDepth(tree)
        // Each level works on a copy of its parent's path: (D + 1)(D + 2)/2 elements hold every level at once.
        var path = [PathElement](repeating: PathElement(), count: (depth + 2) * (depth + 3) / 2)
        path.withUnsafeMutableBufferPointer { p in
            recurse(tree, x, &phi, node: 0, uniqueDepth: 0, parent: p.baseAddress!, parentZero: 1, parentOne: 1,
                    parentFeature: -1)
        }
    }

    static func maxDepth(_ tree: Tree) -> Int {
        var stack = [(0, 0)], deepest = 0
        while let (n, d) = stack.popLast() {
            deepest = max(deepest, d)
            if tree.leftChild[n] >= 0 { stack += [(Int(tree.leftChild[n]), d + 1), (Int(tree.rightChild[n]), d + 1)] }
        }
        return deepest
    }

    private static func recurse(_ tree: Tree, _ x: [Double], _ phi: inout [Double], node: Int, uniqueDepth: Int,
                                parent: UnsafeMutablePointer<PathElement>, parentZero: Double, parentOne: Double,
                                parentFeature: Int32) {
        var uniqueDepth = uniqueDepth
        let path = parent + uniqueDepth
        if uniqueDepth > 0 { path.update(from: parent, count: uniqueDepth) }
        extend(path, uniqueDepth, parentZero, parentOne, parentFeature)

        if tree.leftChild[node] < 0 {
            for i in stride(from: 1, through: uniqueDepth, by: 1) {
                let w = unwoundSum(path, uniqueDepth, i)
                let el = path[i]
                phi[Int(el.feature)] += w * (el.oneFraction - el.zeroFraction) * tree.value[node]
            }
            return
        }
        let f = tree.splitFeature[node]
        let v = x[Int(f)]
        let goLeft = v.isNaN ? tree.defaultLeft[node] : v <= tree.threshold[node]
        let hot = Int(goLeft ? tree.leftChild[node] : tree.rightChild[node])
        let cold = Int(goLeft ? tree.rightChild[node] : tree.leftChild[node])
        let w = tree.cover[node]
        let hotZero = tree.cover[hot] / w, coldZero = tree.cover[cold] / w
        var incomingZero = 1.0, incomingOne = 1.0

        // A feature split on again further down: undo its earlier entry and redo it here.
        var k = 0
        while k <= uniqueDepth, path[k].feature != f { k += 1 }
        if k != uniqueDepth + 1 {
            incomingZero = path[k].zeroFraction
            incomingOne = path[k].oneFraction
            unwind(path, uniqueDepth, k)
            uniqueDepth -= 1
        }
        recurse(tree, x, &phi, node: hot, uniqueDepth: uniqueDepth + 1, parent: path,
                parentZero: hotZero * incomingZero, parentOne: incomingOne, parentFeature: f)
        recurse(tree, x, &phi, node: cold, uniqueDepth: uniqueDepth + 1, parent: path,
                parentZero: coldZero * incomingZero, parentOne: 0, parentFeature: f)
    }

    private static func extend(_ p: UnsafeMutablePointer<PathElement>, _ d: Int, _ zero: Double, _ one: Double,
                               _ feature: Int32) {
        p[d] = PathElement(feature: feature, zeroFraction: zero, oneFraction: one, weight: d == 0 ? 1 : 0)
        var i = d - 1
        while i >= 0 {
            p[i + 1].weight += one * p[i].weight * Double(i + 1) / Double(d + 1)
            p[i].weight = zero * p[i].weight * Double(d - i) / Double(d + 1)
            i -= 1
        }
    }

    private static func unwind(_ p: UnsafeMutablePointer<PathElement>, _ d: Int, _ k: Int) {
        let one = p[k].oneFraction, zero = p[k].zeroFraction
        var next = p[d].weight
        var i = d - 1
        while i >= 0 {
            if one != 0 {
                let tmp = p[i].weight
                p[i].weight = next * Double(d + 1) / (Double(i + 1) * one)
                next = tmp - p[i].weight * zero * Double(d - i) / Double(d + 1)
            } else {
                p[i].weight = p[i].weight * Double(d + 1) / (zero * Double(d - i))
            }
            i -= 1
        }
        for i in k..<d {
            p[i].feature = p[i + 1].feature
            p[i].zeroFraction = p[i + 1].zeroFraction
            p[i].oneFraction = p[i + 1].oneFraction
        }
    }

    /// Total permutation weight of the path with element `k` removed.
    private static func unwoundSum(_ p: UnsafeMutablePointer<PathElement>, _ d: Int, _ k: Int) -> Double {
        let one = p[k].oneFraction, zero = p[k].zeroFraction
        var next = p[d].weight, total = 0.0
        var i = d - 1
        while i >= 0 {
            if one != 0 {
                let tmp = next * Double(d + 1) / (Double(i + 1) * one)
                total += tmp
                next = p[i].weight - tmp * zero * (Double(d - i) / Double(d + 1))
            } else {
                total += (p[i].weight / zero) / (Double(d - i) / Double(d + 1))
            }
            i -= 1
        }
        return total
    }
}
