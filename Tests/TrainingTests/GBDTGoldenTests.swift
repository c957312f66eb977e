import Foundation
import XCTest
@testable import Training

/// Trains on the golden fixtures (scripts/golden/make_gbdt_fixtures.py) and compares with LightGBM 4.7:
/// test ROC-AUC within 0.002 of LightGBM's and Pearson correlation of test probabilities > 0.99.
final class GBDTGoldenTests: XCTestCase {
    func testBreastCancerMatchesLightGBM() throws {
        try compareWithLightGBM("breast_cancer")
    }

    func testSyntheticWithMissingValuesMatchesLightGBM() throws {
        try compareWithLightGBM("synthetic_missing")
    }

    private func compareWithLightGBM(_ name: String) throws {
        let train = try GBDTFixtures.dataset("gbdt_\(name)_train")
        let test = try GBDTFixtures.dataset("gbdt_\(name)_test")
        let reference = try GBDTFixtures.numbers("gbdt_\(name)_lightgbm")
        let meta = try GBDTFixtures.json("gbdt_\(name)")
        let lightgbmAUC = try XCTUnwrap(meta["lightgbm_test_auc"] as? Double)

        var p = GBDTParameters()
        p.numRounds = try XCTUnwrap(meta["rounds"] as? Int)
        p.numLeaves = 31
        p.learningRate = 0.1
        p.maxBin = 255
        p.minDataInLeaf = 20
        p.minSumHessianInLeaf = 1e-3
        p.threads = 2
        let fitted = try GBDTTrainer(parameters: p).fit(train)
        let probabilities = fitted.ensemble.probabilities(test)

        let auc = GBDTFixtures.rocAUC(labels: test.labels, scores: probabilities)
        let r = GBDTFixtures.pearson(probabilities, reference)
        print("[\(name)] AUC \(auc) vs LightGBM \(lightgbmAUC) (Δ \(auc - lightgbmAUC)), Pearson r \(r)")
        XCTAssertEqual(auc, lightgbmAUC, accuracy: 0.002)
        XCTAssertGreaterThan(r, 0.99)
    }
}

/// Reading the CSV fixtures and the two comparison statistics.
enum GBDTFixtures {
    static func url(_ name: String, _ ext: String) throws -> URL {
        try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"),
                      "missing fixture \(name).\(ext): run scripts/golden/make_gbdt_fixtures.py")
    }

    /// `label,<features>` CSV, empty field = missing, into a column-major dataset.
    static func dataset(_ name: String) throws -> Dataset {
        let text = try String(contentsOf: url(name, "csv"), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false)
        let names = header.dropFirst().map(String.init)
        let rows = lines.count
        var values = [Double](repeating: .nan, count: rows * names.count)
        var labels = [Double](repeating: 0, count: rows)
        for (i, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            labels[i] = Double(fields[0])!
            for j in 0..<names.count where !fields[j + 1].isEmpty {
                values[j * rows + i] = Double(fields[j + 1])!
            }
        }
        return Dataset(featureNames: names, rowCount: rows, values: values, labels: labels)
    }

    static func numbers(_ name: String) throws -> [Double] {
        try String(contentsOf: url(name, "csv"), encoding: .utf8).split(separator: "\n").map { Double($0)! }
    }

    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: url(name, "json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Mann–Whitney ROC-AUC with ties counted as one half.
    static func rocAUC(labels: [Double], scores: [Double]) -> Double {
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSumPositive = 0.0
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for k in i...j where labels[order[k]] > 0.5 { rankSumPositive += rank }
            i = j + 1
        }
        let positives = labels.filter { $0 > 0.5 }.count
        let negatives = labels.count - positives
        return (rankSumPositive - Double(positives * (positives + 1)) / 2) / Double(positives * negatives)
    }

    static func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (x, y) in zip(a, b) {
            sab += (x - ma) * (y - mb)
            saa += (x - ma) * (x - ma)
            sbb += (y - mb) * (y - mb)
        }
        return sab / (saa * sbb).squareRoot()
    }
}
