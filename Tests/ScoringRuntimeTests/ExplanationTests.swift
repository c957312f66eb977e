import ScoringRuntime
import XCTest

/// Explanations are additive: bias + Σ contributions is the margin the scorer computes.
final class ExplanationTests: XCTestCase {
    func testLogisticContributionsSumToMarginMinusIntercept() {
        let scorer = ModelScorer(ModelFileSamples.logistic)
        let x = [180.5, .nan, 448]
        let e = scorer.explain(x)
        XCTAssertEqual(e.bias, -2.25)
        // coefficient × standardised value; the missing feature contributes 0.
        XCTAssertEqual(e.contributions, [0.75 * 2, 0, 0.0625 * -1])
        XCTAssertEqual(e.contributions.reduce(0, +), scorer.probabilityMargin(x) - (-2.25), accuracy: 1e-12)
        XCTAssertEqual(e.top(3), [0, 2])
    }

    func testSaabasContributionsFollowTheDecisionPath() {
        let scorer = ModelScorer(ModelFileSamples.treeEnsemble)
        // Tree 0: f1 = 0.75 > 0.5 → right (0.5 − 0); tree 1: f0 = 50 ≤ 100 → node 1 (0 − 0), NaN f2 → default left (−0.375 − 0).
        let x = [50, 0.75, .nan]
        let e = scorer.explain(x)
        XCTAssertEqual(e.bias, -1.5)
        XCTAssertEqual(e.contributions, [0, 0.5, -0.375])
        XCTAssertEqual(e.margin, scorer.probabilityMargin(x), accuracy: 1e-12)
        XCTAssertEqual(e.top(3), [1, 2])
    }

    func testSchemaMismatchIsRefused() {
        let scorer = ModelScorer(ModelFileSamples.logistic)
        XCTAssertNoThrow(try scorer.checkSchema(featureNames: ModelFileSamples.logistic.schema.featureNames, version: 1))
        XCTAssertThrowsError(try scorer.checkSchema(featureNames: ["requests_per_hour", "distinct_prompts_ratio", "other"], version: 1)) {
            guard case .schemaMismatch = $0 as? ModelFileError else { return XCTFail("\($0)") }
        }
    }
}

extension ModelScorer {
    func probabilityMargin(_ x: [Double]) -> Double { x.withUnsafeBufferPointer { margin($0) } }
}
