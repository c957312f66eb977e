import Foundation
import ScoringRuntime

/// The models behind the version-1 golden files in Fixtures/.
enum ModelFileSamples {
    static let provenance = Provenance(
        dataDigest: "sha256:" + String(repeating: "ab", count: 32), trainRows: 800, validationRows: 200,
        parameters: ["algorithm": "logistic", "l2": "1.0", "seed": "1", "split": "group:cluster"],
        iterations: [ProvenanceIteration(iteration: 0, trainLogLoss: 0.6931471805599453, validationLogLoss: 0.69, maxGradient: 0.25),
                     ProvenanceIteration(iteration: 1, trainLogLoss: 0.3125, validationLogLoss: nil, maxGradient: 1.5e-9)],
        createdAt: "2026-11-23T00:00:00Z")

    static let logistic = ModelFile(
        toolVersion: "hydrawatch-train 0.1.0",
        schema: ModelSchema(version: 1, featureNames: ["requests_per_hour", "distinct_prompts_ratio", "mean_output_tokens"]),
        model: .logistic(LogisticModel(mean: [120.5, 0.25, 512], scale: [30, 0.125, 64],
                                       coefficients: [0.75, -1.5, 0.0625], intercept: -2.25)),
        thresholds: [OperatingThreshold(threshold: 0.875, targetFPR: 0.001), OperatingThreshold(threshold: 0.5, targetFPR: 0.01)],
        provenance: provenance)

    /// Two trees: a stump on feature 1 and a depth-2 tree with NaN routing both ways.
    static let treeEnsemble = ModelFile(
        toolVersion: "hydrawatch-train 0.1.0",
        schema: ModelSchema(version: 1, featureNames: ["requests_per_hour", "distinct_prompts_ratio", "mean_output_tokens"]),
        model: .treeEnsemble(TreeEnsemble(trees: [
            Tree(leftChild: [1, -1, -1], rightChild: [2, -1, -1], splitFeature: [1, 0, 0], threshold: [0.5, 0, 0],
                 defaultLeft: [true, false, false], value: [0, -0.25, 0.5], cover: [100, 60, 40]),
            Tree(leftChild: [1, 3, -1, -1, -1], rightChild: [2, 4, -1, -1, -1], splitFeature: [0, 2, 0, 0, 0],
                 threshold: [100, 256, 0, 0, 0], defaultLeft: [false, true, false, false, false],
                 value: [0, 0, 0.125, -0.375, 0.25], cover: [100, 70, 30, 50, 20]),
        ], baseScore: -1.5)),
        provenance: provenance)
}
