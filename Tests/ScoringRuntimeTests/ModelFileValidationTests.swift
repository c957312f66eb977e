import Foundation
import XCTest
@testable import ScoringRuntime

final class ModelFileValidationTests: XCTestCase {
    func json(_ file: ModelFile) throws -> [String: Any] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try JSONSerialization.jsonObject(with: file.jsonData()) as! [String: Any]
    }

    func load(_ object: [String: Any]) -> ModelFileError? {
        do {
            _ = try ModelFile(jsonData: JSONSerialization.data(withJSONObject: object))
            return nil
        } catch let e as ModelFileError {
            return e
        } catch {
            XCTFail("unexpected \(error)")
            return nil
        }
    }

    func testHeaderIsCheckedFirst() throws {
        var o = try json(ModelFileSamples.logistic)
        o["format"] = "something-else"
        XCTAssertEqual(load(o), .notAModelFile(format: "something-else"))
        o["format"] = "hydrawatch-model"
        o["version"] = 2
        o["model"] = "a future body this build cannot parse"
        XCTAssertEqual(load(o), .unsupportedVersion(2))
        XCTAssertEqual(load(["version": 1]), .malformed(path: "format", reason: "missing field \"format\""))
    }

    func testMissingFieldIsNamedByPath() throws {
        var o = try json(ModelFileSamples.logistic)
        var model = o["model"] as! [String: Any]
        var logistic = model["logistic"] as! [String: Any]
        logistic.removeValue(forKey: "intercept")
        model["logistic"] = logistic
        o["model"] = model
        XCTAssertEqual(load(o), .malformed(path: "model.logistic.intercept", reason: "missing field \"intercept\""))
    }

    func testFeatureCountMustMatchSchema() {
        var f = ModelFileSamples.logistic
        f.model = .logistic(LogisticModel(mean: [0, 0], scale: [1, 1], coefficients: [1, 1], intercept: 0))
        XCTAssertThrowsError(try f.validate()) {
            XCTAssertEqual($0 as? ModelFileError, .invalid(path: "model.logistic.mean", reason: "has 2 values, schema has 3 features"))
        }
    }

    func testNonFiniteAndBadScaleAreRefused() {
        var f = ModelFileSamples.logistic
        f.model = .logistic(LogisticModel(mean: [0, 0, 0], scale: [1, 0, 1], coefficients: [1, .infinity, 1], intercept: 0))
        XCTAssertThrowsError(try f.jsonData()) {
            XCTAssertEqual($0 as? ModelFileError, .invalid(path: "model.logistic.coefficients[1]", reason: "not finite"))
        }
    }

    func tree(_ mutate: (inout Tree) -> Void) -> ModelFile {
        var f = ModelFileSamples.treeEnsemble
        guard case var .treeEnsemble(e) = f.model else { fatalError() }
        mutate(&e.trees[1])
        f.model = .treeEnsemble(e)
        return f
    }

    func testTreeChildOutOfRange() {
        let f = tree { $0.rightChild[1] = 9 }
        XCTAssertThrowsError(try f.validate()) {
            XCTAssertEqual($0 as? ModelFileError,
                           .invalid(path: "model.tree_ensemble.trees[1].right_child[1]", reason: "child 9 out of range 1..<5"))
        }
    }

    func testTreeCycleIsRefused() {
        let f = tree { $0.leftChild[1] = 2 }  // node 2 reached from 0 and from 1
        XCTAssertThrowsError(try f.validate()) { error in
            guard case let .invalid(path, reason)? = error as? ModelFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "model.tree_ensemble.trees[1].left_child[1]")
            XCTAssertTrue(reason.contains("reached twice"))
        }
        let selfLoop = tree { $0.leftChild[1] = 1 }
        XCTAssertThrowsError(try selfLoop.validate())
    }

    func testSplitFeatureOutOfRange() {
        let f = tree { $0.splitFeature[0] = 3 }
        XCTAssertThrowsError(try f.validate()) {
            XCTAssertEqual($0 as? ModelFileError,
                           .invalid(path: "model.tree_ensemble.trees[1].split_feature[0]", reason: "feature 3 out of range 0..<3"))
        }
    }

    func testFingerprintMustMatchNames() throws {
        var o = try json(ModelFileSamples.logistic)
        var schema = o["schema"] as! [String: Any]
        schema["feature_names"] = ["a", "b", "c"]
        o["schema"] = schema
        XCTAssertEqual(load(o), .invalid(path: "schema.fingerprint", reason: "does not match the feature names and schema version"))
    }
}
