import XCTest
@testable import Training
import ScoringRuntime

/// Behaviour of the boosting loop: determinism, parameters, early stopping, sampling, thresholds.
final class GBDTTrainerTests: XCTestCase {
    private func fixture() throws -> (Dataset, Dataset) {
        (try GBDTFixtures.dataset("gbdt_synthetic_missing_train"), try GBDTFixtures.dataset("gbdt_synthetic_missing_test"))
    }

    private func parameters(rounds: Int = 15, threads: Int = 1) -> GBDTParameters {
        var p = GBDTParameters()
        p.numRounds = rounds
        p.threads = threads
        return p
    }

    func testSameSeedGivesIdenticalTreesForAnyThreadCount() throws {
        let (train, _) = try fixture()
        var p = parameters(threads: 1)
        p.baggingFraction = 0.7
        p.baggingFreq = 2
        p.featureFraction = 0.6
        p.seed = 42
        let one = try GBDTTrainer(parameters: p).fit(train)
        p.threads = 2
        let two = try GBDTTrainer(parameters: p).fit(train)
        let again = try GBDTTrainer(parameters: p).fit(train)
        XCTAssertEqual(one.ensemble, two.ensemble)
        XCTAssertEqual(two.ensemble, again.ensemble)
        XCTAssertEqual(one.history, two.history)
        p.seed = 43
        let other = try GBDTTrainer(parameters: p).fit(train)
        XCTAssertNotEqual(one.ensemble, other.ensemble)
    }

    func testInvalidParametersAndDataThrow() throws {
        let (train, _) = try fixture()
        var p = parameters()
        p.numLeaves = 1
        XCTAssertThrowsError(try GBDTTrainer(parameters: p).fit(train)) { error in
            guard case TrainingError.invalidParameter(name: "numLeaves", _, _) = error else {
                return XCTFail("unexpected \(error)")
            }
        }
        p = parameters()
        p.maxBin = 256
        XCTAssertThrowsError(try GBDTTrainer(parameters: p).fit(train))
        let oneClass = Dataset(featureNames: ["a"], rowCount: 3, values: [1, 2, 3], labels: [1, 1, 1])
        XCTAssertThrowsError(try GBDTTrainer(parameters: parameters()).fit(oneClass)) { error in
            XCTAssertEqual(error as? TrainingError, .singleClass(label: 1))
        }
        let empty = Dataset(featureNames: ["a"], rowCount: 0, values: [], labels: [])
        XCTAssertThrowsError(try GBDTTrainer(parameters: parameters()).fit(empty)) { error in
            XCTAssertEqual(error as? TrainingError, .emptyDataset)
        }
    }

    func testWithoutEarlyStoppingEveryRoundIsKeptEvenWhenValidationLossRises() throws {
        let (train, test) = try fixture()
        var p = parameters(rounds: 60, threads: 2)
        p.learningRate = 0.8  // overfits quickly: the validation loss bottoms out early
        let fitted = try GBDTTrainer(parameters: p).fit(train, validation: test)
        let losses = fitted.history.compactMap(\.validationLogLoss)
        XCTAssertEqual(losses.count, 60)
        XCTAssertLessThan(losses.firstIndex(of: losses.min()!)!, 59, "the validation loss rises before the last round")
        XCTAssertEqual(fitted.ensemble.trees.count, 60)
        XCTAssertEqual(fitted.bestIteration, 60)
    }

    func testEarlyStoppingKeepsTheBestIteration() throws {
        let (train, test) = try fixture()
        var p = parameters(rounds: 300, threads: 2)
        p.learningRate = 0.3
        p.earlyStoppingRounds = 5
        let fitted = try GBDTTrainer(parameters: p).fit(train, validation: test)
        XCTAssertLessThan(fitted.history.count, 300)
        XCTAssertEqual(fitted.ensemble.trees.count, fitted.bestIteration)
        let losses = fitted.history.compactMap(\.validationLogLoss)
        XCTAssertEqual(losses.count, fitted.history.count)
        XCTAssertEqual(losses.min(), fitted.history[fitted.bestIteration - 1].validationLogLoss)
        XCTAssertEqual(fitted.history.count - fitted.bestIteration, 5)
        XCTAssertNotNil(fitted.history.last?.trainLogLoss)
        // Training loss decreases round over round on the training set.
        let train0 = try XCTUnwrap(fitted.history.first?.trainLogLoss)
        XCTAssertLessThan(try XCTUnwrap(fitted.history.last?.trainLogLoss), train0)
    }

    func testImportancesCountEverySplit() throws {
        let (train, _) = try fixture()
        let fitted = try GBDTTrainer(parameters: parameters()).fit(train)
        let internalNodes = fitted.ensemble.trees.map { $0.leftChild.filter { $0 >= 0 }.count }.reduce(0, +)
        XCTAssertEqual(fitted.splitImportance.reduce(0, +), internalNodes)
        XCTAssertEqual(fitted.gainImportance.count, train.featureCount)
        XCTAssertTrue(fitted.gainImportance.allSatisfy { $0 >= 0 })
        // x0 and x1 carry most of the signal in the generator.
        let top = fitted.gainImportance.indices.max { fitted.gainImportance[$0] < fitted.gainImportance[$1] }
        XCTAssertTrue([0, 1].contains(top))
    }

    /// Raw-value thresholds must reproduce the bin partition: predicting the training rows through the
    /// `Tree` (x <= threshold, NaN → default side) gives the scores the trainer accumulated from bins.
    func testRawThresholdsReproduceBinnedSplits() throws {
        let (train, _) = try fixture()
        var p = parameters(rounds: 5)
        p.baggingFraction = 0.5
        p.baggingFreq = 1
        let fitted = try GBDTTrainer(parameters: p).fit(train)
        let viaTrees = fitted.ensemble.rawScores(train)
        // The trainer recorded the final training loss from its bin-routed scores.
        let loss = GBDTLogLoss.meanLoss(scores: viaTrees, labels: train.labels, weights: nil,
                                        parallel: GBDTParallel(threads: 1))
        XCTAssertEqual(loss, try XCTUnwrap(fitted.history.last?.trainLogLoss), accuracy: 1e-12)
    }

    func testScalePosWeightRaisesPositiveScores() throws {
        let (train, test) = try fixture()
        let plain = try GBDTTrainer(parameters: parameters()).fit(train)
        var p = parameters()
        p.scalePosWeight = 4
        let weighted = try GBDTTrainer(parameters: p).fit(train)
        let mean = { (x: [Double]) in x.reduce(0, +) / Double(x.count) }
        XCTAssertGreaterThan(mean(weighted.ensemble.probabilities(test)), mean(plain.ensemble.probabilities(test)) + 0.05)
    }

    func testMaxDepthBoundsTheTrees() throws {
        let (train, _) = try fixture()
        var p = parameters(rounds: 3)
        p.maxDepth = 2
        let fitted = try GBDTTrainer(parameters: p).fit(train)
        for tree in fitted.ensemble.trees {
            func depth(_ n: Int) -> Int {
                tree.leftChild[n] < 0 ? 0 : 1 + max(depth(Int(tree.leftChild[n])), depth(Int(tree.rightChild[n])))
            }
            XCTAssertLessThanOrEqual(depth(0), 2)
        }
    }
}
