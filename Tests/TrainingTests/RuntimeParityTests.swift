import Foundation
import XCTest
@testable import Training
import ScoringRuntime

/// The model file is the contract: what the runtime computes from the written file must equal what the
/// trainer computed in memory (≤ 1e-12), after a round trip through the file's JSON bytes.
final class RuntimeParityTests: XCTestCase {
    private func roundTrip(_ file: ModelFile) throws -> ModelScorer {
        ModelScorer(try ModelFile(jsonData: try file.jsonData()))
    }

    private func builder() -> ModelFileBuilder {
        ModelFileBuilder(toolVersion: "test", schemaVersion: 1, dataDigest: "sha256:0", trainRows: 0, validationRows: 0,
                         parameters: [:], createdAt: nil)
    }

    func testGBDTRuntimeScoresEqualTheTrainersPredictions() throws {
        let train = try GBDTFixtures.dataset("gbdt_synthetic_missing_train")
        let test = try GBDTFixtures.dataset("gbdt_synthetic_missing_test")
        var p = GBDTParameters()
        p.numRounds = 30
        p.threads = 2
        let fitted = try GBDTTrainer(parameters: p).fit(train)
        let scorer = try roundTrip(builder().build(fitted))
        let runtime = scorer.probabilities(columnMajor: test.values, rows: test.rowCount)
        let trainer = fitted.ensemble.probabilities(test)
        XCTAssertEqual(runtime.count, test.rowCount)
        XCTAssertTrue(test.values.contains { $0.isNaN }, "the fixture exercises missing values")
        let worst = zip(runtime, trainer).map { abs($0 - $1) }.max()!
        XCTAssertLessThanOrEqual(worst, 1e-12)
    }

    func testLogisticRuntimeReproducesTheTrainersFinalLoss() throws {
        let train = try GBDTFixtures.dataset("gbdt_synthetic_missing_train")
        var lr = LogisticRegression()
        lr.l2 = 1
        let fitted = try lr.fit(train)
        let scorer = try roundTrip(builder().build(fitted))
        let p = scorer.probabilities(columnMajor: train.values, rows: train.rowCount)
        var loss = 0.0
        for (y, q) in zip(train.labels, p) { loss -= y > 0.5 ? log(q) : log(1 - q) }
        loss /= Double(train.rowCount)
        let trainerLoss = try XCTUnwrap(fitted.history.last?.trainLogLoss)
        XCTAssertEqual(loss, trainerLoss, accuracy: 1e-12 * max(1, trainerLoss))
    }
}
