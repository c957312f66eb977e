import Foundation
@testable import ScoringRuntime
import XCTest

/// The runtime's TreeSHAP must give LightGBM's `predict(pred_contrib=True)` on imported models (fixtures:
/// scripts/golden/make_treeshap_fixtures.py), and Shapley values by brute force on small random trees.
final class TreeSHAPTests: XCTestCase {
    func fixture(_ name: String) throws -> String {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
        return try String(contentsOf: url, encoding: .utf8)
    }

    func rows(_ text: String) -> [[Double]] {
        text.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.isEmpty ? Double.nan : Double($0)! }
        }
    }

    func assertMatchesLightGBM(_ name: String) throws {
        let file = try LightGBMModelImporter.modelFile(text: fixture("lightgbm_import_\(name)_model.txt"), toolVersion: "test")
        let scorer = ModelScorer(file)
        XCTAssertTrue(scorer.supportsTreeSHAP)
        let xs = rows(try fixture("lightgbm_import_\(name)_rows.csv")).map { Array($0[2...]) }
        let expected = rows(try fixture("lightgbm_treeshap_\(name)_contrib.csv"))
        XCTAssertEqual(xs.count, 300)
        XCTAssertEqual(expected.count, 300)
        var worst = 0.0, moved = 0
        for (x, ref) in zip(xs, expected) {
            let e = scorer.explain(x, method: .treeSHAP)
            worst = max(worst, abs(e.bias - ref[8]))
            for j in 0..<8 { worst = max(worst, abs(e.contributions[j] - ref[j])) }
            XCTAssertEqual(e.margin, x.withUnsafeBufferPointer { scorer.margin($0) }, accuracy: 1e-9)
            // Saabas splits the same margin differently; the test must not pass by returning Saabas values.
            if zip(scorer.explain(x).contributions, e.contributions).contains(where: { abs($0 - $1) > 1e-6 }) { moved += 1 }
        }
        XCTAssertLessThanOrEqual(worst, 1e-9)
        XCTAssertGreaterThan(moved, 250)
        print("TreeSHAP vs LightGBM pred_contrib (\(name)): max |Δ| = \(worst)")
    }

    func testNaNMissingTypeMatchesLightGBM() throws { try assertMatchesLightGBM("nan") }

    func testNoneMissingTypeMatchesLightGBM() throws { try assertMatchesLightGBM("none") }

    /// φ_j = Σ_{S ⊆ F∖{j}} |S|!(M−|S|−1)!/M! (v(S ∪ {j}) − v(S)), with v(S) the path-dependent expectation: follow
    /// the row where the split feature is in S, else both children weighted by cover. Exact for small M.
    func testBruteForceShapleyValuesOnRandomTrees() {
        var rng = SystemRandomNumberGenerator()
        func v(_ t: Tree, _ n: Int, _ x: [Double], _ s: Set<Int>) -> Double {
            if t.leftChild[n] < 0 { return t.value[n] }
            let l = Int(t.leftChild[n]), r = Int(t.rightChild[n]), f = Int(t.splitFeature[n])
            if s.contains(f) {
                let goLeft = x[f].isNaN ? t.defaultLeft[n] : x[f] <= t.threshold[n]
                return v(t, goLeft ? l : r, x, s)
            }
            return (t.cover[l] * v(t, l, x, s) + t.cover[r] * v(t, r, x, s)) / t.cover[n]
        }
        func factorial(_ k: Int) -> Double { k <= 1 ? 1 : Double(k) * factorial(k - 1) }
        for _ in 0..<40 {
            let m = Int.random(in: 1...5, using: &rng)
            var t = TreeEnsembleScorerLayoutTests.randomTree(leaves: Int.random(in: 2...14, using: &rng), features: m, rng: &rng)
            // Covers consistent with a tree: leaves random, internal nodes the sum of their children.
            func fill(_ n: Int) -> Double {
                if t.leftChild[n] < 0 { t.cover[n] = Double.random(in: 1...20, using: &rng); return t.cover[n] }
                t.cover[n] = fill(Int(t.leftChild[n])) + fill(Int(t.rightChild[n]))
                return t.cover[n]
            }
            _ = fill(0)
            let x: [Double] = (0..<m).map { _ in Int.random(in: 0..<6, using: &rng) == 0 ? .nan : Double.random(in: -1.5...1.5, using: &rng) }
            var phi = [Double](repeating: 0, count: m)
            TreeSHAP.add(t, x, into: &phi)
            XCTAssertEqual(TreeSHAP.expectedValue(t), v(t, 0, x, []), accuracy: 1e-12)
            for j in 0..<m {
                let others = (0..<m).filter { $0 != j }
                var exact = 0.0
                for mask in 0..<(1 << others.count) {
                    let s = Set(others.indices.filter { mask & (1 << $0) != 0 }.map { others[$0] })
                    let w = factorial(s.count) * factorial(m - s.count - 1) / factorial(m)
                    exact += w * (v(t, 0, x, s.union([j])) - v(t, 0, x, s))
                }
                XCTAssertEqual(phi[j], exact, accuracy: 1e-12, "feature \(j) of \(m)")
            }
        }
    }
}
