/// A HydraWatch model file, version 1: everything scoring needs, plus provenance. The contract between
/// training and the runtime; documented in docs/model-format.md with a golden file per version in tests.
public struct ModelFile: Sendable, Equatable {
    public static let format = "hydrawatch-model"
    public static let currentVersion = 1

    /// Version of the tool that wrote the file (informational).
    public var toolVersion: String
    public var schema: ModelSchema
    public var model: ModelKind
    public var outputTransform: OutputTransform
    /// Optional operating points, ascending by target false-positive rate.
    public var thresholds: [OperatingThreshold]
    public var provenance: Provenance

    public init(toolVersion: String, schema: ModelSchema, model: ModelKind, outputTransform: OutputTransform = .sigmoid,
                thresholds: [OperatingThreshold] = [], provenance: Provenance) {
        self.toolVersion = toolVersion
        self.schema = schema
        self.model = model
        self.outputTransform = outputTransform
        self.thresholds = thresholds
        self.provenance = provenance
    }
}
