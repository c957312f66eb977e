import XCTest
@testable import ScoringRuntime

/// The flat-node scorer must give bitwise the same margins as the plain walk over the model file's parallel
/// arrays (the layout it replaced), for single rows (stop at leaves) and for the blocked batch path (fixed depth),
/// NaN and ±∞ included.
final class TreeEnsembleScorerLayoutTests: XCTestCase {
    /// The reference: walk each tree's own arrays, summing base, tree 0, tree 1, ... in order.
    static func referenceMargin(_ e: TreeEnsemble, _ x: [Double]) -> Double {
        var s = e.baseScore
        for t in e.trees {
            var n = 0
            while t.leftChild[n] >= 0 {
                let v = x[Int(t.splitFeature[n])]
                let goLeft = v.isNaN ? t.defaultLeft[n] : v <= t.threshold[n]
                n = Int(goLeft ? t.leftChild[n] : t.rightChild[n])
            }
            s += t.value[n]
        }
        return s
    }

    /// A random tree with `leaves` leaves, grown by splitting random leaves (unbalanced, like leaf-wise growth).
    static func randomTree(leaves: Int, features: Int, rng: inout SystemRandomNumberGenerator) -> Tree {
        var left: [Int32] = [-1], right: [Int32] = [-1], feature: [Int32] = [0], threshold: [Double] = [0]
        var defaultLeft = [false], value = [Double.random(in: -1...1, using: &rng)]
        var open = [0]
        while open.count < leaves {
            let k = open.remove(at: Int.random(in: 0..<open.count, using: &rng))
            let l = left.count, r = l + 1
            left[k] = Int32(l); right[k] = Int32(r)
            feature[k] = Int32.random(in: 0..<Int32(features), using: &rng)
            threshold[k] = [Double.random(in: -1...1, using: &rng), 0, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]
                .randomElement(using: &rng)!
            defaultLeft[k] = Bool.random(using: &rng)
            for _ in 0..<2 {
                left.append(-1); right.append(-1); feature.append(0); threshold.append(0); defaultLeft.append(false)
                value.append(Double.random(in: -1...1, using: &rng))
            }
            open += [l, r]
        }
        return Tree(leftChild: left, rightChild: right, splitFeature: feature, threshold: threshold,
                    defaultLeft: defaultLeft, value: value, cover: [Double](repeating: 1, count: left.count))
    }

    func testFlatLayoutMatchesReferenceBitwise() {
        var rng = SystemRandomNumberGenerator()
        for trial in 0..<20 {
            let d = Int.random(in: 1...12, using: &rng)
            let trees = (0..<Int.random(in: 1...60, using: &rng)).map { _ in
                Self.randomTree(leaves: Int.random(in: 1...40, using: &rng), features: d, rng: &rng)
            }
            let e = TreeEnsemble(trees: trees, baseScore: Double.random(in: -3...0, using: &rng))
            let s = TreeEnsembleScorer(e, featureCount: d)
            let rows = Int.random(in: 1...300, using: &rng)
            let x: [Double] = (0..<(rows * d)).map { _ in
                switch Int.random(in: 0..<10, using: &rng) {
                case 0: return .nan
                case 1: return 0
                case 2: return [Double.infinity, -.infinity].randomElement(using: &rng)!
                default: return Double.random(in: -1.5...1.5, using: &rng)
                }
            }
            var batch = [Double](repeating: .nan, count: rows)
            x.withUnsafeBufferPointer { xb in batch.withUnsafeMutableBufferPointer { s.margins(rowMajor: xb, into: $0) } }
            for r in 0..<rows {
                let row = Array(x[(r * d)..<(r * d + d)])
                let expected = Self.referenceMargin(e, row)
                XCTAssertEqual(s.margin(row).bitPattern, expected.bitPattern, "trial \(trial) row \(r)")
                XCTAssertEqual(batch[r].bitPattern, expected.bitPattern, "trial \(trial) row \(r) (batch)")
            }
        }
    }

    /// `FlatTrees` stores each tree breadth-first with siblings adjacent (default side first), whatever order the
    /// model file listed nodes in; every leaf points to itself behind a comparison that is never true.
    func testFlatTreesLayoutInvariants() {
        var rng = SystemRandomNumberGenerator()
        var trees = (0..<30).map { _ in Self.randomTree(leaves: Int.random(in: 1...40, using: &rng), features: 5, rng: &rng) }
        // One tree with children listed before their parent (node 0 stays the root), NaN going right.
        trees.append(Tree(leftChild: [2, -1, -1], rightChild: [1, -1, -1], splitFeature: [3, 0, 0], threshold: [0.5, 0, 0],
                          defaultLeft: [false, false, false], value: [0, 7, -7], cover: [2, 1, 1]))
        let e = TreeEnsemble(trees: trees, baseScore: 0.25)
        let w = TreeEnsembleScorer.FlatTrees(e, featureCount: 5)
        XCTAssertEqual(w.nodes.count, trees.reduce(0) { $0 + $1.nodeCount })
        for (t, tree) in trees.enumerated() {
            let root = Int(w.roots[t]), end = root + tree.nodeCount
            var leaves = 0, leafSum = 0.0
            for k in root..<end {
                let n = w.nodes[k]
                if Int(n.child) == k {
                    XCTAssertEqual(n.threshold, .infinity)
                    leaves += 1
                    leafSum += w.leafValue[k]
                } else {
                    XCTAssertGreaterThan(Int(n.child), k)
                    XCTAssertLessThan(Int(n.child) + 1, end)
                    XCTAssertLessThan(Int(n.input), 10)
                }
            }
            XCTAssertEqual(leaves, tree.leftChild.filter { $0 < 0 }.count)
            let expected = tree.leftChild.indices.filter { tree.leftChild[$0] < 0 }.reduce(0.0) { $0 + tree.value[$1] }
            XCTAssertEqual(leafSum, expected, accuracy: 1e-12)
        }
        let s = TreeEnsembleScorer(e, featureCount: 5)
        // The hand-made tree's threshold exactly, just above, NaN, ±0 and ±∞ on its feature.
        for v in [0.5, 0.5.nextUp, 0.5.nextDown, .nan, 0, -0.0, .infinity, -.infinity] {
            let x = [0, 0, 0, v, 0]
            XCTAssertEqual(s.margin(x).bitPattern, Self.referenceMargin(e, x).bitPattern, "x3 = \(v)")
        }
    }
}
