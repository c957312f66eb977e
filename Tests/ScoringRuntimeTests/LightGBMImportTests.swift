import Foundation
import ScoringRuntime
import XCTest

/// Imported LightGBM models must score exactly as LightGBM does (fixtures: scripts/golden/make_lightgbm_import_fixtures.py).
final class LightGBMImportTests: XCTestCase {
    func fixture(_ name: String) throws -> String {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Largest |Δ| of raw margin and probability against LightGBM over the fixture rows.
    func parity(_ name: String) throws -> (raw: Double, probability: Double) {
        let file = try LightGBMModelImporter.modelFile(text: fixture("lightgbm_import_\(name)_model.txt"), toolVersion: "test")
        XCTAssertEqual(file.schema.featureNames, (0..<8).map { "f\($0)" })
        guard case let .treeEnsemble(e) = file.model else { return (.infinity, .infinity) }
        XCTAssertEqual(e.trees.count, 40)
        // The converted file survives a write/read cycle unchanged.
        XCTAssertEqual(try ModelFile(jsonData: file.jsonData()), file)
        let scorer = ModelScorer(file)
        var worst = (raw: 0.0, probability: 0.0)
        let lines = try fixture("lightgbm_import_\(name)_rows.csv").split(separator: "\n").dropFirst()
        XCTAssertEqual(lines.count, 300)
        for line in lines {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.isEmpty ? Double.nan : Double($0)! }
            let x = Array(cells[2...])
            let raw = x.withUnsafeBufferPointer { scorer.margin($0) }
            worst.raw = max(worst.raw, abs(raw - cells[0]))
            worst.probability = max(worst.probability, abs(scorer.probability(x) - cells[1]))
            XCTAssertEqual(scorer.explain(x).margin, raw, accuracy: 1e-9)
        }
        return worst
    }

    func testNaNMissingTypeParity() throws {
        let d = try parity("nan")
        XCTAssertLessThanOrEqual(d.raw, 1e-9)
        XCTAssertLessThanOrEqual(d.probability, 1e-9)
        print("LightGBM import parity (missing type NaN): max |Δraw| = \(d.raw), max |Δp| = \(d.probability)")
    }

    func testNoneMissingTypeParity() throws {
        let d = try parity("none")
        XCTAssertLessThanOrEqual(d.raw, 1e-9)
        XCTAssertLessThanOrEqual(d.probability, 1e-9)
        print("LightGBM import parity (missing type None): max |Δraw| = \(d.raw), max |Δp| = \(d.probability)")
    }

    func testCategoricalSplitsAreRefused() throws {
        var text = try fixture("lightgbm_import_nan_model.txt")
        let range = try XCTUnwrap(text.range(of: "decision_type=2"))
        text.replaceSubrange(range, with: "decision_type=3")
        XCTAssertThrowsError(try LightGBMModelImporter.modelFile(text: text, toolVersion: "test")) {
            guard case let .unsupported(m) = $0 as? LightGBMImportError else { return XCTFail("\($0)") }
            XCTAssertTrue(m.contains("categorical"), m)
        }
    }

    func testOtherObjectivesAndGarbageAreRefused() throws {
        let text = try fixture("lightgbm_import_nan_model.txt")
        XCTAssertThrowsError(try LightGBMModelImporter.modelFile(
            text: text.replacingOccurrences(of: "objective=binary sigmoid:1", with: "objective=regression"), toolVersion: "t"))
        XCTAssertThrowsError(try LightGBMModelImporter.modelFile(text: "{\"format\": 1}", toolVersion: "t"))
        XCTAssertThrowsError(try LightGBMModelImporter.modelFile(text: String(text.prefix(3000)), toolVersion: "t"))
    }
}
