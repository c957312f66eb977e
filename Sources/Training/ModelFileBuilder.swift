import ScoringRuntime
import TrafficFeatures

/// Assembles a `ModelFile` from a fitted model and what the command knows about the run.
/// Only deterministic inputs go in, so the same data, parameters and seed give the same file.
public struct ModelFileBuilder: Sendable {
    public var toolVersion: String
    public var schemaVersion: Int
    public var dataDigest: String
    public var trainRows: Int
    public var validationRows: Int
    public var parameters: [String: String]
    /// RFC 3339 UTC, or nil to omit (the default; see `ModelFileBuilder.creationTime(environment:)`).
    public var createdAt: String?
    public var thresholds: [OperatingThreshold] = []

    public init(toolVersion: String, schemaVersion: Int, dataDigest: String, trainRows: Int, validationRows: Int,
                parameters: [String: String], createdAt: String?) {
        self.toolVersion = toolVersion
        self.schemaVersion = schemaVersion
        self.dataDigest = dataDigest
        self.trainRows = trainRows
        self.validationRows = validationRows
        self.parameters = parameters
        self.createdAt = createdAt
    }

    public func build(_ fitted: FittedLogisticRegression) -> ModelFile {
        let iterations = fitted.history.map {
            ProvenanceIteration(iteration: $0.iteration, trainLogLoss: $0.trainLogLoss,
                                validationLogLoss: $0.validationLogLoss, maxGradient: $0.maxGradient)
        }
        return file(featureNames: fitted.featureNames, model: .logistic(fitted.model), iterations: iterations)
    }

    public func build(_ fitted: FittedGBDT) -> ModelFile {
        let iterations = fitted.history.map {
            ProvenanceIteration(iteration: $0.iteration, trainLogLoss: $0.trainLogLoss, validationLogLoss: $0.validationLogLoss)
        }
        return file(featureNames: fitted.featureNames, model: .treeEnsemble(fitted.ensemble), iterations: iterations)
    }

    private func file(featureNames: [String], model: ModelKind, iterations: [ProvenanceIteration]) -> ModelFile {
        ModelFile(toolVersion: toolVersion, schema: ModelSchema(version: schemaVersion, featureNames: featureNames),
                  model: model, outputTransform: .sigmoid, thresholds: thresholds,
                  provenance: Provenance(dataDigest: dataDigest, trainRows: trainRows, validationRows: validationRows,
                                         parameters: parameters, iterations: iterations, createdAt: createdAt))
    }

    /// The creation time to record: `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) rendered as RFC 3339 when
    /// set (reproducible builds convention), otherwise nil — the file then carries no time at all.
    public static func creationTime(environment: [String: String]) throws -> String? {
        guard let raw = environment["SOURCE_DATE_EPOCH"] else { return nil }
        guard let seconds = Int64(raw), seconds >= 0 else {
            throw TrainingError.invalidParameter(name: "SOURCE_DATE_EPOCH", value: raw, expected: "whole seconds since 1970-01-01 UTC")
        }
        return rfc3339(seconds)
    }

    /// No Foundation formatter, so no locale or time zone enters.
    static func rfc3339(_ t: Int64) -> String { RFC3339.formatSeconds(Int(t)) }
}
