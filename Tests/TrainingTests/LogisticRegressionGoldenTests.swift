import ScoringRuntime
import XCTest
@testable import Training

/// Logistic regression against scikit-learn on the same data and objective.
/// Tolerances: StandardScaler mean/scale 1e-12 relative; coefficients and intercept normwise
/// max_j |w_j − w_j^ref| ≤ 1e-4 · max(1, max_j |w_j^ref|); probabilities 1e-6 absolute.
final class LogisticRegressionGoldenTests: XCTestCase {
    /// `blockRows: 16` makes even the 20k-row set have enough panels for the warm start on sampled panels
    /// and the sampled Hessian, so those paths are checked against scikit-learn too.
    func check(_ data: Dataset, _ ref: GoldenCase, blockRows: Int = 512, file: StaticString = #filePath, line: UInt = #line) throws {
        var lr = LogisticRegression()
        lr.blockRows = blockRows
        lr.l2 = ref.l2
        lr.l1 = ref.l1 ?? 0
        lr.scalePosWeight = ref.scale_pos_weight
        lr.tolerance = 1e-10
        let fitted = try lr.fit(data)
        XCTAssertTrue(fitted.converged, file: file, line: line)
        let m = fitted.model
        for j in 0..<data.featureCount {
            XCTAssertEqual(m.mean[j], ref.mean[j], accuracy: 1e-12 * max(1, abs(ref.mean[j])), file: file, line: line)
            XCTAssertEqual(m.scale[j], ref.scale[j], accuracy: 1e-12 * abs(ref.scale[j]), file: file, line: line)
        }
        let bound = 1e-4 * max(1, ref.coefficients.map(abs).max()!)
        let coefDelta = zip(m.coefficients, ref.coefficients).map { abs($0 - $1) }.max()!
        XCTAssertLessThanOrEqual(coefDelta, bound, "coefficients", file: file, line: line)
        XCTAssertLessThanOrEqual(abs(m.intercept - ref.intercept), bound, "intercept", file: file, line: line)
        let scorer = LogisticScorer(m)
        var row = [Double](repeating: 0, count: data.featureCount)
        var probDelta = 0.0
        for (i, p) in ref.probabilities.enumerated() {
            data.copyRow(i, into: &row)
            probDelta = max(probDelta, abs(scorer.probability(row) - p))
        }
        XCTAssertLessThanOrEqual(probDelta, 1e-6, "probabilities", file: file, line: line)
        print("golden blockRows=\(blockRows) l2=\(ref.l2) spw=\(ref.scale_pos_weight): iterations \(fitted.iterations), "
              + "max |Δcoef| \(coefDelta), |Δintercept| \(abs(m.intercept - ref.intercept)), max |Δp| \(probDelta)")
    }

    func testBreastCancerMatchesScikitLearn() throws {
        let golden = try GoldenFixtures.load()
        let data = try DatasetSource(path: GoldenFixtures.url("lr_breast_cancer.csv").path).load()
        XCTAssertEqual(data.rowCount, 569)
        XCTAssertEqual(data.featureCount, 30)
        for ref in golden.breast_cancer { try check(data, ref) }
    }

    /// Elastic net (proximal Newton) against scikit-learn's saga; the same zero pattern is required too.
    func testElasticNetMatchesScikitLearn() throws {
        let golden = try GoldenFixtures.load()
        let data = try DatasetSource(path: GoldenFixtures.url("lr_breast_cancer.csv").path).load()
        for ref in golden.breast_cancer_elastic_net {
            try check(data, ref)
            var lr = LogisticRegression()
            lr.l2 = ref.l2
            lr.l1 = ref.l1 ?? 0
            lr.tolerance = 1e-10
            let m = try lr.fit(data).model
            XCTAssertEqual(m.coefficients.map { $0 == 0 }, ref.coefficients.map { $0 == 0 }, "zero pattern")
        }
    }

    func testSyntheticMatchesScikitLearn() throws {
        let golden = try GoldenFixtures.load()
        let s = golden.synthetic
        let data = SyntheticLogisticData.make(rows: s.rows, cols: s.cols, seed: s.seed)
        XCTAssertEqual(data.values.reduce(0, +), s.x_sum, accuracy: 1e-9 * abs(s.x_sum), "generator drifted from the script")
        XCTAssertEqual(data.positiveCount, s.positives)
        for ref in s.cases {
            try check(data, ref)
            try check(data, ref, blockRows: 16)
        }
    }

    func testResultDoesNotDependOnThreadsOrBlocking() throws {
        let data = SyntheticLogisticData.make(rows: 5000, cols: 8, seed: 3)
        var a = LogisticRegression()
        a.threads = 1
        var b = a
        b.threads = 2
        let fa = try a.fit(data), fb = try b.fit(data)
        XCTAssertEqual(fa.model, fb.model, "thread count must not change a single bit")
        var c = a
        c.hessianSampleStride = 1
        let fc = try c.fit(data)
        for (x, y) in zip(fa.model.coefficients, fc.model.coefficients) { XCTAssertEqual(x, y, accuracy: 1e-6) }
    }

    func testMissingValuesAreImputedWithTheMean() throws {
        var data = SyntheticLogisticData.make(rows: 2000, cols: 4, seed: 5)
        for i in stride(from: 0, to: 2000, by: 7) { data.values[1 * 2000 + i] = .nan }
        let fitted = try LogisticRegression().fit(data)
        XCTAssertTrue(fitted.model.mean.allSatisfy { $0.isFinite })
        let scorer = LogisticScorer(fitted.model)
        var row = [0.5, .nan, 1.0, 2.0]
        let withNaN = scorer.margin(row)
        row[1] = fitted.model.mean[1]
        XCTAssertEqual(withNaN, scorer.margin(row), accuracy: 1e-12)
    }

    func testSingleClassIsRefused() {
        let data = Dataset(featureNames: ["a"], rowCount: 3, values: [1, 2, 3], labels: [0, 0, 0])
        XCTAssertThrowsError(try LogisticRegression().fit(data)) { XCTAssertEqual($0 as? TrainingError, .singleClass(label: 0)) }
    }
}
