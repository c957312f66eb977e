import Foundation
import XCTest
@testable import ScoringRuntime

/// Version-1 golden files: they must decode to the sample models, and encoding the samples must give the
/// files byte for byte (so a format change cannot slip in unnoticed).
/// Regenerate deliberately with HYDRAWATCH_UPDATE_GOLDEN=1 swift test --filter ModelFileGoldenTests.
final class ModelFileGoldenTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func golden(_ name: String, _ sample: ModelFile) throws {
        let encoded = try sample.jsonData()
        if ProcessInfo.processInfo.environment["HYDRAWATCH_UPDATE_GOLDEN"] == "1" {
            try encoded.write(to: ModelFileGoldenTests.fixtures.appendingPathComponent(name))
        }
        let url = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
        let bytes = try Data(contentsOf: url)
        let decoded = try ModelFile(jsonData: bytes)
        XCTAssertEqual(decoded, sample)
        XCTAssertEqual(String(decoding: encoded, as: UTF8.self), String(decoding: bytes, as: UTF8.self))
    }

    func testLogisticV1() throws {
        try golden("model_v1_logistic.json", ModelFileSamples.logistic)
        let file = try ModelFile(contentsOf: XCTUnwrap(Bundle.module.url(forResource: "Fixtures/model_v1_logistic.json", withExtension: nil)))
        XCTAssertEqual(file.schema.fingerprint, ModelSchema.fingerprint(version: 1, featureNames: file.schema.featureNames))
        XCTAssertEqual(file.outputTransform, .sigmoid)
        guard case let .logistic(m) = file.model else { return XCTFail("expected a logistic model") }
        let x = [150.5, 0.125, 576.0]
        // margin = −2.25 + 0.75·(30/30) − 1.5·(−0.125/0.125) + 0.0625·(64/64) = 0.0625
        XCTAssertEqual(LogisticScorer(m).margin(x), 0.0625, accuracy: 1e-15)
    }

    func testTreeEnsembleV1() throws {
        try golden("model_v1_tree_ensemble.json", ModelFileSamples.treeEnsemble)
    }

    func testSnakeCaseKeysOnDisk() throws {
        let text = String(decoding: try ModelFileSamples.treeEnsemble.jsonData(), as: UTF8.self)
        for key in ["\"tree_ensemble\"", "\"left_child\"", "\"default_left\"", "\"base_score\"", "\"output_transform\"",
                    "\"feature_names\"", "\"data_digest\"", "\"tool_version\"", "\"created_at\""] {
            XCTAssertTrue(text.contains(key), key)
        }
        XCTAssertTrue(String(decoding: try ModelFileSamples.logistic.jsonData(), as: UTF8.self).contains("\"target_fpr\""))
    }
}
