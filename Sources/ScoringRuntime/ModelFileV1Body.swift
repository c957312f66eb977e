/// The version-1 body on disk: the header fields plus the model. Keys are snake_case and sorted.
struct ModelFileV1Body: Codable {
    var format: String
    var version: Int
    var toolVersion: String
    var schema: ModelSchema
    var model: ModelKind
    var outputTransform: OutputTransform
    var thresholds: [OperatingThreshold]
    var provenance: Provenance
}
