import XCTest
@testable import ScoringRuntime

final class ScorerTests: XCTestCase {
    func testTreeEnsembleRouting() {
        guard case let .treeEnsemble(e) = ModelFileSamples.treeEnsemble.model else { return XCTFail() }
        let s = TreeEnsembleScorer(e, featureCount: 3)
        // Tree 0: x1 ≤ 0.5 → −0.25 else 0.5 (NaN → left). Tree 1: x0 ≤ 100 → (x2 ≤ 256 → −0.375 else 0.25; NaN → left)
        // else 0.125 (NaN at root → right).
        XCTAssertEqual(s.margin([50, 0.1, 100]), -1.5 - 0.25 - 0.375)
        XCTAssertEqual(s.margin([50, 0.9, 300]), -1.5 + 0.5 + 0.25)
        XCTAssertEqual(s.margin([.nan, .nan, .nan]), -1.5 - 0.25 + 0.125)
        XCTAssertEqual(s.margin([100, 0.5, .nan]), -1.5 - 0.25 - 0.375)
        XCTAssertEqual(s.probability([50, 0.9, 300]), 1 / (1 + exp(0.75)), accuracy: 1e-15)
    }

    func testSigmoidIsStableForLargeMargins() {
        XCTAssertEqual(OutputTransform.sigmoid.apply(-800), 0)
        XCTAssertEqual(OutputTransform.sigmoid.apply(800), 1)
        XCTAssertEqual(OutputTransform.sigmoid.apply(0), 0.5)
    }

    func testLogisticBatchMatchesSingleRows() {
        guard case let .logistic(m) = ModelFileSamples.logistic.model else { return XCTFail() }
        let s = LogisticScorer(m)
        let rows: [Double] = [100, 0.5, 400, .nan, 0.25, 512]
        let batch = s.probabilities(rowMajor: rows)
        XCTAssertEqual(batch[0], s.probability([100, 0.5, 400]))
        XCTAssertEqual(batch[1], s.probability([120.5, 0.25, 512]), accuracy: 0)  // NaN → mean
    }
}

#if canImport(Glibc)
import Glibc
#endif
