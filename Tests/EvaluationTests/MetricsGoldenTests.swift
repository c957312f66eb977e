import Foundation
import XCTest
@testable import Evaluation

/// Metric functions against scikit-learn (fixtures: scripts/golden/make_metric_fixtures.py). Tolerance 1e-9.
final class MetricsGoldenTests: XCTestCase {
    struct Case: Decodable {
        var name: String
        var labels: [Double]
        var scores: [Double]
        var roc_auc: Double
        var average_precision: Double
        var log_loss: Double
        var brier: Double
    }
    struct Golden: Decodable { var cases: [Case] }

    func testMatchesScikitLearn() throws {
        let url = Bundle.module.url(forResource: "metrics_golden", withExtension: "json", subdirectory: "Fixtures")!
        let golden = try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
        XCTAssertEqual(golden.cases.count, 3)
        for c in golden.cases {
            XCTAssertEqual(RankingMetrics.rocAUC(labels: c.labels, scores: c.scores), c.roc_auc, accuracy: 1e-9, c.name)
            XCTAssertEqual(RankingMetrics.averagePrecision(labels: c.labels, scores: c.scores), c.average_precision,
                           accuracy: 1e-9, c.name)
            XCTAssertEqual(ProbabilisticMetrics.logLoss(labels: c.labels, probabilities: c.scores), c.log_loss,
                           accuracy: 1e-9, c.name)
            XCTAssertEqual(ProbabilisticMetrics.brier(labels: c.labels, probabilities: c.scores), c.brier,
                           accuracy: 1e-9, c.name)
        }
    }

    func testRecallAtFPRNeverSplitsTies() {
        // Scores: positives 0.9, 0.8, 0.8(neg tie), 0.3. At FPR ≤ 0 the tie at 0.8 cannot be taken.
        let y: [Double] = [1, 1, 0, 1, 0, 0]
        let s: [Double] = [0.9, 0.8, 0.8, 0.3, 0.2, 0.1]
        let r0 = RankingMetrics.recallAtFPR(labels: y, scores: s, maxFPR: 0)
        XCTAssertEqual(r0.recall, 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(r0.threshold, 0.9)
        let r1 = RankingMetrics.recallAtFPR(labels: y, scores: s, maxFPR: 1.0 / 3)
        XCTAssertEqual(r1.recall, 1.0, accuracy: 1e-12)
        XCTAssertEqual(r1.threshold, 0.3)
        XCTAssertEqual(RankingMetrics.precisionAtK(labels: y, scores: s, k: 3), 2.0 / 3, accuracy: 1e-12)
    }

    func testRecallAtFPRTakesTheFewestFalsePositivesForTheBestRecall() {
        // Every positive scores ≥ 0.7; the negatives at 0.6 and 0.5 fit inside FPR ≤ 2/5 but catch nothing more.
        let y: [Double] = [1, 1, 0, 1, 0, 0, 0, 0]
        let s: [Double] = [0.9, 0.8, 0.75, 0.7, 0.6, 0.5, 0.2, 0.1]
        let r = RankingMetrics.recallAtFPR(labels: y, scores: s, maxFPR: 0.4)
        XCTAssertEqual(r.recall, 1.0, accuracy: 1e-12)
        XCTAssertEqual(r.threshold, 0.7)
        XCTAssertEqual(r.fpr, 0.2, accuracy: 1e-12)
    }

    func testRecallAtFPRWithASegmentBudget() {
        // Benign rows: two of segment "dev" (0.85 and 0.5) and seven of "chat". Overall FPR ≤ 0.34 allows three false
        // positives, but a 0.5 budget per segment allows only one "dev" row: the sweep stops before 0.5.
        let y: [Double] = [1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]
        let s: [Double] = [0.9, 0.85, 0.8, 0.75, 0.6, 0.5, 0.4, 0.3, 0.2, 0.15, 0.1, 0.05, 0.45]
        let seg: [String?] = [nil, "dev", nil, "chat", nil, "dev", "chat", "chat", "chat", "chat", "chat", "chat", nil]
        let free = RankingMetrics.recallAtFPR(labels: y, scores: s, maxFPR: 0.34)
        XCTAssertEqual(free.recall, 1.0, accuracy: 1e-12)
        XCTAssertEqual(free.threshold, 0.45)
        let r = RankingMetrics.recallAtFPR(labels: y, scores: s, maxFPR: 0.34, segments: seg, maxSegmentFPR: 0.5)
        XCTAssertEqual(r.recall, 0.75, accuracy: 1e-12)
        XCTAssertEqual(r.threshold, 0.6)
        XCTAssertEqual(r.fpr, 2.0 / 9.0, accuracy: 1e-12)
        // Without any budget pressure the two agree.
        let loose = RankingMetrics.recallAtFPR(labels: y, scores: s, maxFPR: 0.34, segments: seg, maxSegmentFPR: 1)
        XCTAssertEqual(loose.recall, free.recall)
        XCTAssertEqual(loose.threshold, free.threshold)
    }

    func testCalibrationOfAPerfectlyCalibratedPredictorIsSmall() {
        var y: [Double] = [], p: [Double] = []
        for b in 0..<10 {
            let rate = (Double(b) + 0.5) / 10
            for k in 0..<100 {
                p.append(rate)
                y.append(k < b * 10 + 5 ? 1 : 0)
            }
        }
        XCTAssertEqual(CalibrationMetrics.expectedCalibrationError(labels: y, probabilities: p), 0, accuracy: 1e-12)
        XCTAssertEqual(CalibrationMetrics.reliability(labels: y, probabilities: p).count, 10)
        // Predicting 0.9 for a 50% class is off by 0.4.
        XCTAssertEqual(CalibrationMetrics.expectedCalibrationError(labels: [1, 0], probabilities: [0.9, 0.9]), 0.4,
                       accuracy: 1e-12)
    }
}

final class BootstrapTests: XCTestCase {
    func testIntervalsAreReproducibleAndCoverTheEstimate() {
        var y: [Double] = [], s: [Double] = []
        var state: UInt64 = 42
        for i in 0..<400 {
            let pos = i % 5 == 0
            y.append(pos ? 1 : 0)
            s.append(Double(Bootstrap.splitMix(&state) % 1000) / 1000 + (pos ? 0.4 : 0))
        }
        let b = Bootstrap(replicates: 200, seed: 7)
        let a1 = b.interval(labels: y, scores: s) { RankingMetrics.rocAUC(labels: $0, scores: $1) }
        let a2 = b.interval(labels: y, scores: s) { RankingMetrics.rocAUC(labels: $0, scores: $1) }
        XCTAssertEqual(a1, a2)
        XCTAssertLessThan(a1.lower, a1.estimate)
        XCTAssertGreaterThan(a1.upper, a1.estimate)
        XCTAssertLessThan(a1.upper - a1.lower, 0.2)
        // A model compared with itself differs by exactly zero in every replicate.
        let d = b.pairedDifference(labels: y, baseline: s, challenger: s) { RankingMetrics.rocAUC(labels: $0, scores: $1) }
        XCTAssertEqual(d.lower, 0)
        XCTAssertEqual(d.upper, 0)
        // A better challenger has a positive interval.
        let better = zip(s, y).map { $0 + ($1 > 0.5 ? 0.3 : 0) }
        let d2 = b.pairedDifference(labels: y, baseline: s, challenger: better) { RankingMetrics.rocAUC(labels: $0, scores: $1) }
        XCTAssertGreaterThan(d2.lower, 0)
    }
}

final class ReportTests: XCTestCase {
    func testReportHasSlicesComparisonAndRendersOffline() throws {
        var y: [Double] = [], s: [Double] = [], camp: [String?] = [], seg: [String?] = [], cl: [String?] = []
        var state: UInt64 = 9
        for i in 0..<2000 {
            let pos = i % 20 == 0
            y.append(pos ? 1 : 0)
            let u = Double(Bootstrap.splitMix(&state) % 10_000) / 10_000
            s.append(pos ? 0.5 + u / 2 : u * 0.6)
            camp.append(pos ? (i % 40 == 0 ? "minimax-like" : "deepseek-like") : nil)
            seg.append(pos ? nil : (i % 3 == 0 ? "coding_agents" : "casual_chat"))
            cl.append(pos ? "op-\(i % 7)" : nil)
        }
        var opts = EvaluationOptions()
        opts.bootstrap = Bootstrap(replicates: 50, seed: 3)
        opts.featureImportance = [.init(feature: "cot_elicitation_share", value: 12.5)]
        let r = Evaluator.evaluate(EvaluationInput(labels: y, scores: s, campaigns: camp, segments: seg, clusters: cl),
                                   options: opts, baseline: (name: "champion", scores: s.map { $0 * 0.5 }))
        XCTAssertEqual(r.summary.positives, 100)
        XCTAssertEqual(r.campaigns.map(\.name), ["deepseek-like", "minimax-like"])
        XCTAssertEqual(r.segments.map(\.name), ["casual_chat", "coding_agents"])
        XCTAssertEqual(r.segments.map(\.accounts).reduce(0, +), 1900)
        XCTAssertLessThanOrEqual(r.confusion.fpr, 0.001)
        XCTAssertEqual(r.clusters?.attackerClusters, 7)
        // Halving every score keeps the ranking: AUC difference is exactly zero.
        XCTAssertEqual(r.comparison?.aucDifference.estimate, 0)
        XCTAssertEqual(r.comparison?.verdict, "no significant difference: intervals include zero")
        let html = ReportRenderer.html(r)
        XCTAssertTrue(html.hasPrefix("<!doctype html>"))
        XCTAssertEqual(html.components(separatedBy: "<svg").count - 1, 7)
        XCTAssertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"),
                       "the page must open offline with nothing fetched")
        XCTAssertTrue(ReportRenderer.markdown(r).contains("| minimax-like |"))
        let json = try JSONSerialization.jsonObject(with: ReportRenderer.json(r)) as? [String: Any]
        XCTAssertNotNil(json?["summary"])
    }

    /// A threshold fixed elsewhere is applied as given and the report names where it came from.
    func testGivenThresholdAndItsSource() {
        var opts = EvaluationOptions()
        opts.bootstrap = Bootstrap(replicates: 0)
        opts.threshold = 0.5
        opts.thresholdSource = "model file: FPR ≤ 0.1% on its validation set"
        let r = Evaluator.evaluate(EvaluationInput(labels: [0, 0, 1, 1], scores: [0.1, 0.6, 0.4, 0.9]), options: opts)
        XCTAssertEqual(r.confusion.threshold, 0.5)
        XCTAssertEqual(r.confusion.thresholdSource, "model file: FPR ≤ 0.1% on its validation set")
        XCTAssertEqual(r.confusion.truePositives, 1)
        XCTAssertEqual(r.confusion.falsePositives, 1)
        XCTAssertTrue(ReportRenderer.html(r).contains("model file: FPR ≤ 0.1% on its validation set"))
    }

    /// Without a given threshold the target-FPR point is used; a note (e.g. how an overridden stored threshold
    /// fares) is appended to the source.
    func testTargetFPROperatingPointCarriesANote() {
        var opts = EvaluationOptions()
        opts.bootstrap = Bootstrap(replicates: 0)
        opts.fprTargets = [0.5]
        opts.thresholdNote = "the model file's threshold 0.05 would give FPR 100% here"
        let r = Evaluator.evaluate(EvaluationInput(labels: [0, 0, 1, 1], scores: [0.1, 0.6, 0.4, 0.9]), options: opts)
        XCTAssertEqual(r.confusion.threshold, 0.4)
        XCTAssertEqual(r.confusion.thresholdSource,
                       "highest recall at FPR ≤ 50%; the model file's threshold 0.05 would give FPR 100% here")
    }
}

final class ThresholdForFPRTests: XCTestCase {
    func testThresholdForTargetFPR() {
        let labels: [Double] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]
        let scores: [Double] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.5]
        let t = RankingMetrics.threshold(forTargetFPR: 0.1, labels: labels, scores: scores)!
        XCTAssertEqual(t, 0.9.nextUp)  // only 0.95 of the 10 negatives scores ≥ t
        XCTAssertEqual(zip(labels, scores).filter { $0.0 == 0 && $0.1 >= t }.count, 1)
        XCTAssertEqual(RankingMetrics.threshold(forTargetFPR: 0, labels: labels, scores: scores), 0.95.nextUp)
        XCTAssertEqual(RankingMetrics.threshold(forTargetFPR: 1, labels: labels, scores: scores), 0)
        XCTAssertNil(RankingMetrics.threshold(forTargetFPR: 0.1, labels: [1, 1], scores: [0.2, 0.3]))
    }

    func testAUCEdgeCases() {
        XCTAssertEqual(RankingMetrics.rocAUC(labels: [0, 0, 1, 1], scores: [0.1, 0.4, 0.35, 0.8]), 0.75)
        XCTAssertEqual(RankingMetrics.rocAUC(labels: [0, 1], scores: [0.5, 0.5]), 0.5)
        XCTAssertTrue(RankingMetrics.rocAUC(labels: [1, 1], scores: [0.5, 0.5]).isNaN)
    }
}
